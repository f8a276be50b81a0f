// The simulator core shared by the embedded backend and `ecs simulator serve`:
// one implementation of every action, taking the flat wire parameters the real service
// receives and answering the real response object or an ApiError.

import { ApiError } from '../core/errors.js';
import type { ApiResponse } from '../api/types.js';
import { newRequestId } from './ids.js';
import { Params } from './params.js';
import { timeScale } from './settings.js';
import { emptyState, type SimState } from './state.js';
import { Store } from './store.js';

export interface ActionContext {
  params: Params;
  state: SimState;
  /** Simulated now (wall clock + offset). */
  now: Date;
  /** Multiplier for durations (0 = instant). */
  scale: number;
  requestId: string;
  env: NodeJS.ProcessEnv;
  /** RegionId parameter, or the backend's default region. */
  regionId: string;
}

export interface ActionDef {
  /** Whether the action changes state (runs under the store lock and is persisted). */
  mutates: boolean;
  /** Answers from the static catalogue only: the store is not read at all. */
  stateless?: boolean;
  handler: (c: ActionContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Time-driven transitions (Starting → Running, auto-release, expiry …), applied on every load. */
export type Settler = (state: SimState, now: Date, scale: number) => void;

/** Keyed by the request's Action: a Map, so "constructor" or "__proto__" is simply not found. */
const ACTIONS = new Map<string, ActionDef>();
const SETTLERS: Settler[] = [];

export function defineActions(defs: Record<string, ActionDef>): void {
  for (const [name, def] of Object.entries(defs)) ACTIONS.set(name, def);
}
export function defineSettler(s: Settler): void {
  SETTLERS.push(s);
}
export function knownActions(): string[] {
  return [...ACTIONS.keys()].sort();
}

export function simNow(state: SimState): Date {
  return new Date(Date.now() + (state.clockOffsetMs ?? 0));
}

export function settle(state: SimState, env: NodeJS.ProcessEnv): Date {
  const now = simNow(state);
  const scale = timeScale(state, env);
  for (const s of SETTLERS) s(state, now, scale);
  return now;
}

export interface SimulatorOptions {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Region used when a request has no RegionId. */
  defaultRegion?: string;
}

export class Simulator {
  readonly store: Store;
  private loaded?: Promise<void>;

  constructor(readonly opts: SimulatorOptions) {
    this.store = new Store(opts.dir);
  }

  private ensureActions(): Promise<void> {
    this.loaded ??= import('./actions/index.js').then(() => undefined);
    return this.loaded;
  }

  /** Run one action. Throws ApiError with the real Code and HTTP status. */
  async dispatch(action: string, flat: Record<string, string>, requestId = newRequestId()): Promise<ApiResponse> {
    await this.ensureActions();
    const def = ACTIONS.get(action);
    if (!def) {
      throw new ApiError('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', 404, { requestId });
    }
    const params = new Params(flat);
    const run = async (state: SimState) => {
      const now = settle(state, this.opts.env);
      const c: ActionContext = {
        params,
        state,
        now,
        scale: timeScale(state, this.opts.env),
        requestId,
        env: this.opts.env,
        regionId: flat.RegionId || this.opts.defaultRegion || 'cn-hangzhou',
      };
      return def.handler(c);
    };
    try {
      const body = def.mutates
        ? await this.store.mutate(run)
        : await run(def.stateless ? emptyState(new Date()) : this.store.read());
      return { RequestId: requestId, ...body };
    } catch (e) {
      if (e instanceof ApiError && !e.requestId) {
        throw new ApiError(e.code!, e.message, e.httpStatus, { requestId, data: e.data });
      }
      throw e;
    }
  }
}

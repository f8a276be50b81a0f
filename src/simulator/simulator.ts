// The simulator core shared by the embedded backend and `ecs simulator serve`:
// one implementation of every action, taking the flat wire parameters the real service
// receives and answering the real response object or an ApiError.

import { ApiError } from '../core/errors.js';
import type { ActionName, RequestOf, ResponseOf } from '../api/actions/index.js';
import type { ApiResponse } from '../api/types.js';
import { newRequestId } from './ids.js';
import { Params } from './params.js';
import type { TypedParams } from './typed-params.js';
import { timeScale } from './settings.js';
import { emptyState, type SimState } from './state.js';
import { ChangeTracker, untracked } from './journal.js';
import type { LockHolder } from './lock.js';
import { parseLockTimeout, Store } from './store.js';
import { ACTION_MANIFEST } from './actions/manifest.js';
import { SETTLERS } from './actions/index.js';

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

/**
 * The context of a handler that names its action (`TypedActionContext<'DescribeZones'>`):
 * it reads parameters through a view typed by the request, so misspelt names fail to compile.
 */
export type TypedActionContext<A extends ActionName> = Omit<ActionContext, 'params'> & { params: TypedParams<RequestOf<A>> };

/** What a handler answers: the action's response type (src/api/actions/) without RequestId. */
export type ActionResult<A extends ActionName> = Omit<ResponseOf<A>, 'RequestId'>;

/**
 * A handler: the function an action module exports for one action (its flags, `mutates` and
 * `stateless`, are in the manifest, src/simulator/actions/manifest.ts). Method syntax, so a
 * handler taking TypedActionContext<A> fits too.
 */
export type ActionHandler<A extends ActionName = ActionName> = {
  bivariant(c: ActionContext): ActionResult<A> | Promise<ActionResult<A>>;
}['bivariant'];

/** What an action module exports as `handlers`: only actions of the typed map (src/api/actions/index.ts). */
export type ActionHandlers = { [A in ActionName]?: ActionHandler<A> };

/**
 * A module's handlers, typed by the action map: `export const handlers = defineHandlers({ … })`.
 * An identity function, and on purpose a runtime import of this module: with it every handler
 * module's chunk depends on the simulator core, so the bundler keeps the core (this module,
 * the store, its lookups and indexes, the settlers) in one chunk. Without it the store and
 * the lookups it calls while parsing land in different chunks, and in the CommonJS build
 * (scripts/esm-to-cjs.js) each such call goes through a getter (~3 ms at 10,000 instances).
 */
export function defineHandlers<H extends ActionHandlers>(handlers: H): H {
  return handlers;
}

/** Time-driven transitions (Starting → Running, auto-release, expiry …), applied on every load. */
export type Settler = (state: SimState, now: Date, scale: number) => void;

/** Every action the simulator answers, sorted (the manifest's, without loading a handler). */
export function knownActions(): string[] {
  return [...ACTION_MANIFEST.keys()].sort();
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
  /** Wait at most this long for another process's store lock (default: ECS_LOCK_TIMEOUT seconds, else 60 s). */
  lockTimeoutMs?: number;
  /** Told who holds the store lock once a writer has waited a second (default: a line on stderr when it is a terminal). */
  onLockWait?: (holder: LockHolder) => void;
  /** Group-commit mutations (Store.mutateBatched): the served simulator, which runs requests concurrently. */
  groupCommit?: boolean;
}

/** The default lock-wait notice: on a terminal only (stderr is talk; a pipe or cron log stays quiet). */
function lockWaitNotice(h: LockHolder): void {
  if (!process.stderr.isTTY) return;
  const ago = Math.max(0, Math.round((Date.now() - h.sinceMs) / 1000));
  process.stderr.write(`waiting for the simulator state lock, held by ${h.pid ? `process ${h.pid}` : 'a process'} since ${new Date(h.sinceMs).toISOString().slice(11, 19)} UTC (${ago} s ago); --lock-timeout SECONDS limits the wait\n`);
}

export class Simulator {
  readonly store: Store;

  constructor(readonly opts: SimulatorOptions) {
    this.store = new Store(opts.dir, {
      lockTimeoutMs: opts.lockTimeoutMs ?? parseLockTimeout(opts.env.ECS_LOCK_TIMEOUT),
      onLockWait: opts.onLockWait ?? lockWaitNotice,
    });
  }

  /** Run one action. Throws ApiError with the real Code and HTTP status. */
  async dispatch(action: string, flat: Record<string, string>, requestId = newRequestId()): Promise<ApiResponse> {
    // A Map: "constructor" or "__proto__" is simply not found.
    const def = ACTION_MANIFEST.get(action);
    if (!def) {
      throw new ApiError('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.', 404, { requestId });
    }
    // Only the module that holds this handler (and what it imports) is loaded.
    const handler = await def.load();
    const params = new Params(flat);
    const run = async (state: SimState) => {
      // Settlers change records: through a change tracker (a mutation's state already is
      // one), so a lazily loaded state knows which records changed.
      const now = settle(untracked(state) === state ? new ChangeTracker(state).proxy : state, this.opts.env);
      const c: ActionContext = {
        params,
        state,
        now,
        scale: timeScale(state, this.opts.env),
        requestId,
        env: this.opts.env,
        regionId: flat.RegionId || this.opts.defaultRegion || 'cn-hangzhou',
      };
      return handler(c);
    };
    if (def.mutates && params.has('DryRun') && params.bool('DryRun')) return this.dryRun(run, requestId);
    try {
      const body = def.mutates
        ? await (this.opts.groupCommit ? this.store.mutateBatched(run) : this.store.mutate(run))
        : await run(def.stateless ? emptyState(new Date()) : this.store.read());
      return { RequestId: requestId, ...body };
    } catch (e) {
      if (e instanceof ApiError && !e.requestId) {
        throw new ApiError(e.code!, e.message, e.httpStatus, { requestId, data: e.data });
      }
      throw e;
    }
  }

  /**
   * DryRun=true on any mutating action: the request is checked against a fresh load of the state
   * (every validation the handler makes, nothing persisted) and answered DryRunOperation,
   * as the service answers a dry run that would succeed.
   */
  private async dryRun(run: (state: SimState) => unknown, requestId: string): Promise<never> {
    try {
      await run(this.store.readFresh());
    } catch (e) {
      if (e instanceof ApiError && !e.requestId) throw new ApiError(e.code!, e.message, e.httpStatus, { requestId, data: e.data });
      throw e;
    }
    throw new ApiError('DryRunOperation', 'Request validation has been passed with DryRun flag set.', 400, { requestId });
  }
}

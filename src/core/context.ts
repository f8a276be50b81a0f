// The context every verb receives: IO, global options, resolved config, the API
// (constructed lazily: the simulator or the HTTP client are imported only when a verb
// calls ctx.api()), output, prompts and progress.

import type { EcsApi } from '../api/types.js';
import { resolveConfig, simulatorDir, type ResolvedConfig } from './config.js';
import { CliError, UsageError } from './errors.js';
import type { IO } from './io.js';
import { renderData, renderRecord, type OutputFormat, type RenderSpec } from './output.js';
import { startProgress, note, warn, type Progress } from './progress.js';
import { confirmAction, promptNewSecret, promptSecret, canPrompt } from './prompt.js';
import { redact } from './redact.js';
import { DEFAULT_WAIT_TIMEOUT_S } from './waiter.js';

export interface GlobalOptions {
  profile?: string;
  region?: string;
  backend?: string;
  endpoint?: string;
  signature?: string;
  output?: OutputFormat;
  query?: string;
  quiet?: boolean;
  yes?: boolean;
  /** commander's --no-input sets input=false */
  input?: boolean;
  /** commander's --no-color sets color=false */
  color?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  waitTimeout?: number;
  debug?: boolean;
}

export class Context {
  private _config?: ResolvedConfig;
  private _api?: Promise<EcsApi>;
  /** Aborted on Ctrl-C. */
  readonly abort = new AbortController();

  constructor(
    readonly io: IO,
    readonly globals: GlobalOptions,
    readonly env: NodeJS.ProcessEnv,
    /** Injected API (tests); otherwise built from config on first use. */
    private readonly apiFactory?: (ctx: Context) => Promise<EcsApi>,
  ) {}

  get quiet(): boolean {
    return Boolean(this.globals.quiet);
  }
  get outputFormat(): OutputFormat {
    return this.globals.output ?? 'table';
  }
  get waitTimeoutMs(): number {
    return (this.globals.waitTimeout ?? DEFAULT_WAIT_TIMEOUT_S) * 1000;
  }

  config(): ResolvedConfig {
    this._config ??= resolveConfig(
      {
        profile: this.globals.profile,
        region: this.globals.region,
        backend: this.globals.backend,
        endpoint: this.globals.endpoint,
        signature: this.globals.signature,
      },
      this.env,
    );
    return this._config;
  }

  get region(): string {
    return this.config().region;
  }

  api(): Promise<EcsApi> {
    this._api ??= (this.apiFactory ?? defaultApiFactory)(this).then((api) => (this.globals.debug ? debugApi(api, this) : api));
    return this._api;
  }

  async close(): Promise<void> {
    if (this._api) {
      const api = await this._api.catch(() => undefined);
      await api?.close?.();
    }
  }

  // ---- output -------------------------------------------------------------
  render<T>(data: T[] | T, spec: RenderSpec<T>, single = false): Promise<void> {
    return renderData(this.io, data, spec, { format: this.globals.output, query: this.globals.query }, single);
  }
  renderRecord(data: Record<string, unknown>, fields: [string, unknown][], id?: string): Promise<void> {
    return renderRecord(this.io, data, fields, { format: this.globals.output, query: this.globals.query }, id);
  }

  // ---- talk on stderr -----------------------------------------------------
  note(text: string): void {
    note(this.io, this.quiet, text);
  }
  warn(text: string): void {
    warn(this.io, text);
  }
  debug(text: string): void {
    if (this.globals.debug) this.io.stderr.write(`debug: ${text}\n`);
  }
  progress(text: string): Promise<Progress> {
    return startProgress(this.io, this.quiet, text);
  }

  // ---- prompts ------------------------------------------------------------
  private get promptPolicy() {
    return { io: this.io, yes: Boolean(this.globals.yes), noInput: this.globals.input === false };
  }
  canPrompt(): boolean {
    return canPrompt(this.promptPolicy);
  }
  confirm(question: string, what: string): Promise<void> {
    return confirmAction(this.promptPolicy, question, what);
  }
  promptSecret(message: string, alternative: string): Promise<string> {
    return promptSecret(this.promptPolicy, message, alternative);
  }
  promptNewSecret(message: string, alternative: string, validate?: (v: string) => void): Promise<string> {
    return promptNewSecret(this.promptPolicy, message, alternative, validate);
  }
}

async function defaultApiFactory(ctx: Context): Promise<EcsApi> {
  const cfg = ctx.config();
  if (cfg.backend === 'simulator') {
    if (cfg.endpoint && cfg.sources.endpoint !== 'profile') {
      throw new UsageError('--endpoint needs --backend remote (the embedded simulator has no endpoint)');
    }
    const { SimulatorBackend } = await import('../simulator/backend.js');
    return new SimulatorBackend({ dir: simulatorDir(ctx.env), regionId: cfg.region, env: ctx.env });
  }
  const { RemoteBackend } = await import('../api/remote.js');
  return new RemoteBackend({ config: cfg, env: ctx.env, debug: ctx.globals.debug ? (l: string) => ctx.debug(l) : undefined, signal: ctx.abort.signal });
}

/** --debug for any backend: log each action with its parameters and the response, redacted. */
function debugApi(api: EcsApi, ctx: Context): EcsApi {
  if (api.kind === 'remote') return api; // the HTTP client logs requests itself, on the wire
  return {
    kind: api.kind,
    regionId: api.regionId,
    close: api.close?.bind(api),
    async call(action, params, opts) {
      ctx.debug(`${api.kind} → ${action} ${JSON.stringify(redact(params ?? {}))}`);
      try {
        const res = await api.call(action, params, opts);
        ctx.debug(`${api.kind} ← ${action} ${JSON.stringify(redact(res))}`);
        return res as any;
      } catch (e) {
        const c = e as CliError;
        ctx.debug(`${api.kind} ← ${action} error ${c.code ?? ''} ${c.message}`);
        throw e;
      }
    },
  };
}

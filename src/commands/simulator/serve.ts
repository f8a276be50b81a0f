// ecs simulator serve [--port 8787] [--host 127.0.0.1] [--throttle RPS] [--latency MS] [--fail-rate R]
//
// The simulator over the real ECS OpenAPI wire protocol (V1 and V3 signatures). Once
// listening it prints, on stdout, what a client needs — the data of this command — as
// KEY=VALUE lines, ECS_ENDPOINT last (or one JSON object with -o json):
//   ECS_BACKEND=remote
//   ALIBABA_CLOUD_ACCESS_KEY_ID=…
//   ALIBABA_CLOUD_ACCESS_KEY_SECRET=…     (only for a generated pair; never echoes yours)
//   ECS_ENDPOINT=127.0.0.1:8787
// Talk (banner, warnings, errors) goes to stderr. SIGTERM: stop accepting, finish
// in-flight requests, exit 0. SIGINT (Ctrl-C): the same, exit 130.

import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option } from 'commander';
import { simulatorDir } from '../../core/config.js';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';

function num(name: string, min: number, max = Infinity, int = false) {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max || (int && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${name} must be ${int ? 'a whole number' : 'a number'} ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, got "${v}"`);
    }
    return n;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomString(n: number): string {
  const b = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += ALNUM[b[i]! % ALNUM.length];
  return s;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export default defineCommand({
  configure(cmd) {
    cmd
      .description('Serve the simulator over the ECS OpenAPI wire protocol (V1 and V3 signatures)')
      .addOption(new Option('--port <port>', 'TCP port (0 = any free port)').default(8787).argParser(num('--port', 0, 65535, true)))
      .option('--host <address>', 'address to bind; anything but loopback is reachable from the network', '127.0.0.1')
      .addOption(new Option('--throttle <rps>', 'answer Throttling.User above this many requests/s (overrides setting throttle)').argParser(num('--throttle', 0)))
      .addOption(new Option('--latency <ms>', 'delay every request by this many ms (overrides setting latency)').argParser(num('--latency', 0, 600_000, true)))
      .addOption(new Option('--fail-rate <r>', 'fraction of requests answered 503 ServiceUnavailable (overrides setting fail-rate)').argParser(num('--fail-rate', 0, 1)))
      .addHelpText(
        'after',
        `
Examples:
  ecs simulator serve                          # http://127.0.0.1:8787, credentials printed
  ecs simulator serve --port 0 --throttle 50   # any free port, 50 requests/s
  ALIBABA_CLOUD_ACCESS_KEY_ID=test ALIBABA_CLOUD_ACCESS_KEY_SECRET=secret ecs simulator serve
  ecs --backend remote --endpoint 127.0.0.1:8787 instance list

Credentials: ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET when set at start, otherwise a generated
pair. Stdout gets KEY=VALUE lines (ECS_BACKEND, ALIBABA_CLOUD_ACCESS_KEY_ID, the secret only
when generated, ECS_ENDPOINT last) or one JSON object with -o json.
SIGTERM stops after in-flight requests finish (exit 0); Ctrl-C does the same (exit 130).`,
      );
  },
  async run(ctx, _args, opts) {
    const host = String(opts.host);
    if (!/^[A-Za-z0-9.:-]+$/.test(host)) throw new UsageError(`invalid --host "${host}"`);
    const env = ctx.env;
    let accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    let accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    const generated = !accessKeyId;
    if (accessKeyId && !accessKeySecret) {
      throw new UsageError('ALIBABA_CLOUD_ACCESS_KEY_ID is set without ALIBABA_CLOUD_ACCESS_KEY_SECRET; set both, or neither for a generated pair');
    }
    if (generated) {
      accessKeyId = `LTAI${randomString(20)}`;
      accessKeySecret = randomString(30);
    }
    if (!isLoopback(host)) {
      ctx.warn(`serving on ${host}: the simulator is reachable from the network over plain HTTP; anyone who has the credentials can change its state`);
    }
    const { SimulatorServer } = await import('../../simulator/server.js');
    const server = new SimulatorServer({
      dir: simulatorDir(env),
      env,
      host,
      port: opts.port,
      credentials: { accessKeyId: accessKeyId!, accessKeySecret: accessKeySecret!, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined },
      faults: { throttle: opts.throttle, latency: opts.latency, failRate: opts.failRate },
      defaultRegion: ctx.region,
      log: (l) => ctx.io.stderr.write(`${l}\n`),
      onRequest: ctx.globals.debug ? (n) => ctx.debug(`request ${n} received`) : undefined,
    });
    let addr;
    try {
      addr = await server.listen();
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EADDRINUSE') throw new UsageError(`port ${opts.port} on ${host} is already in use (choose another with --port, or --port 0)`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UsageError(`cannot bind ${host}: not an address of this machine`);
      throw e;
    }
    // Install the stop handlers before announcing readiness: a client may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      if (ctx.abort.signal.aborted) resolve();
      ctx.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const hostPart = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const endpoint = `${hostPart}:${addr.port}`;
    const data: Record<string, string> = { ECS_BACKEND: 'remote', ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId! };
    if (generated) data.ALIBABA_CLOUD_ACCESS_KEY_SECRET = accessKeySecret!;
    data.ECS_ENDPOINT = endpoint;
    if (ctx.outputFormat === 'json') ctx.io.stdout.write(JSON.stringify(data) + '\n');
    else ctx.io.stdout.write(Object.entries(data).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
    ctx.note(
      `serving the simulator (${simulatorDir(env)}) on http://${endpoint} — V1 and V3 signatures, credentials ${generated ? 'generated (above)' : 'from ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET'}; Ctrl-C or SIGTERM to stop`,
    );

    await stopped;
    ctx.note('stopping: finishing in-flight requests');
    await server.close();
    const s = server.stats;
    ctx.note(`stopped after ${s.requests} requests (${s.ok} ok, ${s.errors} errors, ${s.throttled} throttled, ${s.injected} injected failures)`);
  },
});

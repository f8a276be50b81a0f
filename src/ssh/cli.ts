// What the SSH verbs (audit host, host push-key|harden|set-password) share: their options,
// the credentials (prepared once per run), known_hosts, connecting with a per-host
// deadline, and a bounded worker pool.

import { READ_LIMITS } from '../core/read.js';
import { Option, type Command } from 'commander';
import { join } from 'node:path';
import type { Context } from '../core/context.js';
import { InterruptedError, UsageError } from '../core/errors.js';
import { readAll } from '../core/io.js';
import { positiveInt } from '../commands/shared/parse.js';
import { readPassphraseFile } from '../commands/key/common.js';
import { readSecretFile } from '../commands/shared/secret.js';
import { connect, defaultIdentities, loadIdentity, SshError, type Credentials, type SshSession } from './connect.js';
import { parseTarget, type Target } from './target.js';

export const DEFAULT_TIMEOUT_S = 30;

export interface SshFlags {
  identity?: string;
  passphraseFile?: string;
  agent?: boolean;
  acceptNew?: boolean;
  knownHosts?: string;
  timeout?: number;
  loginUser?: string;
  sudo?: boolean;
  // login password (named --password-* on most verbs, --login-password-* on set-password)
  pwFile?: string;
  pwStdin?: boolean;
  pwPrompt?: boolean | string;
}

/** Declare the connection options. `loginPrefix` names the password flags (set-password: "login-"). */
export function sshOptions(cmd: Command, o: { loginPrefix?: string; sudo?: boolean } = {}): Command {
  const p = o.loginPrefix ?? '';
  cmd
    .option('-i, --identity <file>', 'private key to log in with (PEM, OpenSSH or PuTTY PPK v2/v3)')
    .option('--passphrase-file <file>', 'passphrase of an encrypted --identity (first line)')
    .option('--no-agent', 'do not use the ssh-agent of SSH_AUTH_SOCK')
    .option(`--${p}password-file <file>`, 'log in with the password in this file (mode 0600)')
    .option(`--${p}password-stdin`, 'log in with the password read from standard input')
    .addOption(new Option(`--${p}password [value]`, 'prompt for the login password (a value is refused)'))
    .option('-l, --login-user <name>', 'user to log in as when HOST has no USER@ (default: $USER)')
    .option('--accept-new', 'add the key of a host not yet in known_hosts (a changed key is always refused)')
    .option('--known-hosts <file>', 'known_hosts file (default: ~/.ssh/known_hosts)')
    .option('--timeout <seconds>', `per host: connect, log in and finish within this time (default ${DEFAULT_TIMEOUT_S})`, positiveInt('--timeout', 1, 3600));
  if (o.sudo !== false) cmd.option('--sudo', 'read/run what needs root with `sudo -n` when not logged in as root (never asks for a password)');
  return cmd;
}

/** Pick the SSH flags out of a verb's options. */
export function sshFlags(opts: Record<string, any>, loginPrefix = ''): SshFlags {
  const k = loginPrefix ? (s: string) => `login${s[0]!.toUpperCase()}${s.slice(1)}` : (s: string) => s;
  return {
    identity: opts.identity,
    passphraseFile: opts.passphraseFile,
    agent: opts.agent,
    acceptNew: opts.acceptNew,
    knownHosts: opts.knownHosts,
    timeout: opts.timeout,
    loginUser: opts.loginUser,
    sudo: opts.sudo,
    pwFile: opts[k('passwordFile')],
    pwStdin: opts[k('passwordStdin')],
    pwPrompt: opts[k('password')],
  };
}

function home(ctx: Context): string {
  const h = ctx.env.HOME;
  if (!h) throw new UsageError('HOME is not set: give --known-hosts FILE');
  return h;
}

export function knownHostsFile(ctx: Context, f: SshFlags): string {
  return f.knownHosts ?? join(home(ctx), '.ssh', 'known_hosts');
}

export function targets(ctx: Context, specs: string[], f: SshFlags): Target[] {
  const user = f.loginUser ?? ctx.env.USER ?? ctx.env.LOGNAME ?? 'root';
  return specs.map((s) => parseTarget(s, { user }));
}

/**
 * The credentials of a run, prepared once: --identity (or ~/.ssh/id_* when none is given),
 * the agent, and a login password from a file, stdin or a prompt (never argv).
 */
export async function credentials(ctx: Context, f: SshFlags, loginPrefix = ''): Promise<Credentials> {
  const flag = (s: string) => `--${loginPrefix}${s}`;
  if (typeof f.pwPrompt === 'string') throw new UsageError(`a password is never taken on the command line (it would stay in shell history and ps): use ${flag('password-file')} FILE, ${flag('password-stdin')} or ${flag('password')} to be prompted`);
  if ([f.pwFile !== undefined, f.pwStdin, f.pwPrompt === true].filter(Boolean).length > 1) throw new UsageError(`choose one of ${flag('password-file')}, ${flag('password-stdin')} and ${flag('password')}`);
  const creds: Credentials = { keys: [] };
  if (f.identity !== undefined) {
    creds.keys.push(
      await loadIdentity(f.identity, async () => {
        if (f.passphraseFile !== undefined) return readPassphraseFile(ctx, '--passphrase-file', f.passphraseFile);
        return ctx.promptSecret(`Passphrase for ${f.identity}:`, '--passphrase-file FILE');
      }),
    );
  } else if (ctx.env.HOME) {
    creds.keys.push(...(await defaultIdentities(ctx.env.HOME, (l) => ctx.debug(l))));
  }
  if (f.agent !== false && ctx.env.SSH_AUTH_SOCK) creds.agent = ctx.env.SSH_AUTH_SOCK;
  if (f.pwFile !== undefined) creds.password = readSecretFile(ctx, f.pwFile, 'login password');
  else if (f.pwStdin) {
    const v = (await readAll(ctx.io.stdin, READ_LIMITS.secret, 'the login password on standard input')).replace(/\r?\n$/, '');
    if (!v) throw new UsageError(`${flag('password-stdin')}: standard input was empty`);
    creds.password = v;
  } else if (f.pwPrompt === true) creds.password = await ctx.promptSecret('Login password:', `${flag('password-file')} FILE or ${flag('password-stdin')}`);
  return creds;
}

export interface SessionOptions {
  ctx: Context;
  flags: SshFlags;
  creds: Credentials;
  knownHosts: string;
}

/** Connect to one target, with the run's credentials and host-key policy. */
export function open(t: Target, o: SessionOptions, signal?: AbortSignal): Promise<SshSession> {
  return connect(t, {
    signal,
    knownHostsFile: o.knownHosts,
    acceptNew: Boolean(o.flags.acceptNew),
    timeoutMs: (o.flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000,
    credentials: o.creds,
    onAccepted: (tt, fp) => o.ctx.warn(`${tt.label}: added the host key ${fp} to ${o.knownHosts} (--accept-new)`),
    debug: (l) => o.ctx.debug(l),
  });
}

/**
 * Connect, run `work`, close; the whole thing must finish within the per-host timeout
 * (then the connection is destroyed and the host reported as timed out).
 */
export async function withSession<T>(t: Target, o: SessionOptions, work: (s: SshSession) => Promise<T>, opts: { interruptible?: boolean } = {}): Promise<T> {
  const ms = (o.flags.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
  let session: SshSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const stop = new AbortController();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      stop.abort(); // a connection still being set up is destroyed now, not at its own timeout
      session?.close();
      reject(new SshError(`${t.label}: timed out after ${ms / 1000}s`, 'Ssh.Timeout'));
    }, ms);
    timer.unref?.();
  });
  // Ctrl-C: stop connecting at once; stop the work too when it only reads (audits), but
  // let a change on the host (harden, push-key, set-password) finish its steps
  const interrupt = o.ctx.abort.signal;
  let onInterrupt: (() => void) | undefined;
  const interrupted = new Promise<never>((_, reject) => {
    onInterrupt = () => {
      if (session && !opts.interruptible) return;
      stop.abort();
      session?.close();
      reject(new InterruptedError(`${t.label}: interrupted`));
    };
    if (interrupt.aborted) onInterrupt();
    else interrupt.addEventListener('abort', onInterrupt, { once: true });
  });
  interrupted.catch(() => {});
  try {
    return await Promise.race([
      interrupted,
      (async () => {
        session = await open(t, o, stop.signal);
        // logged in just as the deadline passed: do not leave the connection open
        if (timedOut) session.close();
        return work(session);
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
    if (onInterrupt) interrupt.removeEventListener('abort', onInterrupt);
    session?.close();
  }
}

/** Run fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

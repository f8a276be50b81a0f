// One SSH connection (ssh2): host key checked against known_hosts, authentication by key
// (PEM, OpenSSH or PPK v2/v3, converted by src/keys), agent or password, remote commands
// with capped output, SFTP. Errors are one-line CliErrors with the exit code they mean.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { ClientChannel, ConnectConfig, SFTPWrapper, AnyAuthMethod, AuthenticationType } from 'ssh2';
import { CliError, ExitCode } from '../core/errors.js';
import { loadPrivate } from '../keys/load.js';
import { writeOpenssh } from '../keys/openssh.js';
import { appendHostKey, blobType, checkHostKey, fingerprint, hostKeyAlgorithmsFor, hostName, readCapped } from './known-hosts.js';
import type { Target } from './target.js';
import { clean, shq } from './text.js';

export type AuthKind = 'publickey' | 'agent' | 'password';

/** Credentials prepared once for every host of a run. */
export interface Credentials {
  /** OpenSSH-format private keys (converted from PEM/PPK), with where they came from */
  keys: { name: string; text: string }[];
  agent?: string;
  password?: string;
}

export interface ConnectOptions {
  knownHostsFile: string;
  acceptNew: boolean;
  timeoutMs: number;
  credentials: Credentials;
  /** aborting it ends a connection still in progress (the per-host deadline) */
  signal?: AbortSignal;
  /** told when --accept-new adds a key */
  onAccepted?: (target: Target, fp: string) => void;
  debug?: (line: string) => void;
}

export class SshError extends CliError {
  constructor(message: string, code: string, exitCode: number = ExitCode.FAILURE) {
    super(message, { code, exitCode });
    this.name = 'SshError';
  }
}

/**
 * Load the private key of --identity (any format src/keys reads, PPK v3 included) and turn
 * it into an unencrypted OpenSSH key that ssh2 can parse. The passphrase, when the file is
 * encrypted, comes from the caller (file, stdin or prompt), never from argv.
 */
export async function loadIdentity(file: string, passphrase: () => Promise<string | undefined>): Promise<{ name: string; text: string }> {
  let buf: Buffer | undefined;
  try {
    // capped while reading: a device reports size 0
    buf = readCapped(file, 1024 * 1024);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : clean((e as Error).message).replace(`${file} `, '');
    throw new CliError(`--identity ${file}: ${why}`, { exitCode: ExitCode.FAILURE });
  }
  if (!buf) throw new CliError(`--identity ${file}: no such file`, { exitCode: ExitCode.FAILURE });
  try {
    const { key } = await loadPrivate(buf, passphrase);
    return { name: file, text: await writeOpenssh(key) };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`--identity ${file}: ${clean((e as Error).message)}`, { exitCode: ExitCode.FAILURE });
  }
}

/** ~/.ssh/id_ed25519, id_ecdsa, id_rsa when present and not encrypted (as ssh tries them). */
export async function defaultIdentities(home: string, debug?: (l: string) => void): Promise<{ name: string; text: string }[]> {
  const out: { name: string; text: string }[] = [];
  for (const n of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const f = join(home, '.ssh', n);
    if (!existsSync(f)) continue;
    try {
      out.push(await loadIdentity(f, async () => undefined));
    } catch (e) {
      debug?.(`skipping ${f}: ${(e as Error).message}`);
    }
  }
  return out;
}

export interface ExecResult {
  code: number | null;
  signal?: string;
  stdout: Buffer;
  stderr: string;
}

export class SshSession {
  constructor(
    readonly target: Target,
    private readonly client: ssh2.Client,
    /** the method that logged in */
    readonly auth: AuthKind,
  ) {}

  get isRoot(): boolean {
    return this.target.user === 'root';
  }

  /**
   * Run a command. `stdin` is written to it and closed (secrets travel this way, never in
   * the command line). stdout is capped at maxBytes while reading: over it, the channel is
   * closed and the promise rejects.
   */
  exec(command: string, o: { stdin?: Buffer | string; maxBytes?: number } = {}): Promise<ExecResult> {
    const max = o.maxBytes ?? 4 * 1024 * 1024;
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, stream: ClientChannel) => {
        if (err) return reject(new SshError(`${this.target.label}: cannot run a command: ${clean(err.message)}`, 'Ssh.Exec'));
        const out: Buffer[] = [];
        let size = 0;
        let errText = '';
        let over = false;
        let code: number | null = null;
        let signal: string | undefined;
        stream.on('data', (d: Buffer) => {
          if (over) return;
          size += d.length;
          if (size > max) {
            over = true;
            stream.close();
            return;
          }
          out.push(d);
        });
        stream.stderr.on('data', (d: Buffer) => {
          if (errText.length < 65536) errText += d.toString('utf8');
        });
        stream.on('exit', (c: number | null, s?: string) => {
          code = c;
          signal = s ?? undefined;
        });
        stream.on('close', () => {
          if (over) return reject(new SshError(`${this.target.label}: output larger than ${max} bytes`, 'Ssh.TooLarge'));
          resolve({ code, signal, stdout: Buffer.concat(out), stderr: errText });
        });
        if (o.stdin !== undefined) stream.end(o.stdin);
        else stream.end();
      });
    });
  }

  /** exec that must succeed (exit 0); the failure names the step and the host's message. */
  async run(command: string, what: string, o: { stdin?: Buffer | string; maxBytes?: number } = {}): Promise<ExecResult> {
    const r = await this.exec(command, o);
    if (r.code !== 0) throw new SshError(`${this.target.label}: ${what} failed${r.code !== null ? ` (exit ${r.code})` : r.signal ? ` (signal ${r.signal})` : ''}${r.stderr.trim() ? `: ${clean(r.stderr)}` : ''}`, 'Ssh.CommandFailed');
    return r;
  }

  /** `sudo -n` before a command unless logged in as root (sudo never asks for a password). */
  asRoot(command: string): string {
    return this.isRoot ? command : `sudo -n -- ${command}`;
  }

  private _sftp?: Promise<SFTPWrapper>;
  sftp(): Promise<SFTPWrapper> {
    this._sftp ??= new Promise((resolve, reject) => {
      this.client.sftp((err, s) => (err ? reject(new SshError(`${this.target.label}: SFTP is not available: ${clean(err.message)}`, 'Ssh.Sftp')) : resolve(s)));
    });
    return this._sftp;
  }

  close(): void {
    this.client.end();
    this.client.destroy();
  }
}

export { shq };

function netError(target: Target, e: NodeJS.ErrnoException & { level?: string }, timeoutMs: number): SshError {
  const where = target.label;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new SshError(`${where}: connection refused`, 'Ssh.ConnectionRefused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SshError(`${where}: host name not found`, 'Ssh.HostNotFound');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshError(`${where}: host unreachable`, 'Ssh.Unreachable');
    case 'ETIMEDOUT':
      return new SshError(`${where}: timed out after ${Math.round(timeoutMs / 1000)}s`, 'Ssh.Timeout', ExitCode.FAILURE);
    case 'ECONNRESET':
      return new SshError(`${where}: connection reset by the host`, 'Ssh.ConnectionReset');
  }
  if (/timed out/i.test(e.message)) return new SshError(`${where}: timed out after ${Math.round(timeoutMs / 1000)}s`, 'Ssh.Timeout');
  if (e.level === 'client-authentication') return new SshError(`${where}: authentication failed`, 'Ssh.AuthFailed', ExitCode.AUTH);
  return new SshError(`${where}: ${clean(e.message)}`, 'Ssh.Error');
}

/** Connect, check the host key, log in. */
export function connect(target: Target, o: ConnectOptions): Promise<SshSession> {
  const creds = o.credentials;
  const methods: AnyAuthMethod[] = [];
  for (const k of creds.keys) methods.push({ type: 'publickey', username: target.user, key: k.text });
  if (creds.agent) methods.push({ type: 'agent', username: target.user, agent: creds.agent });
  if (creds.password !== undefined) methods.push({ type: 'password', username: target.user, password: creds.password });
  if (!methods.length) {
    return Promise.reject(new SshError(`${target.label}: no way to log in: give --identity FILE, run an ssh-agent (SSH_AUTH_SOCK) or give a password (--password-file F, --password-stdin)`, 'Ssh.NoCredentials', ExitCode.AUTH));
  }
  let known: ReturnType<typeof checkHostKey>;
  try {
    // prefer the key types known_hosts holds for this host, as OpenSSH does
    known = checkHostKey(o.knownHostsFile, target.host, target.port, Buffer.alloc(0));
  } catch (e) {
    return Promise.reject(new SshError(`${o.knownHostsFile}: ${clean((e as Error).message)}`, 'Ssh.KnownHosts'));
  }
  const prefer = hostKeyAlgorithmsFor(known.knownTypes);
  const defaults = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256'];
  const hostKeyAlgs = [...prefer, ...defaults.filter((a) => !prefer.includes(a))];

  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let refusal: SshError | undefined;
    let last: AuthKind | undefined;
    const tried: AuthKind[] = [];
    let queue = methods.slice();
    let settled = false;
    const fail = (e: SshError) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(e);
    };
    const cfg: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.user,
      readyTimeout: o.timeoutMs,
      keepaliveInterval: 0,
      algorithms: { serverHostKey: hostKeyAlgs as any },
      hostVerifier: (key: Buffer) => {
        const check = checkHostKey(o.knownHostsFile, target.host, target.port, key);
        const fp = `${blobType(key)} ${fingerprint(key)}`;
        const name = hostName(target.host, target.port);
        if (check.status === 'known') return true;
        if (check.status === 'revoked') {
          refusal = new SshError(`${target.label}: the host key ${fp} is marked @revoked in ${o.knownHostsFile} (line ${check.line}); refusing to connect`, 'Ssh.HostKeyRevoked');
          return false;
        }
        if (check.status === 'changed') {
          refusal = new SshError(
            `${target.label}: HOST KEY CHANGED: ${o.knownHostsFile} line ${check.line} has ${check.knownFingerprint}, the host offers ${fp} (possible man-in-the-middle); if the change is expected, remove the old key with: ssh-keygen -R ${shq(name)}`,
            'Ssh.HostKeyChanged',
          );
          return false;
        }
        if (!o.acceptNew) {
          refusal = new SshError(`${target.label}: unknown host key ${fp} (not in ${o.knownHostsFile}); check it and run again with --accept-new to add it`, 'Ssh.HostKeyUnknown');
          return false;
        }
        try {
          acceptOnce(o.knownHostsFile, target, key);
        } catch (e) {
          refusal = new SshError(`${o.knownHostsFile}: cannot add the host key: ${clean((e as Error).message)}`, 'Ssh.KnownHosts');
          return false;
        }
        o.onAccepted?.(target, fp);
        return true;
      },
      authHandler: (_left: AuthenticationType[], _partial: boolean, next: (m: AnyAuthMethod | AuthenticationType | false) => void) => {
        const m = queue.shift();
        if (!m) return next(false as any);
        last = m.type as AuthKind;
        if (!tried.includes(last)) tried.push(last);
        o.debug?.(`${target.label}: trying ${m.type}${m.type === 'publickey' ? ` (${creds.keys.find((k) => k.text === (m as any).key)?.name ?? 'key'})` : ''}`);
        next(m);
      },
    } as ConnectConfig;
    client.on('ready', () => {
      if (settled) return;
      settled = true;
      resolve(new SshSession(target, client, last ?? 'publickey'));
    });
    client.on('error', (e: Error & { level?: string; code?: string }) => {
      if (refusal) return fail(refusal);
      if (e.level === 'client-authentication' || /authentication methods failed/i.test(e.message)) {
        return fail(new SshError(`${target.label}: authentication failed (tried ${tried.join(', ') || 'nothing'})`, 'Ssh.AuthFailed', ExitCode.AUTH));
      }
      fail(netError(target, e, o.timeoutMs));
    });
    client.on('close', () => fail(refusal ?? new SshError(`${target.label}: the connection closed during the handshake`, 'Ssh.Closed')));
    if (o.signal) {
      if (o.signal.aborted) return fail(new SshError(`${target.label}: aborted`, 'Ssh.Aborted'));
      o.signal.addEventListener('abort', () => fail(new SshError(`${target.label}: aborted`, 'Ssh.Aborted')), { once: true });
    }
    try {
      client.connect(cfg);
    } catch (e) {
      fail(new SshError(`${target.label}: ${clean((e as Error).message)}`, 'Ssh.Error'));
    }
  });
}

// --accept-new for many connections to the same host in one run: one line, not one per connection.
const accepted = new Set<string>();
function acceptOnce(file: string, target: Target, key: Buffer): void {
  const id = `${file}\0${hostName(target.host, target.port)}\0${key.toString('base64')}`;
  if (accepted.has(id)) return;
  accepted.add(id);
  if (checkHostKey(file, target.host, target.port, key).status === 'known') return;
  appendHostKey(file, target.host, target.port, key);
}

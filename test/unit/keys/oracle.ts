// Helpers for tests that use ssh-keygen and puttygen as oracles. A missing tool fails the
// test when CI=true, otherwise the test is skipped with a message.

import { execFileSync, spawnSync } from 'node:child_process';
import { createECDH, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromKeyObject, type KeyMaterial } from '../../../src/keys/model.js';
import { generateRsa } from '../../../src/keys/rsagen.js';

export function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** true when the tools are present; throws in CI when one is missing; logs a skip otherwise. */
export function requireTools(...names: string[]): boolean {
  const missing = names.filter((n) => !haveTool(n));
  if (missing.length === 0) return true;
  const msg = `oracle tool(s) missing: ${missing.join(', ')} (install putty-tools / openssh-client)`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`skipping: ${msg}`);
  return false;
}

export interface Scratch {
  dir: string;
  path(name: string): string;
  write(name: string, data: string | Buffer, mode?: number): string;
  cleanup(): void;
  env: NodeJS.ProcessEnv;
}

/** A temp dir used as HOME too (puttygen writes ~/.putty/randomseed). */
export function scratch(prefix = 'ecs-keys-'): Scratch {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (n) => join(dir, n),
    write: (n, d, mode = 0o600) => {
      const p = join(dir, n);
      writeFileSync(p, d, { mode });
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    env: { PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8' },
  };
}

export function tool(s: Scratch, cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { env: s.env, cwd: s.dir, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

export function toolResult(s: Scratch, cmd: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { env: s.env, cwd: s.dir, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** ssh-keygen key of the given type into dir/name (PEM for rsa/ecdsa when pem=true). */
export function sshKeygen(s: Scratch, name: string, type: 'rsa' | 'ed25519' | 'ecdsa', o: { bits?: number; pem?: boolean; comment?: string; pass?: string } = {}): string {
  const args = ['-q', '-t', type, '-N', o.pass ?? '', '-C', o.comment ?? '', '-f', s.path(name)];
  if (o.bits) args.push('-b', String(o.bits));
  if (o.pem) args.push('-m', 'PEM');
  tool(s, 'ssh-keygen', args);
  return s.path(name);
}

// ---- random keys without generateKeyPairSync ----------------------------------------------
// Node 20.20's generateKeyPairSync leaves a KeyGenJob whose destructor (run by a later GC)
// locks the key's mutex; if that GC happens while the same key is being exported, the
// process deadlocks (seen here within a few thousand generate+export calls). These helpers
// build keys from random material instead.

export type RandomKind = 'rsa1024' | 'rsa2048' | 'ed25519' | 'P-256' | 'P-384' | 'P-521';
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const ECDH_CURVE = { 'P-256': ['prime256v1', 'ecdsa-sha2-nistp256'], 'P-384': ['secp384r1', 'ecdsa-sha2-nistp384'], 'P-521': ['secp521r1', 'ecdsa-sha2-nistp521'] } as const;

export async function randomKey(kind: RandomKind): Promise<KeyMaterial> {
  if (kind === 'rsa1024' || kind === 'rsa2048') return generateRsa(kind === 'rsa1024' ? 1024 : 2048);
  if (kind === 'ed25519') return fromKeyObject(createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, randomBytes(32)]), format: 'der', type: 'pkcs8' }));
  const [curve, type] = ECDH_CURVE[kind];
  const ecdh = createECDH(curve);
  const Q = ecdh.generateKeys();
  let d = ecdh.getPrivateKey();
  while (d.length > 1 && d[0] === 0) d = d.subarray(1);
  return { type, Q, d };
}

/** A valid uncompressed P-256 point (for crafted public key blobs). */
export function randomP256Point(): Buffer {
  return createECDH('prime256v1').generateKeys();
}

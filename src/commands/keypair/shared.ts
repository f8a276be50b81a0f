// Shared by the keypair verbs: reading a small input file with a cap enforced while reading,
// the no-overwrite check for the private key file, and attach/detach over many instances.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { ApiError, CliError, UsageError } from '../../core/errors.js';
import { keypair } from '../../resources/keypair.js';
import { instance, isWindows, type Instance } from '../../resources/instance.js';
import { chunks, fetchOne, finishBulk, itemsById, notFound, rawCall, type BulkResult } from '../builders/index.js';

/** Read at most `max` bytes of FILE ("-" = standard input); more is an error (checked while reading, so devices and pipes cannot run away). */
export async function readCapped(ctx: Context, file: string, max: number, what: string): Promise<string> {
  const chunksIn: Buffer[] = [];
  let total = 0;
  const tooBig = () => new CliError(`${file === '-' ? 'standard input' : file}: more than ${max} bytes; not a ${what}`);
  if (file === '-') {
    for await (const c of ctx.io.stdin) {
      const b = Buffer.isBuffer(c) ? c : Buffer.from(String(c));
      total += b.length;
      if (total > max) throw tooBig();
      chunksIn.push(b);
    }
    return Buffer.concat(chunksIn).toString('utf8');
  }
  let fd: number;
  try {
    if (statSync(file).isDirectory()) throw new CliError(`${file} is a directory, not a ${what}`);
    fd = openSync(file, 'r');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(65536);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw tooBig();
      chunksIn.push(Buffer.from(buf.subarray(0, n)));
    }
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(chunksIn).toString('utf8');
}

/** The private key is returned once: never overwrite a file with it (nor the .ppk). */
export function refuseExisting(paths: string[]): void {
  for (const p of paths) {
    let exists = false;
    try {
      statSync(p);
      exists = true;
    } catch {
      /* free */
    }
    if (exists) throw new UsageError(`${p} already exists; choose another file with --out (the private key is returned only once, so it is never written over a file)`);
  }
}

/** AttachKeyPair / DetachKeyPair over instances: look first, 50 IDs a call, one result per instance. */
export async function bindKeyPair(ctx: Context, name: string, ids: string[], attach: boolean, concurrency: number): Promise<void> {
  void concurrency;
  const verb = `ecs keypair ${attach ? 'attach' : 'detach'}`;
  const api: EcsApi = await ctx.api();
  await fetchOne(ctx, api, keypair, name);
  const unique = [...new Set(ids)];
  const found = await itemsById<Instance>(ctx, api, instance, unique);
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw notFound(ctx, instance, missing);
  const windows = unique.filter((id) => isWindows(found.get(id)!));
  if (windows.length) {
    throw new CliError(`${verb}: key pairs work on Linux instances only (${windows.join(', ')} ${windows.length === 1 ? 'is' : 'are'} Windows); nothing was changed`, { code: 'DependencyViolation.WindowsInstance' });
  }
  const results: BulkResult[] = [];
  if (ctx.globals.dryRun) {
    for (const id of unique) results.push({ Id: id, Ok: true, Result: `dry run: would ${attach ? 'attach' : 'detach'} ${name}`, Status: found.get(id)!.Status });
    await finishBulk(ctx, results, verb, 'InstanceId');
    return;
  }
  const call = rawCall(api);
  for (const part of chunks(unique, 50)) {
    const res = await call(attach ? 'AttachKeyPair' : 'DetachKeyPair', { RegionId: ctx.region, KeyPairName: name, InstanceIds: JSON.stringify(part) }, { signal: ctx.abort.signal });
    const byId = new Map<string, any>((res.Results?.Result ?? []).map((r: any) => [String(r.InstanceId), r]));
    for (const id of part) {
      const r = byId.get(id);
      const ok = r ? String(r.Success) === 'true' : false;
      const status = found.get(id)!.Status;
      results.push(
        ok
          ? { Id: id, Ok: true, Result: status === 'Running' ? 'ok; takes effect after a reboot through the API (ecs instance reboot)' : 'ok', Status: status }
          : { Id: id, Ok: false, Result: 'failed', Code: r?.Code ?? 'InvalidResponse', Message: r?.Message ?? `${attach ? 'AttachKeyPair' : 'DetachKeyPair'} gave no result for this instance` },
      );
    }
  }
  await finishBulk(ctx, results, verb, 'InstanceId');
}

/**
 * --dry-run of keypair create/import (CreateKeyPair/ImportKeyPair have no DryRun): the checks
 * the real call makes on the name, with its codes: the documented format
 * (InvalidKeyPairName.Malformed) and a name already in the region (KeyPair.AlreadyExist).
 */
export async function dryRunCheckName(ctx: Context, api: EcsApi, name: string): Promise<void> {
  if (name.length < 2 || name.length > 128 || /^https?:\/\//i.test(name) || !/^\p{L}[\p{L}\p{N}._:-]*$/u.test(name)) {
    throw new ApiError('InvalidKeyPairName.Malformed', `Specified Key Pair name is not valid. ("${name.slice(0, 140)}": 2 to 128 characters, starting with a letter; letters, digits, ".", "_", ":", "-"; not http:// or https://)`, 400);
  }
  if ((await itemsById(ctx, api, keypair, [name])).has(name)) throw new ApiError('KeyPair.AlreadyExist', `The key pair already exist. (${name})`, 400);
}

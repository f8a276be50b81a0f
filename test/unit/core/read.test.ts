// readCappedSync / readStreamCapped: the cap holds while reading, whatever stat says.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { InputTooLargeError, readCappedSync, readStreamCapped } from '../../../src/core/read.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCappedSync', () => {
  it('a file of exactly the cap is read whole; one byte more is refused by name', () => {
    const f = join(dir, 'a');
    writeFileSync(f, Buffer.alloc(1000, 7));
    expect(readCappedSync(f, 1000).equals(Buffer.alloc(1000, 7))).toBe(true);
    expect(() => readCappedSync(f, 999, 'the file a')).toThrow(new InputTooLargeError('the file a', 999));
    expect(() => readCappedSync(f, 999, 'the file a')).toThrow('the file a is larger than 999 bytes: refusing to read it');
  });
  it('files that report size 0 (/proc) are read in chunks; devices are cut at the cap', () => {
    expect(readCappedSync('/proc/self/status', 1 << 20).toString()).toMatch(/^Name:/);
    expect(() => readCappedSync('/dev/zero', 3 * 65536 + 5, '/dev/zero')).toThrow('/dev/zero is larger than 192 KiB: refusing to read it');
    expect(readCappedSync('/dev/null', 10).length).toBe(0);
  });
  it('a directory and a missing file give the errno errors callers word themselves', () => {
    expect(() => readCappedSync(dir, 10)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
    expect(() => readCappedSync(join(dir, 'nope'), 10)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('readStreamCapped', () => {
  it('stops reading an endless stream at the cap', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024));
      },
    });
    await expect(readStreamCapped(endless, 10 * 1024, 'standard input')).rejects.toThrow('standard input is larger than 10 KiB: refusing to read it');
    expect(pulled).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });
  it('reads a finite stream whole', async () => {
    const s = new PassThrough();
    s.end('hello');
    expect((await readStreamCapped(s, 5, 'x')).toString()).toBe('hello');
  });
});

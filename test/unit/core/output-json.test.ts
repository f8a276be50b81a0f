// writeJson: a long array is written in slices when stdout is not a terminal; the bytes must be
// exactly JSON.stringify's, whatever the length (slice boundaries) or the items.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IO } from '../../../src/core/io.js';
import { writeJson } from '../../../src/core/output.js';

function written(value: unknown, tty = false): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  const sink = new Writable({ write: (c, _e, cb) => ((text += c.toString()), writes++, cb()) });
  writeJson({ stdout: sink, stderr: sink, stdoutIsTTY: tty, stderrIsTTY: tty, stdinIsTTY: false, columns: 80, color: false } as unknown as IO, value);
  return { text, writes };
}

const item = (i: number): unknown =>
  i % 7 === 3 ? undefined : i % 11 === 5 ? null : { InstanceId: `i-${i}`, OSName: 'Alibaba Cloud Linux 3.2104 LTS 64位', Tags: { Tag: [{ Key: 'k"\\', Value: '\u2028\n' }] }, n: i };

describe('writeJson', () => {
  for (const n of [0, 1, 200, 201, 399, 400, 401, 1000, 1234]) {
    it(`${n} items: exactly JSON.stringify's text and a newline`, () => {
      const value = Array.from({ length: n }, (_, i) => item(i));
      const { text, writes } = written(value);
      expect(text).toBe(JSON.stringify(value) + '\n');
      // more than 200 items: several writes, never one string of everything
      if (n > 200) expect(writes).toBe(2 * Math.ceil(n / 200) + 1);
      else expect(writes).toBe(1);
    });
  }

  it('long slices (written as UTF-8 bytes): 位, emoji (surrogate pairs) and a lone surrogate come out as JSON.stringify gives them', () => {
    const big = 'x'.repeat(700);
    const value = Array.from({ length: 450 }, (_, i) => ({ i, OSName: `Alibaba Cloud Linux 3 64位 ${big}`, e: '😀\u00e9', lone: i === 7 ? '\ud800' : '' }));
    let bytes = Buffer.alloc(0);
    const sink = new Writable({ write: (c: Buffer | string, _e, cb) => ((bytes = Buffer.concat([bytes, Buffer.isBuffer(c) ? c : Buffer.from(c)])), cb()) });
    writeJson({ stdout: sink, stdoutIsTTY: false } as unknown as IO, value);
    expect(bytes.equals(Buffer.from(JSON.stringify(value) + '\n', 'utf8'))).toBe(true);
  });

  it('on a terminal: indented, one write', () => {
    const value = Array.from({ length: 300 }, (_, i) => item(i));
    expect(written(value, true)).toEqual({ text: JSON.stringify(value, null, 2) + '\n', writes: 1 });
  });

  it('not an array: one value', () => {
    expect(written({ a: 1 }).text).toBe('{"a":1}\n');
  });
});

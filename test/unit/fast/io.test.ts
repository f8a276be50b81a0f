// The key fast path's lazy IO (src/fast/io.ts): a stream that is not a terminal is written
// with write(2) directly; a non-blocking pipe that fills up (EAGAIN) hands the rest, and
// every later write, to the real stream, in order. EPIPE and real pipes: test/e2e/key-fast.test.ts.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FdWriter, lazySystemIO } from '../../../src/fast/io.js';

/** A pipe with room for `room` bytes (then EAGAIN), recording what reached it. */
function fullingPipe(room: number, partial = true) {
  const got: Buffer[] = [];
  const write = (_fd: number, buf: Uint8Array, offset: number): number => {
    if (room === 0) throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, write'), { code: 'EAGAIN' });
    const n = Math.min(room, buf.length - offset, partial ? Infinity : buf.length);
    got.push(Buffer.from(buf.subarray(offset, offset + n)));
    room -= n;
    return n;
  };
  return { write, text: () => Buffer.concat(got).toString() };
}

describe('FdWriter', () => {
  it('writes everything with write(2) while the pipe takes it (partial writes continued)', () => {
    const pipe = fullingPipe(1000);
    let made = 0;
    const w = new FdWriter(1, () => (made++, new PassThrough() as any), pipe.write);
    expect(w.write('abc')).toBe(true);
    expect(w.write(Buffer.from('déf\n'))).toBe(true);
    expect(pipe.text()).toBe('abcdéf\n');
    expect(made).toBe(0);
  });

  it('a full non-blocking pipe (EAGAIN): the rest and every later write go to the real stream, in order', () => {
    const pipe = fullingPipe(5);
    const real = new PassThrough();
    let made = 0;
    const w = new FdWriter(1, () => (made++, real as any), pipe.write);
    w.write('0123');
    w.write('456789'); // "4" fits, "56789" meets EAGAIN
    w.write('ab');
    expect(pipe.text()).toBe('01234');
    expect(String(real.read())).toBe('56789ab');
    expect(made).toBe(1);
    expect(real.listenerCount('error')).toBe(1); // EPIPE on the real stream ends the run quietly
  });

  it('other write errors are thrown (EBADF, EIO …)', () => {
    const w = new FdWriter(2, () => new PassThrough() as any, () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    });
    expect(() => w.write('x')).toThrow('EIO');
  });
});

describe('lazySystemIO', () => {
  it('answers as systemIO does: terminal checks, colour, and a writer made once', () => {
    const io = lazySystemIO({ NO_COLOR: '1' });
    const tty = Boolean(process.stdout.isTTY);
    expect(io.stdoutIsTTY).toBe(tty);
    expect(io.stderrIsTTY).toBe(Boolean(process.stderr.isTTY));
    expect(io.colorOut).toBe(false);
    expect(io.color).toBe(false);
    expect(io.columns).toBe(tty ? (process.stdout.columns ?? 0) : 0);
    if (tty) expect(io.stdout).toBe(process.stdout);
    else expect(io.stdout).toBeInstanceOf(FdWriter);
    expect(io.stdout).toBe(io.stdout);
    expect(io.settled()).toBe(true); // nothing written yet, nothing waiting
  });
});

import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../src/ssh/cli.js';

describe('mapLimit', () => {
  it('never has more than the limit in flight, starts the next one only when one ends, keeps input order', async () => {
    const gates: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const p = mapLimit([0, 1, 2, 3, 4, 5, 6], 3, async (x) => {
      started.push(x);
      most = Math.max(most, ++inFlight);
      await new Promise<void>((r) => gates.push(r));
      inFlight--;
      return x * 10;
    });
    const tick = () => new Promise((r) => setImmediate(r));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    // finish them out of order: each end lets exactly one more start
    gates[1]!();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[0]!();
    gates[3]!();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    for (let i = 0; i < 7; i++) {
      gates[i]?.();
      await tick();
    }
    await tick();
    for (const g of gates) g();
    expect(await p).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
  });

  it('a limit above the item count runs them all at once; no items, no work', async () => {
    let n = 0;
    expect(await mapLimit([1, 2], 10, async (x) => (n++, x))).toEqual([1, 2]);
    expect(n).toBe(2);
    expect(await mapLimit([], 5, async (x) => x)).toEqual([]);
  });
});

describe('connect() with an AbortSignal (the per-host deadline)', () => {
  it('aborting ends a connection still waiting for the server, at once (not at its own 60 s timeout)', async () => {
    const net = await import('node:net');
    const { connect } = await import('../../../src/ssh/connect.js');
    const { parseTarget } = await import('../../../src/ssh/target.js');
    let closed!: () => void;
    const serverSawClose = new Promise<void>((r) => (closed = r));
    let accepted!: () => void;
    const serverAccepted = new Promise<void>((r) => (accepted = r));
    const srv = net.createServer((c) => {
      c.resume();
      c.on('close', () => closed());
      c.on('error', () => {});
      accepted();
    });
    const port = await new Promise<number>((r) => srv.listen(0, '127.0.0.1', () => r((srv.address() as { port: number }).port)));
    try {
      const stop = new AbortController();
      const p = connect(parseTarget(`root@127.0.0.1:${port}`, { user: 'root' }), { knownHostsFile: '/nonexistent/known_hosts', acceptNew: false, timeoutMs: 60_000, credentials: { keys: [], password: 'x' }, signal: stop.signal });
      await serverAccepted;
      stop.abort();
      await expect(p).rejects.toThrow(`root@127.0.0.1:${port}: aborted`);
      await serverSawClose; // would wait 60 s if the socket were left open
    } finally {
      srv.close();
    }
  }, 20_000);
});

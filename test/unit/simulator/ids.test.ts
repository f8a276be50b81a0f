import { describe, expect, it } from 'vitest';
import { newId, newRequestId } from '../../../src/simulator/ids.js';

describe('simulator IDs', () => {
  it('request IDs are upper-case version-4 UUIDs, unique over many calls', () => {
    const ids = Array.from({ length: 5000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // every hex digit and every variant digit turns up: not a fixed or narrowed pattern
    expect(new Set(ids.join('').replace(/-/g, '')).size).toBe(16);
    expect(new Set(ids.map((x) => x[19])).size).toBe(4);
  });

  it('resource IDs carry the region code, or two random letters for an unknown region', () => {
    expect(newId('i', 'cn-hangzhou')).toMatch(/^i-bp[a-z0-9]{18}$/);
    expect(newId('d', 'ap-northeast-1')).toMatch(/^d-6w[a-z0-9]{18}$/);
    // "__proto__" is not a region code (own-property lookup only)
    expect(newId('sg', '__proto__')).toMatch(/^sg-[a-z0-9]{20}$/);
  });
});

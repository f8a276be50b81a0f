// A set of 32-byte digests in typed arrays (open addressing): the duplicate check of a
// 100,000-line authorized_keys keeps no string or object per key, so the garbage collector
// has nothing to trace.

export class DigestSet {
  private keys: Uint8Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.keys = new Uint8Array(expected * 32);
  }

  /** Index of the digest if present, else adds it and returns -(its new index) - 1. */
  addOrGet(d: Uint8Array): number {
    let h = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) & this.mask;
    for (;;) {
      const s = this.slots[h]!;
      if (s === 0) break;
      const idx = s - 1;
      const k = this.keys;
      const o = idx * 32;
      let same = true;
      for (let i = 0; i < 32; i++) {
        if (k[o + i] !== d[i]) {
          same = false;
          break;
        }
      }
      if (same) return idx;
      h = (h + 1) & this.mask;
    }
    const idx = this.size++;
    if ((idx + 1) * 32 > this.keys.length) {
      const nk = new Uint8Array(this.keys.length * 2);
      nk.set(this.keys);
      this.keys = nk;
    }
    this.keys.set(d.subarray(0, 32), idx * 32);
    this.slots[h] = idx + 1;
    if (this.size * 2 > this.slots.length) this.grow();
    return -idx - 1;
  }

  /** The stored digest of an index (a view). */
  digest(idx: number): Uint8Array {
    return this.keys.subarray(idx * 32, idx * 32 + 32);
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    for (let idx = 0; idx < this.size; idx++) {
      const o = idx * 32;
      const k = this.keys;
      let h = ((k[o]! << 24) | (k[o + 1]! << 16) | (k[o + 2]! << 8) | k[o + 3]!) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = idx + 1;
    }
  }
}

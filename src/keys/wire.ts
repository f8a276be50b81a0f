// SSH wire encoding (RFC 4251 §5): uint32, string, mpint; plus the bigint helpers the key
// code needs. Small on purpose: every key format here is built from these pieces.

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

export class Writer {
  private parts: Buffer[] = [];
  uint32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    this.parts.push(b);
    return this;
  }
  raw(b: Uint8Array): this {
    this.parts.push(Buffer.from(b));
    return this;
  }
  string(s: Uint8Array | string): this {
    const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s);
    return this.uint32(b.length).raw(b);
  }
  /** mpint from unsigned big-endian magnitude bytes (leading zeros stripped, 0x00 added if the top bit is set). */
  mpint(mag: Uint8Array): this {
    return this.string(mpintBytes(mag));
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

export function mpintBytes(mag: Uint8Array): Buffer {
  let i = 0;
  while (i < mag.length && mag[i] === 0) i++;
  const m = Buffer.from(mag.subarray(i));
  return m.length && m[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), m]) : m;
}

export class Reader {
  pos = 0;
  constructor(readonly buf: Buffer, private readonly what = 'key data') {}
  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new KeyFormatError(`${this.what} is truncated`);
  }
  uint32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  raw(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  string(): Buffer {
    return this.raw(this.uint32());
  }
  text(): string {
    return this.string().toString('utf8');
  }
  /** mpint → unsigned magnitude (negative values are rejected). */
  mpint(): Buffer {
    const b = this.string();
    if (b.length && b[0]! & 0x80) throw new KeyFormatError(`${this.what} has a negative integer`);
    let i = 0;
    while (i < b.length && b[i] === 0) i++;
    return b.subarray(i);
  }
  get remaining(): number {
    return this.buf.length - this.pos;
  }
  end(): void {
    if (this.remaining !== 0) throw new KeyFormatError(`${this.what} has ${this.remaining} unexpected trailing bytes`);
  }
}

export function toBig(b: Uint8Array): bigint {
  return b.length ? BigInt('0x' + Buffer.from(b).toString('hex')) : 0n;
}

export function fromBig(n: bigint, len = 0): Buffer {
  let h = n.toString(16);
  if (h.length % 2) h = '0' + h;
  const b = Buffer.from(n === 0n ? '' : h, 'hex');
  return len > b.length ? Buffer.concat([Buffer.alloc(len - b.length), b]) : b;
}

export function bitLength(mag: Uint8Array): number {
  let i = 0;
  while (i < mag.length && mag[i] === 0) i++;
  if (i === mag.length) return 0;
  return (mag.length - i - 1) * 8 + (32 - Math.clz32(mag[i]!));
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new KeyFormatError('key parameters are inconsistent (no modular inverse)');
  return ((s0 % m) + m) % m;
}

export const b64url = {
  dec: (s: string): Buffer => Buffer.from(s, 'base64url'),
  enc: (b: Uint8Array): string => Buffer.from(b).toString('base64url'),
};

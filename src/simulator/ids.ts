// Resource IDs shaped like the real ones: prefix, two region letters, 18 lower-case
// alphanumerics (i-bp67acfmxazb4ph6xxxx).

import { own } from './own.js';

const REGION_CODES: Record<string, string> = {
  'cn-hangzhou': 'bp', 'cn-shanghai': 'uf', 'cn-beijing': '2z', 'cn-shenzhen': 'wz', 'cn-qingdao': 'm5',
  'cn-zhangjiakou': '8v', 'cn-huhehaote': 'hp', 'cn-chengdu': '2v', 'cn-hongkong': 'j6', 'ap-southeast-1': 't4',
  'ap-southeast-3': '8p', 'ap-southeast-5': 'k1', 'ap-northeast-1': '6w', 'ap-south-1': 'a2', 'us-west-1': 'rj',
  'us-east-1': '0x', 'eu-central-1': 'gw', 'eu-west-1': 'd7', 'me-east-1': 'eb',
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

// IDs, request IDs and lock tokens only have to be unique, not unguessable (the real
// service's are not secrets either), so they come from Math.random: node:crypto (~2 ms to
// load) is then loaded only by what needs it (keys, passwords, signatures).
function randomFrom(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[(Math.random() * alphabet.length) | 0];
  return s;
}

const HEX = '0123456789abcdef';

/** n random lower-case hex digits. */
export function randomHex(n: number): string {
  return randomFrom(HEX, n);
}

export function newId(prefix: string, regionId?: string): string {
  const code = (regionId && own(REGION_CODES, regionId)) || randomFrom(ALPHABET, 2);
  return `${prefix}-${code}${randomFrom(ALPHABET, 18)}`;
}

/** A request ID shaped like the service's: an upper-case UUID, version 4. */
export function newRequestId(): string {
  return `${randomHex(8)}-${randomHex(4)}-4${randomHex(3)}-${HEX[8 + ((Math.random() * 4) | 0)]}${randomHex(3)}-${randomHex(12)}`.toUpperCase();
}

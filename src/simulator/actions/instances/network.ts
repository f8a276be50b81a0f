// Private and public addresses for new instances: free addresses of a vSwitch (the first
// address and the last three of its CIDR block are reserved, as the real service does), and
// the zone RunInstances picks when neither ZoneId nor VSwitchId is given.

import { ApiError } from '../../../core/errors.js';
import { zonesOffering } from '../../catalogue/index.js';
import type { SimState } from '../../state.js';
import { countBy, LAZY, recordsBy } from '../../lookup.js';
import { untracked } from '../../journal.js';
import { INSTANCE_BY_IP, INSTANCE_BY_VSWITCH } from '../../indexes.js';
import { own } from '../../own.js';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Up to this many instances in a vSwitch, a plain state also asks address by address. */
const ASK_EACH_UP_TO = 16;

/** Whether a collection answers lookups from a stored index (src/simulator/lazy.ts) rather than by a scan. */
function indexed(state: SimState, collection: string): boolean {
  const c = (untracked(state) as Record<string, any>)[collection];
  return c !== null && typeof c === 'object' && c[LAZY] !== undefined;
}

/** Free private addresses of a vSwitch (the first address and the last three are reserved). */
export function allocateIps(state: SimState, vswId: string, cidr: string, count: number): string[] {
  const [base, bitsStr] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bitsStr));
  const start = ipToInt(base);
  const members = countBy(state, INSTANCE_BY_VSWITCH, vswId);
  const out: string[] = [];
  if (members > ASK_EACH_UP_TO && !indexed(state, 'instances')) {
    // A plain state answers each lookup by a scan: one pass over the vSwitch's instances.
    const used = new Set<string>();
    for (const r of recordsBy<{ ip?: string }>(state, INSTANCE_BY_VSWITCH, vswId)) if (typeof r.ip === 'string') used.add(r.ip);
    for (let i = 1; i < size - 3 && out.length < count; i++) {
      const ip = intToIp(start + i);
      if (!used.has(ip)) out.push(ip);
    }
  } else {
    // Ask the index address by address, lowest first (no record is read); once every
    // instance of the vSwitch has been met on a taken address, the rest are free.
    let met = 0;
    for (let i = 1; i < size - 3 && out.length < count; i++) {
      const ip = intToIp(start + i);
      const taken = met < members ? countBy(state, INSTANCE_BY_IP, `${vswId}|${ip}`) : 0;
      met += taken;
      if (taken === 0) out.push(ip);
    }
  }
  if (out.length < count) throw new ApiError('QuotaExceeded.PrivateIpAddress', "Don't have enough private IPs in this switch", 400);
  return out;
}

function cidrCapacity(cidr: string): number {
  return 2 ** (32 - Number(cidr.split('/')[1])) - 4;
}

/**
 * With neither ZoneId nor VSwitchId, the newest zone offering the type whose default
 * vSwitch still has `count` free private addresses (a /20 holds 4092).
 */
export function zoneWithRoom(state: SimState, regionId: string, typeId: string, vswByZone: Record<string, string>, count: number): string | undefined {
  const zones = zonesOffering(regionId, typeId);
  for (let i = zones.length - 1; i >= 0; i--) {
    const z = zones[i]!.ZoneId;
    const sw = own(state.vswitches, own(vswByZone, z) ?? '');
    if (sw && cidrCapacity(sw.CidrBlock) - countBy(state, INSTANCE_BY_VSWITCH, sw.VSwitchId) >= count) return z;
  }
  return undefined;
}

export function randomPublicIp(): string {
  const r = () => Math.floor(Math.random() * 254) + 1;
  return `47.${96 + Math.floor(Math.random() * 24)}.${r()}.${r()}`;
}

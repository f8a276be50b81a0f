// Private and public addresses for new instances: free addresses of a vSwitch (the first
// address and the last three of its CIDR block are reserved, as the real service does), and
// the zone RunInstances picks when neither ZoneId nor VSwitchId is given.

import { ApiError } from '../../../core/errors.js';
import { zonesOffering } from '../../catalogue/index.js';
import type { SimState } from '../../state.js';
import { countBy, countsBy, indexed, recordsBy } from '../../lookup.js';
import { INSTANCE_BY_IP, INSTANCE_BY_VSWITCH } from '../../indexes.js';
import { own } from '../../own.js';

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}
function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Free private addresses of a vSwitch (the first address and the last three are reserved). */
export function allocateIps(state: SimState, vswId: string, cidr: string, count: number): string[] {
  const [base, bitsStr] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(bitsStr));
  const start = ipToInt(base);
  const out: string[] = [];
  if (!indexed(state, 'instances')) {
    // A plain state answers each lookup by a scan: read the vSwitch's instances once.
    const used = new Set<string>();
    for (const r of recordsBy<{ ip?: string }>(state, INSTANCE_BY_VSWITCH, vswId)) if (typeof r.ip === 'string') used.add(r.ip);
    for (let i = 1; i < size - 3 && out.length < count; i++) {
      const ip = intToIp(start + i);
      if (!used.has(ip)) out.push(ip);
    }
  } else {
    // Ask the index address by address, lowest first (no record is read); once every
    // instance of the vSwitch has been met on a taken address, the rest are free.
    const members = countBy(state, INSTANCE_BY_VSWITCH, vswId);
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
  // Instances per vSwitch: one lookup per candidate zone, or one pass on a plain state.
  const counts = indexed(state, 'instances') ? undefined : countsBy(state, INSTANCE_BY_VSWITCH);
  const used = (vsw: string) => (counts ? (counts.get(vsw) ?? 0) : countBy(state, INSTANCE_BY_VSWITCH, vsw));
  const zones = zonesOffering(regionId, typeId);
  for (let i = zones.length - 1; i >= 0; i--) {
    const z = zones[i]!.ZoneId;
    const sw = own(state.vswitches, own(vswByZone, z) ?? '');
    if (sw && cidrCapacity(sw.CidrBlock) - used(sw.VSwitchId) >= count) return z;
  }
  return undefined;
}

export function randomPublicIp(): string {
  const r = () => Math.floor(Math.random() * 254) + 1;
  return `47.${96 + Math.floor(Math.random() * 24)}.${r()}.${r()}`;
}

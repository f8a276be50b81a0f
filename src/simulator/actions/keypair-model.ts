// Finding a key pair by name: what RunInstances, ReInitDisk, ReplaceSystemDisk and the tag
// actions need of key pairs, apart from keypairs.ts (the key-pair actions, which load the
// key parsers and the RSA generator of src/keys/).

import type { SimState } from '../state.js';
import type { KeyPairRecord } from './keypairs.js';

/**
 * The key pair of this region with this name (tombstones excluded unless asked for). Older
 * states (and tests) may hold records keyed by name without an ID or fingerprint; they are
 * found the same way: by the KeyPairName field, never by using the name as a key.
 */
export function findKeyPair(state: SimState, name: string, regionId: string, withBurned = false): KeyPairRecord | undefined {
  return findKeyPairEntry(state, name, regionId, withBurned)?.[1];
}

/** [key in state.keyPairs, record] of the named key pair. */
export function findKeyPairEntry(state: SimState, name: string, regionId: string, withBurned = false): [string, KeyPairRecord] | undefined {
  for (const [key, k] of Object.entries(state.keyPairs ?? {}) as [string, KeyPairRecord][]) {
    if (k && k.KeyPairName === name && (!k.RegionId || k.RegionId === regionId) && (withBurned || !k.Burned)) return [key, k];
  }
  return undefined;
}

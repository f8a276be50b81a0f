// What every request needs before the store loads, whatever its action (src/simulator/
// simulator.ts imports this statically; the handler comes from the one module the manifest
// names):
// - the settlers, which apply the time-driven transitions on every load (instances first);
// - the resource modules' simulator settings, read by handlers and settlers of other modules
//   (`ecs simulator get/set/import` import this file for them too);
// - the record checks a damaged store is checked with at load.
// Keep its import graph small: it is compiled on every command that reaches the simulator.
import type { Settler } from '../simulator.js';
import './resource-settings.js';
import './record-checks.js';
import { settleInstances } from './instances/settle.js';
import { settleStorage } from './storage-settle.js';

/** Applied in this order on every load of the state. */
export const SETTLERS: readonly Settler[] = [(state, now) => settleInstances(state, now), settleStorage];

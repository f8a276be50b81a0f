// What every request needs before the store loads, whatever its action (the dispatcher
// imports this once, next to the one handler module the manifest names):
// - the settlers, which apply the time-driven transitions on every load (instances first);
// - the resource modules' simulator settings, read by handlers and settlers of other modules
//   (`ecs simulator get/set/import` import this file for them too);
// - the record checks a damaged store is checked with at load.
// Keep its import graph small: it is compiled on every command that reaches the simulator.
import { defineSettler } from '../simulator.js';
import './resource-settings.js';
import './record-checks.js';
import { settleInstances } from './instances/settle.js';
import { settleStorage } from './storage-settle.js';

defineSettler((state, now) => settleInstances(state, now));
defineSettler(settleStorage);

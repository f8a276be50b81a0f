// Every action module registers its actions with defineActions() when imported.
// (One import per module; keep the list sorted.)
import './catalogue.js';
import './cloud-assistant.js';
import './disks-system.js';
import './instances/index.js';
import './keypairs.js';
import './ram.js';
import './security-groups.js';
import './tags.js';
export {};

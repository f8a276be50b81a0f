// Every action module registers its actions with defineActions() when imported.
// (One import per module; keep the list sorted.)
import './catalogue.js';
import './cloud-assistant.js';
import './disks-system.js';
import './disks.js';
import './images.js';
import './instances/index.js';
import './keypairs.js';
import './ram.js';
import './replace-system-disk.js';
import './security-groups.js';
import './snapshot-policies.js';
import './snapshots.js';
import './storage-settle.js';
import './tags.js';
export {};

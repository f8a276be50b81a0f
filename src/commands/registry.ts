// The command tree. Only metadata lives here (names, summaries, loaders); a verb's module
// is imported when that verb runs, so `ecs --help` loads none of them.

import type { CommandNode } from './types.js';
import configGroup from './config/index.js';
import regionGroup from './region/index.js';
import zoneGroup from './zone/index.js';
import instanceTypeGroup from './instance-type/index.js';
import imageGroup from './image/index.js';
import instanceGroup from './instance/index.js';
import diskGroup from './disk/index.js';
import snapshotGroup from './snapshot/index.js';
import snapshotPolicyGroup from './snapshot-policy/index.js';
import keyGroup from './key/index.js';
import auditGroup from './audit/index.js';
import hostGroup from './host/index.js';
import keypairGroup from './keypair/index.js';
import ramRoleGroup from './ram-role/index.js';
import securityGroupGroup from './security-group/index.js';
import tagGroup from './tag/index.js';
import simulatorGroup from './simulator/index.js';
import completionNodes from './completion/index.js';

export const registry: CommandNode[] = [
  instanceGroup,
  imageGroup,
  keypairGroup,
  securityGroupGroup,
  ramRoleGroup,
  tagGroup,
  diskGroup,
  snapshotGroup,
  snapshotPolicyGroup,
  instanceTypeGroup,
  regionGroup,
  zoneGroup,
  keyGroup,
  auditGroup,
  hostGroup,
  configGroup,
  simulatorGroup,
  ...completionNodes,
];

/** Groups with no verbs yet are not shown. */
export function visible(nodes: CommandNode[]): CommandNode[] {
  return nodes.filter((n) => n.load || (n.children && visible(n.children).length > 0));
}

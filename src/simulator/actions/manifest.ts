// Every action the simulator answers: its flags and the module that holds its handler.
//
// The dispatcher (src/simulator/simulator.ts) decides from the flags alone whether a request
// runs under the store lock (mutates), may be a dry run (mutates), or needs no state at all
// (stateless), and then loads only the module of that one handler: `ecs instance describe`
// compiles instances/describe.ts and what it imports, not the key-pair, image or security-group
// code. This file is the one place the flags live; modules export their handlers as
// `handlers = defineHandlers({ … })` (typed by src/api/actions/, so a misspelt action fails to
// compile). Each module's group
// below must name every handler it exports (checked here by the compiler) and every module
// that exports handlers must have a group (test/unit/simulator/manifest.test.ts).

import type { ActionName } from '../../api/actions/index.js';
import type { ActionHandler, ActionHandlers } from '../simulator.js';

export interface ActionFlags {
  /** The action changes state: it runs under the store lock, is persisted, and honours DryRun. */
  readonly mutates: boolean;
  /** Answers from the static catalogue only: the store is not read at all. */
  readonly stateless?: boolean;
}

export interface ManifestEntry extends ActionFlags {
  /** The module that holds the action's handler, as a relative path (for tests and messages). */
  readonly module: string;
  /** Loads that module (once: import() caches it) and answers the handler. */
  load(): Promise<ActionHandler>;
}

const W: ActionFlags = { mutates: true };
const R: ActionFlags = { mutates: false };
const S: ActionFlags = { mutates: false, stateless: true };

const entries: [string, ManifestEntry][] = [];

/** One module's actions: flags for exactly the handlers it exports (no more, no fewer). */
function group<M extends ActionHandlers>(module: string, load: () => Promise<M>, flags: { [K in keyof M]-?: ActionFlags }): void {
  for (const name of Object.keys(flags) as (keyof M & ActionName)[]) {
    entries.push([
      name,
      {
        ...flags[name],
        module,
        load: () =>
          load().then((handlers) => {
            const h = handlers[name];
            if (typeof h !== 'function') throw new Error(`${module} exports no handler for ${name}`);
            return h as ActionHandler;
          }),
      },
    ]);
  }
}

// (Sorted by module. The import() calls are literal paths, so the bundler gives each module
// its own chunk.)
group('catalogue', () => import('./catalogue.js').then((m) => m.handlers), {
  DescribeVpcs: R,
  DescribeVSwitches: R,
  DescribeRegions: S,
  DescribeZones: S,
  DescribeInstanceTypes: S,
  DescribeInstanceTypeFamilies: S,
  DescribeAvailableResource: S,
  DescribeImages: R,
});
group('cloud-assistant', () => import('./cloud-assistant.js').then((m) => m.handlers), {
  RunCommand: W,
  DescribeInvocations: R,
  DescribeInvocationResults: R,
  DescribeCloudAssistantStatus: R,
});
group('disks-system', () => import('./disks-system.js').then((m) => m.handlers), {
  DescribeDisks: R,
});
group('disks', () => import('./disks.js').then((m) => m.handlers), {
  CreateDisk: W,
  AttachDisk: W,
  DetachDisk: W,
  ResizeDisk: W,
  ResetDisk: W,
  ReInitDisk: W,
  ModifyDiskAttribute: W,
  DeleteDisk: W,
});
group('images', () => import('./images.js').then((m) => m.handlers), {
  CreateImage: W,
  CopyImage: W,
  CancelCopyImage: W,
  ModifyImageSharePermission: W,
  DescribeImageSharePermission: R,
  ImportImage: W,
  ExportImage: W,
  ModifyImageAttribute: W,
  DeleteImage: W,
  DescribeTasks: R,
  DescribeTaskAttribute: R,
  CancelTask: W,
});
group('instances/describe', () => import('./instances/describe.js').then((m) => m.handlers), {
  DescribeInstances: R,
  DescribeInstanceStatus: R,
});
group('instances/lifecycle', () => import('./instances/lifecycle.js').then((m) => m.handlers), {
  StartInstance: W,
  StartInstances: W,
  StopInstance: W,
  StopInstances: W,
  RebootInstance: W,
  RebootInstances: W,
  DeleteInstance: W,
  DeleteInstances: W,
});
group('instances/modify', () => import('./instances/modify.js').then((m) => m.handlers), {
  ModifyInstanceAttribute: W,
  ModifyInstanceVncPasswd: W,
  ModifyInstanceAutoReleaseTime: W,
  RenewInstance: W,
});
group('instances/renewal', () => import('./instances/renewal.js').then((m) => m.handlers), {
  ModifyInstanceAutoRenewAttribute: W,
  DescribeInstanceAutoRenewAttribute: R,
});
group('instances/run', () => import('./instances/run.js').then((m) => m.handlers), {
  RunInstances: W,
  CreateInstance: W,
});
group('instances/vnc', () => import('./instances/vnc.js').then((m) => m.handlers), {
  // Issues a new URL (and, the first time, the initial VNC password): it changes state.
  DescribeInstanceVncUrl: W,
});
group('keypairs', () => import('./keypairs.js').then((m) => m.handlers), {
  CreateKeyPair: W,
  ImportKeyPair: W,
  DescribeKeyPairs: R,
  AttachKeyPair: W,
  DetachKeyPair: W,
  DeleteKeyPairs: W,
});
group('ram', () => import('./ram.js').then((m) => m.handlers), {
  AttachInstanceRamRole: W,
  DetachInstanceRamRole: W,
  DescribeInstanceRamRole: R,
});
group('replace-system-disk', () => import('./replace-system-disk.js').then((m) => m.handlers), {
  ReplaceSystemDisk: W,
});
group('security-groups', () => import('./security-groups.js').then((m) => m.handlers), {
  CreateSecurityGroup: W,
  DescribeSecurityGroups: R,
  DescribeSecurityGroupAttribute: R,
  DeleteSecurityGroup: W,
  JoinSecurityGroup: W,
  LeaveSecurityGroup: W,
  AuthorizeSecurityGroup: W,
  AuthorizeSecurityGroupEgress: W,
  RevokeSecurityGroup: W,
  RevokeSecurityGroupEgress: W,
});
group('snapshot-policies', () => import('./snapshot-policies.js').then((m) => m.handlers), {
  CreateAutoSnapshotPolicy: W,
  ModifyAutoSnapshotPolicyEx: W,
  ModifyAutoSnapshotPolicy: W,
  DescribeAutoSnapshotPolicyEx: R,
  ApplyAutoSnapshotPolicy: W,
  CancelAutoSnapshotPolicy: W,
  DeleteAutoSnapshotPolicy: W,
});
group('snapshots', () => import('./snapshots.js').then((m) => m.handlers), {
  CreateSnapshot: W,
  DescribeSnapshots: R,
  DeleteSnapshot: W,
});
group('tags', () => import('./tags.js').then((m) => m.handlers), {
  TagResources: W,
  UntagResources: W,
  ListTagResources: R,
});

/** Keyed by the request's Action: a Map, so "constructor" or "__proto__" is simply not found. */
export const ACTION_MANIFEST: ReadonlyMap<string, ManifestEntry> = new Map(entries);

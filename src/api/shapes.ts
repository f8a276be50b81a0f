// The shape of each successful answer the CLI relies on, from ecs-api-models.md ("out").
// A 200 answer that is not a JSON object, has no RequestId, or lacks the list or ID the verb
// reads is an error naming the action — never an empty result. (`[]` or {"Regions":"x"}
// used to give exit 0 with no output, and `instance stop` reported "stopping".)

/** objects: an array of JSON objects; strings: an array of strings; string: a string. */
type Kind = 'objects' | 'strings' | 'string';
/** A path ending in "?" may be absent; when present it must have the kind. */
type Rule = readonly [path: string, kind: Kind];

const LISTS: [action: string, path: string][] = [
  ['DescribeInstances', 'Instances.Instance'],
  ['DescribeInstanceStatus', 'InstanceStatuses.InstanceStatus'],
  ['DescribeInstancesFullStatus', 'InstanceFullStatusSet.InstanceFullStatusType'],
  ['StartInstances', 'InstanceResponses.InstanceResponse'],
  ['StopInstances', 'InstanceResponses.InstanceResponse'],
  ['RebootInstances', 'InstanceResponses.InstanceResponse'],
  ['DescribeDisks', 'Disks.Disk'],
  ['DescribeSnapshots', 'Snapshots.Snapshot'],
  ['DescribeAutoSnapshotPolicyEx', 'AutoSnapshotPolicies.AutoSnapshotPolicy'],
  ['DescribeImages', 'Images.Image'],
  ['DescribeSecurityGroups', 'SecurityGroups.SecurityGroup'],
  ['DescribeSecurityGroupAttribute', 'Permissions.Permission'],
  ['DescribeKeyPairs', 'KeyPairs.KeyPair'],
  ['DescribeInstanceRamRole', 'InstanceRamRoleSets.InstanceRamRoleSet'],
  ['DescribeRegions', 'Regions.Region'],
  ['DescribeZones', 'Zones.Zone'],
  ['DescribeInstanceTypes', 'InstanceTypes.InstanceType'],
  ['DescribeInstanceTypeFamilies', 'InstanceTypeFamilies.InstanceTypeFamily'],
  // The service leaves the list out when nothing is available.
  ['DescribeAvailableResource', 'AvailableZones.AvailableZone?'],
  ['ListTagResources', 'TagResources.TagResource'],
  ['DescribeInvocations', 'Invocations.Invocation'],
  ['DescribeInvocationResults', 'Invocation.InvocationResults.InvocationResult'],
  ['DescribeCloudAssistantStatus', 'InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus'],
  ['DescribeTasks', 'TaskSet.Task'],
  ['DescribeInstanceAutoRenewAttribute', 'InstanceRenewAttributes.InstanceRenewAttribute'],
];

const IDS: [action: string, ...fields: string[]][] = [
  ['CreateInstance', 'InstanceId'],
  ['DescribeInstanceVncUrl', 'VncUrl'],
  ['CreateDisk', 'DiskId'],
  ['CreateSnapshot', 'SnapshotId'],
  ['CreateAutoSnapshotPolicy', 'AutoSnapshotPolicyId'],
  ['CreateImage', 'ImageId'],
  ['CopyImage', 'ImageId'],
  ['CreateSecurityGroup', 'SecurityGroupId'],
  ['CreateKeyPair', 'KeyPairName', 'PrivateKeyBody'],
  ['ImportKeyPair', 'KeyPairName'],
  ['CreateCommand', 'CommandId'],
  ['InvokeCommand', 'InvokeId'],
  ['RunCommand', 'InvokeId'],
];

export const RESPONSE_SHAPES: ReadonlyMap<string, readonly Rule[]> = new Map<string, readonly Rule[]>([
  ...LISTS.map(([a, p]) => [a, [[p, 'objects']]] as [string, Rule[]]),
  ...IDS.map(([a, ...fields]) => [a, fields.map((f) => [f, 'string'])] as [string, Rule[]]),
  ['RunInstances', [['InstanceIdSets.InstanceIdSet', 'strings']]],
]);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** What is wrong with a 200 answer to `action`, or undefined when it has the expected shape. */
export function responseShapeProblem(action: string, body: unknown): string | undefined {
  if (!isObject(body)) return `the answer is ${kindOf(body)}, not a JSON object`;
  if (typeof body.RequestId !== 'string') return 'the answer has no RequestId';
  for (const [rawPath, kind] of RESPONSE_SHAPES.get(action) ?? []) {
    const optional = rawPath.endsWith('?');
    const path = optional ? rawPath.slice(0, -1) : rawPath;
    let cur: unknown = body;
    let missingAt: string | undefined;
    for (const part of path.split('.')) {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, part)) {
        missingAt = part;
        break;
      }
      cur = cur[part];
    }
    if (missingAt !== undefined) {
      if (optional) continue;
      return `the answer has no ${path}`;
    }
    if (kind === 'string') {
      if (typeof cur !== 'string' || cur === '') return `${path} is ${cur === '' ? 'empty' : kindOf(cur)}, not an ID`;
      continue;
    }
    if (!Array.isArray(cur)) return `${path} is ${kindOf(cur)}, not a list`;
    const want = kind === 'objects' ? 'an object' : 'a string';
    const bad = cur.findIndex((x) => (kind === 'objects' ? !isObject(x) : typeof x !== 'string'));
    if (bad >= 0) return `${path}[${bad}] is ${kindOf(cur[bad])}, not ${want}`;
  }
  return undefined;
}

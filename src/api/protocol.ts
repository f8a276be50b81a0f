// Facts of the ECS RPC protocol (version 2014-05-26) that the client (src/api/remote.ts) and
// the served simulator (src/simulator/server.ts) both rely on. Neither imports the other.
// Source: /work/shared/reference/ecs-openapi-protocol.md and ecs-api-models.md.

export const API_VERSION = '2014-05-26';

/** Describe*, List*, Get*, Query*: repeating them cannot change anything. */
export function isReadOnlyAction(action: string): boolean {
  return /^(Describe|List|Get|Query)[A-Z]/.test(action);
}

/**
 * Actions whose model marks RegionId as required (`RegionId`**\*** in ecs-api-models.md),
 * mapped to the parameter's wire name (the auto-snapshot-policy actions spell it `regionId`).
 * A request without it is answered MissingParameter (HTTP 400). The others (StartInstance,
 * ModifyInstanceAttribute, DescribeRegions, DescribeInstanceTypes …) find their region from
 * the resource ID or do not need one.
 */
export const REGION_REQUIRED: ReadonlyMap<string, string> = new Map([
  ...[
    'RunInstances', 'CreateInstance', 'DescribeInstances', 'DescribeInstanceStatus', 'DescribeInstancesFullStatus', 'StartInstances',
    'StopInstances', 'RebootInstances', 'DeleteInstances', 'ModifyInstanceVncPasswd', 'DescribeInstanceVncUrl', 'ModifyPrepayInstanceSpec',
    'CreateDisk', 'DescribeDisks', 'DescribeSnapshots', 'DescribeAutoSnapshotPolicyEx', 'CreateImage', 'DescribeImages', 'CopyImage',
    'ModifyImageSharePermission', 'DescribeImageSharePermission', 'ImportImage', 'ExportImage', 'DeleteImage', 'CreateSecurityGroup',
    'DescribeSecurityGroups', 'DescribeSecurityGroupAttribute', 'AuthorizeSecurityGroup', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroup',
    'RevokeSecurityGroupEgress', 'DeleteSecurityGroup', 'CreateKeyPair', 'ImportKeyPair', 'DescribeKeyPairs', 'AttachKeyPair', 'DetachKeyPair',
    'DeleteKeyPairs', 'AttachInstanceRamRole', 'DetachInstanceRamRole', 'DescribeInstanceRamRole', 'DescribeZones', 'DescribeInstanceTypeFamilies',
    'DescribeAvailableResource', 'TagResources', 'UntagResources', 'ListTagResources', 'CreateCommand', 'InvokeCommand', 'RunCommand',
    'DescribeInvocations', 'DescribeInvocationResults', 'DescribeCloudAssistantStatus', 'InstallCloudAssistant', 'DescribeTasks', 'DescribeTaskAttribute',
  ].map((a) => [a, 'RegionId'] as const),
  ...['CreateAutoSnapshotPolicy', 'ApplyAutoSnapshotPolicy', 'CancelAutoSnapshotPolicy', 'DeleteAutoSnapshotPolicy'].map((a) => [a, 'regionId'] as const),
]);

// Conformance, storage half: the official TypeScript SDK (@alicloud/ecs20140526) drives a
// served simulator (the built `ecs simulator serve`) through disks, snapshots, automatic
// snapshot policies, images and ReplaceSystemDisk — request encodings (DataDisk.N.*,
// DiskDeviceMapping.N.*, the lower-camel regionId/timePoints of the policy actions, JSON
// string lists) and the answers' shapes as the SDK parses them, plus real error codes.
import { beforeAll, describe, expect, it } from 'vitest';
import { Ecs, sdkClient, sdkError } from '../helpers/sdk.js';
import { servedForSuite } from '../helpers/served.js';


const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const UBUNTU = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd';
const TYPE = 'ecs.g6.large';


describe('official SDK: storage scenario', () => {
  const sim = servedForSuite('ecs-conf-st-');
  let client: any;
  let inst = '';
  let dataDisk = '';
  let newDisk = '';
  let sysSnap = '';

  beforeAll(() => {
    client = sdkClient(sim.served());
  });

  it('RunInstances with DataDisk.N creates the data disks; DescribeDisks shows them', async () => {
    const r = await client.runInstances(new Ecs.RunInstancesRequest({
      regionId: REGION, zoneId: ZONE, imageId: IMAGE, instanceType: TYPE, password: 'Str0ng#Passw0rd',
      dataDisk: [new Ecs.RunInstancesRequestDataDisk({ size: 60, category: 'cloud_essd', diskName: 'db', device: '/dev/xvdc' })],
    }));
    inst = r.body.instanceIdSets.instanceIdSet[0];
    const d = await client.describeDisks(new Ecs.DescribeDisksRequest({ regionId: REGION, instanceId: inst, diskType: 'data' }));
    expect(d.body.totalCount).toBe(1);
    expect(d.body.disks.disk[0]).toMatchObject({ size: 60, category: 'cloud_essd', diskName: 'db', device: '/dev/xvdc', status: 'In_use', type: 'data', instanceId: inst });
    dataDisk = d.body.disks.disk[0].diskId;
  });

  it('CreateDisk, AttachDisk (first free device), DetachDisk, ResizeDisk, ModifyDiskAttribute', async () => {
    const c = await client.createDisk(new Ecs.CreateDiskRequest({ regionId: REGION, zoneId: ZONE, diskCategory: 'cloud_essd', size: 40, diskName: 'scratch' }));
    newDisk = c.body.diskId;
    expect(newDisk).toMatch(/^d-bp[a-z0-9]{18}$/);
    await client.attachDisk(new Ecs.AttachDiskRequest({ instanceId: inst, diskId: newDisk }));
    let d = await client.describeDisks(new Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify([newDisk]) }));
    expect(d.body.disks.disk[0]).toMatchObject({ status: 'In_use', device: '/dev/xvdb', instanceId: inst });
    await client.resizeDisk(new Ecs.ResizeDiskRequest({ diskId: newDisk, newSize: 80 }));
    await client.modifyDiskAttribute(new Ecs.ModifyDiskAttributeRequest({ diskId: newDisk, deleteWithInstance: true, description: 'resized by the SDK' }));
    await client.detachDisk(new Ecs.DetachDiskRequest({ instanceId: inst, diskId: newDisk }));
    d = await client.describeDisks(new Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify([newDisk]) }));
    expect(d.body.disks.disk[0]).toMatchObject({ status: 'Available', size: 80, deleteWithInstance: true, description: 'resized by the SDK', instanceId: '' });
    const e = await sdkError(client.createDisk(new Ecs.CreateDiskRequest({ regionId: REGION, zoneId: ZONE, diskCategory: 'cloud_ssd', size: 2049 })));
    expect([e.code, e.statusCode]).toEqual(['InvalidSize.ValueNotSupported', 400]);
  });

  it('snapshots: CreateSnapshot, DescribeSnapshots by disk, DeleteSnapshot refused while an image uses it', async () => {
    const sys = (await client.describeDisks(new Ecs.DescribeDisksRequest({ regionId: REGION, instanceId: inst, diskType: 'system' }))).body.disks.disk[0].diskId;
    sysSnap = (await client.createSnapshot(new Ecs.CreateSnapshotRequest({ diskId: sys, snapshotName: 'sdk-snap' }))).body.snapshotId;
    const s = await client.describeSnapshots(new Ecs.DescribeSnapshotsRequest({ regionId: REGION, diskId: sys }));
    expect(s.body.totalCount).toBe(1);
    expect(s.body.snapshots.snapshot[0]).toMatchObject({ snapshotId: sysSnap, snapshotName: 'sdk-snap', status: 'accomplished', progress: '100%', sourceDiskType: 'system', snapshotType: 'user', usage: 'none' });
    const img = (await client.createImage(new Ecs.CreateImageRequest({
      regionId: REGION, snapshotId: sysSnap, imageName: 'sdk-image',
      diskDeviceMapping: [new Ecs.CreateImageRequestDiskDeviceMapping({ size: 10, diskType: 'data' })],
    }))).body.imageId;
    const e = await sdkError(client.deleteSnapshot(new Ecs.DeleteSnapshotRequest({ snapshotId: sysSnap })));
    expect([e.code, e.statusCode]).toEqual(['SnapshotCreatedImage', 403]);
    const images = await client.describeImages(new Ecs.DescribeImagesRequest({ regionId: REGION, imageOwnerAlias: 'self' }));
    const mine = images.body.images.image.find((i: any) => i.imageId === img);
    expect(mine.diskDeviceMappings.diskDeviceMapping.map((m: any) => [m.device, m.type, m.size])).toEqual([['/dev/xvda', 'system', '40'], ['/dev/xvdb', 'data', '10']]);
  });

  it('automatic snapshot policies: create (lower-camel parameters), apply, describe, cancel, delete', async () => {
    const p = await client.createAutoSnapshotPolicy(new Ecs.CreateAutoSnapshotPolicyRequest({
      regionId: REGION, autoSnapshotPolicyName: 'nightly', timePoints: '["1","13"]', repeatWeekdays: '["1","3","5"]', retentionDays: 7,
    }));
    const id = p.body.autoSnapshotPolicyId;
    expect(id).toMatch(/^sp-/);
    await client.applyAutoSnapshotPolicy(new Ecs.ApplyAutoSnapshotPolicyRequest({ regionId: REGION, autoSnapshotPolicyId: id, diskIds: JSON.stringify([dataDisk]) }));
    const list = await client.describeAutoSnapshotPolicyEx(new Ecs.DescribeAutoSnapshotPolicyExRequest({ regionId: REGION, autoSnapshotPolicyId: id }));
    expect(list.body.autoSnapshotPolicies.autoSnapshotPolicy[0]).toMatchObject({ autoSnapshotPolicyName: 'nightly', timePoints: '["1","13"]', repeatWeekdays: '["1","3","5"]', retentionDays: 7, diskNums: 1 });
    await client.cancelAutoSnapshotPolicy(new Ecs.CancelAutoSnapshotPolicyRequest({ regionId: REGION, diskIds: JSON.stringify([dataDisk]) }));
    await client.deleteAutoSnapshotPolicy(new Ecs.DeleteAutoSnapshotPolicyRequest({ regionId: REGION, autoSnapshotPolicyId: id }));
    const e = await sdkError(client.createAutoSnapshotPolicy(new Ecs.CreateAutoSnapshotPolicyRequest({ regionId: REGION, timePoints: '["24"]', repeatWeekdays: '["1"]', retentionDays: 7 })));
    expect([e.code, e.statusCode]).toEqual(['ParameterInvalid', 403]);
  });

  it('image sharing and ReplaceSystemDisk on a stopped instance', async () => {
    const img = (await client.createImage(new Ecs.CreateImageRequest({ regionId: REGION, instanceId: inst, imageName: 'from-instance' }))).body.imageId;
    await client.modifyImageSharePermission(new Ecs.ModifyImageSharePermissionRequest({ regionId: REGION, imageId: img, addAccount: ['2000000000000001', '2000000000000002'] }));
    const perm = await client.describeImageSharePermission(new Ecs.DescribeImageSharePermissionRequest({ regionId: REGION, imageId: img }));
    expect(perm.body.accounts.account.map((a: any) => a.aliyunId)).toEqual(['2000000000000001', '2000000000000002']);
    const e = await sdkError(client.replaceSystemDisk(new Ecs.ReplaceSystemDiskRequest({ instanceId: inst, imageId: UBUNTU })));
    expect([e.code, e.statusCode]).toEqual(['IncorrectInstanceStatus', 403]);
    await client.stopInstance(new Ecs.StopInstanceRequest({ instanceId: inst }));
    const r = await client.replaceSystemDisk(new Ecs.ReplaceSystemDiskRequest({ instanceId: inst, imageId: UBUNTU, password: 'Str0ng#Passw0rd' }));
    expect(r.body.diskId).toMatch(/^d-/);
    const sys = await client.describeDisks(new Ecs.DescribeDisksRequest({ regionId: REGION, instanceId: inst, diskType: 'system' }));
    expect(sys.body.disks.disk[0].diskId).toBe(r.body.diskId);
  });
});

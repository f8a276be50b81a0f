import { Option } from 'commander';
import type { CreateInstanceRequest, RunInstancesRequest } from '../../api/actions/instances.js';
import { InvalidArgumentError } from '../shared/parse.js';
import type { EcsApi } from '../../api/types.js';
import type { Context } from '../../core/context.js';
import { CliError, UsageError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { itemsById, listAll, waitForStatus } from '../builders/index.js';
import { collectTag, oneOf, positiveInt, type TagKV } from '../shared/parse.js';
import { image } from '../../resources/image.js';
import { instance, instanceFields, stoppedWhileWaitingForRunning, type Instance } from '../../resources/instance.js';
import { readSecret } from '../shared/secret.js';
import { adviseOnPassword, validateInstancePassword } from '../../resources/instance-password.js';
import { apiTime, parseTime } from '../shared/time.js';

/** Small, common types tried in order when --type is not given. */
const PREFERRED_TYPES = [
  'ecs.e-c1m2.large', 'ecs.g7.large', 'ecs.u1-c1m2.large', 'ecs.g6.large', 'ecs.t6-c1m2.large', 'ecs.g8i.large',
  'ecs.c7.large', 'ecs.g5.large', 'ecs.t5-c1m2.large', 'ecs.s2.large', 'ecs.s1.small',
];

const DEFAULT_IMAGE_FAMILY = /alibaba_cloud_linux_3/i;
const DEFAULT_IMAGE_NAME = /Alibaba Cloud Linux 3/i;

/** --data-disk size=100,category=cloud_essd,snapshot=s-…,device=/dev/xvdb,name=db,keep → DataDisk.N.* */
function collectDataDisk(v: string, prev: Record<string, string | number | boolean>[] = []): Record<string, string | number | boolean>[] {
  const d: Record<string, string | number | boolean> = {};
  for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    const val = i < 0 ? '' : part.slice(i + 1);
    if (k === 'size' && /^\d+$/.test(val)) d.Size = Number(val);
    else if (k === 'category' && val) d.Category = val;
    else if (k === 'snapshot' && val) d.SnapshotId = val;
    else if (k === 'device' && /^\/dev\/xvd[b-z]$/.test(val)) d.Device = val;
    else if (k === 'name' && val) d.DiskName = val;
    else if (k === 'keep' && i < 0) d.DeleteWithInstance = false;
    else throw new InvalidArgumentError(`--data-disk takes size=GiB,category=C,snapshot=ID,device=/dev/xvd[b-z],name=N,keep; got "${part}"`);
  }
  if (d.Size === undefined && d.SnapshotId === undefined) throw new InvalidArgumentError(`--data-disk needs size=GiB or snapshot=ID, got "${v}"`);
  if (prev.length >= 16) throw new InvalidArgumentError('--data-disk: at most 16 data disks per instance');
  return [...prev, d];
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

export default defineCommand({
  configure(cmd) {
    cmd
      .option('--name <name>', 'instance name (with --amount, the API numbers them when the name has a [begin,bits] pattern)')
      .option('--hostname <name>', 'host name inside the OS')
      .option('--description <text>', 'description')
      .option('--image <id>', 'image ID (default: the newest Alibaba Cloud Linux 3 x86_64 public image)')
      .option('--type <type>', 'instance type (default: a small common type offered in the zone)')
      .option('--zone <zone>', 'zone (default: the first zone offering the type)')
      .option('--security-group <id>', 'security group (repeatable or comma-separated; default: the region\'s default group)', collect)
      .option('--vswitch <id>', 'vSwitch (default: the zone\'s default vSwitch)')
      .option('--keypair <name>', 'SSH key pair (Linux only)')
      .option('--password-stdin', 'read the login password from standard input')
      .option('--password-file <file>', 'read the login password from a file (mode 0600)')
      .addOption(new Option('--password [value]', 'prompt for the login password (hidden, asked twice); a value is refused'))
      .option('--password-inherit', 'use the password preset in the (custom) image')
      .option('--login-as-non-root', 'log in as ecs-user instead of root (the root password cannot be reset afterwards)')
      .option('--amount <n>', 'how many instances (1-100)', positiveInt('--amount', 1, 100), 1)
      .option('--tag <key=value>', 'tag (repeatable)', collectTag)
      .option('--charge-type <type>', 'PostPaid (pay-as-you-go, default) or PrePaid (subscription)', oneOf('--charge-type', ['PostPaid', 'PrePaid']))
      .option('--period <n>', 'subscription length (PrePaid)', positiveInt('--period', 1, 60))
      .option('--period-unit <unit>', 'Month (default), Year or Week', oneOf('--period-unit', ['Month', 'Year', 'Week']))
      .option('--stopped', 'create one instance and leave it Stopped (CreateInstance); start it with ecs instance start')
      .option('--auto-renew', 'PrePaid: renew automatically at expiry (AutoRenew)')
      .option('--auto-renew-period <n>', 'with --auto-renew: months per renewal (1, 2, 3, 6 or 12; default 1)', oneOf('--auto-renew-period', ['1', '2', '3', '6', '12']))
      .option('--auto-release-at <time>', 'release automatically at this time (ISO 8601 or +2h, +1d; PostPaid)')
      .option('--client-token <token>', 'idempotency token: the same token returns the same instances')
      .option('--system-disk-category <category>', 'cloud_essd, cloud_ssd, cloud_efficiency, cloud_auto …')
      .option('--system-disk-size <GiB>', 'system disk size in GiB', positiveInt('--system-disk-size', 1, 2048))
      .option('--data-disk <spec>', 'a data disk: size=GiB,category=C,snapshot=ID,device=/dev/xvdX,name=N,keep (repeatable, at most 16; keep = not released with the instance)', collectDataDisk)
      .option('--internet-bandwidth <Mbps>', 'public bandwidth; > 0 assigns a public IP', positiveInt('--internet-bandwidth', 0, 1024))
      .addHelpText('after', `
Global options that apply: --wait (until Running), --dry-run (DryRun=true: validate only),
--region, -o json (the Instance object; an array for --amount > 1).

Examples:
  ecs instance create --name web-1 --password            # asks, hidden, twice
  ecs instance create --name web-1 --password-file pw.txt # first line of a 0600 file
  ecs instance create --name web-1 --keypair my-key --login-as-non-root --wait
  ecs instance create --type ecs.g7.large --zone cn-hangzhou-i --amount 3 --tag env=prod -o ids
  ecs instance create --charge-type PrePaid --period 1 --period-unit Month --password`);
  },
  completion: {
    options: {
      '--image': { resource: 'image' },
      '--type': { resource: 'instance-type' },
      '--zone': { resource: 'zone' },
      '--security-group': { resource: 'security-group' },
      '--keypair': { resource: 'keypair' },
      '--charge-type': { values: ['PostPaid', 'PrePaid'] },
      '--period-unit': { values: ['Month', 'Year', 'Week'] },
      '--auto-renew-period': { values: ['1', '2', '3', '6', '12'] },
      '--system-disk-category': { values: ['cloud_essd', 'cloud_ssd', 'cloud_efficiency', 'cloud_auto', 'cloud_essd_entry'] },
    },
  },
  async run(ctx, _args, o) {
    // Local checks first: nothing reaches the API with a malformed request.
    const chargeType: string | undefined = o.chargeType;
    if ((o.period !== undefined || o.periodUnit !== undefined) && chargeType !== 'PrePaid') {
      throw new UsageError('--period and --period-unit are for subscriptions: add --charge-type PrePaid');
    }
    if (chargeType === 'PrePaid' && o.period === undefined) throw new UsageError('--charge-type PrePaid needs --period N (and --period-unit Month|Year)');
    if ((o.autoRenew || o.autoRenewPeriod !== undefined) && chargeType !== 'PrePaid') throw new UsageError('--auto-renew is for subscriptions: add --charge-type PrePaid --period N');
    if (o.autoRenewPeriod !== undefined && !o.autoRenew) throw new UsageError('--auto-renew-period needs --auto-renew');
    if (o.stopped) {
      // CreateInstance makes one instance and has no LoginAsNonRoot, AutoReleaseTime or several groups.
      const not = [o.amount > 1 && '--amount', o.loginAsNonRoot && '--login-as-non-root', o.autoReleaseAt !== undefined && '--auto-release-at', (o.securityGroup?.length ?? 0) > 1 && 'several --security-group'].filter(Boolean);
      if (not.length) throw new UsageError(`--stopped (CreateInstance) cannot be combined with ${not.join(', ')}`);
    }
    const autoRelease = o.autoReleaseAt !== undefined ? apiTime(parseTime(o.autoReleaseAt, new Date(), '--auto-release-at')) : undefined;
    const secret = await readSecret(ctx, o, { what: 'instance password', promptByDefault: false, validate: (v) => validateInstancePassword(v) });
    if (secret) {
      validateInstancePassword(secret.value);
      adviseOnPassword(ctx, secret.value);
    }

    const api = await ctx.api();
    const params: RunInstancesRequest = {
      RegionId: ctx.region,
      InstanceName: o.name,
      HostName: o.hostname,
      Description: o.description,
      ImageId: o.image,
      InstanceType: o.type,
      ZoneId: o.zone,
      VSwitchId: o.vswitch,
      KeyPairName: o.keypair,
      Password: secret?.value,
      PasswordInherit: o.passwordInherit ? true : undefined,
      ImageOptions: o.loginAsNonRoot ? { LoginAsNonRoot: true } : undefined,
      Amount: o.amount,
      Tag: (o.tag as TagKV[] | undefined)?.map((t) => ({ Key: t.Key, Value: t.Value ?? '' })),
      InstanceChargeType: chargeType,
      AutoReleaseTime: autoRelease,
      ClientToken: o.clientToken,
      SystemDisk: o.systemDiskCategory !== undefined || o.systemDiskSize !== undefined ? { Category: o.systemDiskCategory, Size: o.systemDiskSize } : undefined,
      DataDisk: o.dataDisk,
      AutoRenew: o.autoRenew ? true : undefined,
      AutoRenewPeriod: o.autoRenew ? Number(o.autoRenewPeriod ?? 1) : undefined,
      InternetMaxBandwidthOut: o.internetBandwidth,
      DryRun: ctx.globals.dryRun ? true : undefined,
    };
    const sgs: string[] | undefined = o.securityGroup;
    if (sgs?.length === 1) params.SecurityGroupId = sgs[0];
    else if (sgs && sgs.length > 1) params.SecurityGroupIds = sgs;
    if (chargeType === 'PrePaid') {
      const unit = o.periodUnit ?? 'Month';
      params.Period = unit === 'Year' ? o.period * 12 : o.period;
      params.PeriodUnit = unit === 'Year' ? 'Month' : unit;
    }
    if (!params.ImageId) params.ImageId = await defaultImage(ctx, api);
    if (!params.InstanceType || !params.ZoneId) Object.assign(params, await defaultTypeAndZone(ctx, api, params.InstanceType, params.ZoneId, chargeType));

    const ids = o.stopped ? await createInstance(ctx, api, params) : await runInstances(ctx, api, params);
    if (!ids) return; // dry run
    if (!secret && !o.keypair && !o.passwordInherit) {
      ctx.note(`No password and no key pair: set one before logging in (ecs instance reset-password ${ids.length === 1 ? ids[0] : 'ID'}).`);
    }
    if (ctx.outputFormat === 'ids' && !ctx.globals.query && !ctx.globals.wait) {
      ctx.io.stdout.write(ids.map((id) => id + '\n').join(''));
      return;
    }
    if (ctx.globals.wait) await waitForStatus(ctx, api, instance, ids, o.stopped ? 'Stopped' : 'Running', { dead: o.stopped ? undefined : stoppedWhileWaitingForRunning });
    const found = await itemsById<Instance>(ctx, api, instance, ids);
    const items = ids.map((id) => found.get(id)).filter((i): i is Instance => i !== undefined);
    await printCreated(ctx, items);
  },
});

/** CreateInstance: one instance, left Stopped (the same parameters, minus what it does not take). */
async function createInstance(ctx: Context, api: EcsApi, run: RunInstancesRequest): Promise<string[] | undefined> {
  const type = run.InstanceType;
  if (!type) throw new UsageError('--stopped needs an instance type (--type)');
  const r = run;
  const params: CreateInstanceRequest = {
    RegionId: r.RegionId, InstanceType: type, ImageId: r.ImageId, ZoneId: r.ZoneId, VSwitchId: r.VSwitchId,
    SecurityGroupId: r.SecurityGroupId, InstanceName: r.InstanceName, HostName: r.HostName, Description: r.Description,
    KeyPairName: r.KeyPairName, Password: r.Password, PasswordInherit: r.PasswordInherit, Tag: r.Tag,
    InstanceChargeType: r.InstanceChargeType, Period: r.Period, PeriodUnit: r.PeriodUnit, AutoRenew: r.AutoRenew,
    AutoRenewPeriod: r.AutoRenewPeriod, ClientToken: r.ClientToken, SystemDisk: r.SystemDisk,
    InternetMaxBandwidthOut: r.InternetMaxBandwidthOut, DryRun: r.DryRun,
  };
  let res;
  try {
    res = await api.call('CreateInstance', params, { signal: ctx.abort.signal });
  } catch (e) {
    const c = e as CliError;
    if (c.code !== 'DryRunOperation') throw e;
    ctx.note(`Dry run: the request is valid (${c.code}); nothing was created.`);
    return undefined;
  }
  if (!res.InstanceId) throw new CliError('CreateInstance answered without an InstanceId', { code: 'InvalidResponse' });
  ctx.note(`Created instance ${res.InstanceId} (Stopped)${res.TradePrice !== undefined ? ` (trade price ${res.TradePrice})` : ''}.`);
  return [res.InstanceId];
}

async function runInstances(ctx: Context, api: EcsApi, params: RunInstancesRequest): Promise<string[] | undefined> {
  const call = () => api.call('RunInstances', params, { signal: ctx.abort.signal });
  let res;
  try {
    res = await call();
  } catch (e) {
    const c = e as CliError;
    if (c.code === 'DryRunOperation') {
      ctx.note(`Dry run: the request is valid (${c.code}); nothing was created.`);
      return undefined;
    }
    // The real API needs a security group; the simulator uses the region's default one.
    if (c.code === 'MissingParameter' && /SecurityGroupId/.test(c.message) && !params.SecurityGroupId && !params.SecurityGroupIds) {
      const sg = await defaultSecurityGroup(ctx, api);
      if (!sg) throw new CliError(`${c.message} Pass --security-group ID.`, { code: c.code, requestId: c.requestId });
      params.SecurityGroupId = sg;
      res = await call();
    } else {
      throw e;
    }
  }
  const ids = res.InstanceIdSets?.InstanceIdSet ?? [];
  ctx.note(`Created ${ids.length === 1 ? `instance ${ids[0]}` : `${ids.length} instances`}${res.TradePrice !== undefined ? ` (trade price ${res.TradePrice})` : ''}.`);
  return ids;
}

async function printCreated(ctx: Context, items: Instance[]): Promise<void> {
  if (items.length === 1 && ctx.outputFormat !== 'tsv') {
    await ctx.renderRecord(items[0]!, instanceFields(items[0]!), items[0]!.InstanceId);
  } else {
    await ctx.render(items, { columns: instance.columns, id: instance.idField });
  }
}

async function defaultImage(ctx: Context, api: EcsApi): Promise<string> {
  const images = await listAll<import('../../resources/image.js').Image>(ctx, api, image, { ImageOwnerAlias: 'system', OSType: 'linux', Architecture: 'x86_64' });
  const al3 = images
    .filter((i) => (DEFAULT_IMAGE_FAMILY.test(i.ImageFamily ?? '') || DEFAULT_IMAGE_NAME.test(i.OSNameEn ?? i.OSName ?? '')) && (i.Architecture ?? 'x86_64') === 'x86_64')
    .sort((a, b) => String(b.CreationTime ?? '').localeCompare(String(a.CreationTime ?? '')) || String(b.ImageId).localeCompare(String(a.ImageId)));
  if (!al3.length) throw new UsageError(`no Alibaba Cloud Linux 3 x86_64 public image found in ${ctx.region}: pass --image (see: ecs image list)`);
  ctx.debug(`default image: ${al3[0]!.ImageId}`);
  return al3[0]!.ImageId!;
}

async function defaultTypeAndZone(ctx: Context, api: EcsApi, type: string | undefined, zone: string | undefined, chargeType?: string): Promise<{ InstanceType?: string; ZoneId?: string }> {
  const res = await api.call('DescribeZones', { RegionId: ctx.region, InstanceChargeType: chargeType, Verbose: true }, { signal: ctx.abort.signal });
  const zones = (res.Zones?.Zone ?? []).map((z) => ({
    id: String(z.ZoneId),
    types: new Set<string>(z.AvailableInstanceTypes?.InstanceTypes ?? []),
  }));
  if (zone && !zones.some((z) => z.id === zone)) {
    throw new CliError(`zone ${zone} does not exist in region ${ctx.region} (see: ecs zone list)`, { code: 'InvalidZoneId.NotFound' });
  }
  if (type) {
    const z = zones.find((x) => x.types.has(type));
    if (!z) return { InstanceType: type }; // let the API say why (unknown type, not offered …)
    ctx.debug(`default zone for ${type}: ${z.id}`);
    return { InstanceType: type, ZoneId: z.id };
  }
  const candidates = zone ? zones.filter((z) => z.id === zone) : zones;
  for (const t of PREFERRED_TYPES) {
    const z = candidates.find((x) => x.types.has(t));
    if (z) {
      ctx.debug(`default type and zone: ${t} in ${z.id}`);
      return { InstanceType: t, ZoneId: z.id };
    }
  }
  const z = candidates.find((x) => x.types.size > 0);
  if (!z) throw new UsageError(`no instance type is offered in ${zone ?? ctx.region}: pass --type and --zone (see: ecs instance-type list)`);
  return { InstanceType: [...z.types][0], ZoneId: z.id };
}

async function defaultSecurityGroup(ctx: Context, api: EcsApi): Promise<string | undefined> {
  const res = await api.call('DescribeSecurityGroups', { RegionId: ctx.region, PageNumber: 1, PageSize: 50 }, { signal: ctx.abort.signal });
  const groups = res.SecurityGroups?.SecurityGroup ?? [];
  const pick = groups.find((g) => /default/i.test(g.SecurityGroupName ?? '') || /^System created/i.test(g.Description ?? '')) ?? (groups.length === 1 ? groups[0] : undefined);
  return pick?.SecurityGroupId;
}

import { auditCloud, type CloudGroup, type CloudInstance, type CloudRule } from '../../audit/cloud.js';
import { reportFindings } from '../../audit/report.js';
import type { Context } from '../../core/context.js';
import { CliError } from '../../core/errors.js';
import { defineCommand } from '../types.js';
import { addFailOn, AUDIT_EXIT_HELP } from './common.js';

export default defineCommand({
  sarif: true,
  configure(cmd) {
    addFailOn(cmd);
    cmd.addHelpText(
      'after',
      `
Examples:
  ecs audit cloud --region cn-hangzhou
  ecs audit cloud --fail-on high -o sarif > cloud.sarif

Reads instances (DescribeInstances), their images, key pairs (DescribeKeyPairs) and
security groups with their rules (DescribeSecurityGroups, DescribeSecurityGroupAttribute)
through the backend, and reports: Linux instances that log in as root (S002), instances
with the image's preset password (S001: PasswordInherit, or a custom image without a key
pair when the API does not say), Linux instances without a key pair, key pairs bound to
no instance, and the security-group rules SG-01…SG-09: ports 22, 3389 and database ports
open to 0.0.0.0/0 (naming the deciding rule), shadowed rules, port 25, carrier-blocked
ports, rule counts, instances in the default group. Fixes include the documented RAM deny
policies for PasswordInherit and LoginAsNonRoot. "file" is ecs://REGION/KIND/ID and
"line" the rule's position in the group for security-group findings.
An action the backend does not offer is skipped with a warning.
${AUDIT_EXIT_HELP}`,
    );
  },
  async run(ctx, _args, o) {
    const data = await collect(ctx);
    const code = await reportFindings(ctx, auditCloud(data), { failOn: o.failOn });
    return code;
  },
});

type Api = Awaited<ReturnType<Context['api']>>;

/** An action the backend lacks is skipped (warning); anything else is an error. */
async function optional<T>(ctx: Context, what: string, f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof CliError && (e.code === 'InvalidAction.NotFound' || e.code === 'InvalidAction')) {
      ctx.warn(`the backend does not offer ${what}; those checks were skipped`);
      return undefined;
    }
    throw e;
  }
}

async function pages<T>(api: Api, action: string, params: Record<string, unknown>, pick: (r: any) => T[] | undefined, size: number): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page < 10_000; page++) {
    const r: any = await api.call(action as any, { ...params, PageNumber: page, PageSize: size } as any);
    const items = pick(r) ?? [];
    out.push(...items);
    const total = Number(r?.TotalCount);
    if (items.length < size || (Number.isFinite(total) && out.length >= total)) break;
  }
  return out;
}

async function collect(ctx: Context) {
  const api = await ctx.api();
  const regionId = ctx.region;
  const instances = await pages<CloudInstance>(api, 'DescribeInstances', { RegionId: regionId }, (r) => r?.Instances?.Instance, 100);
  const imageOwner = new Map<string, string>();
  const imageIds = [...new Set(instances.map((i) => i.ImageId).filter((x): x is string => Boolean(x)))];
  for (let i = 0; i < imageIds.length; i += 100) {
    const batch = imageIds.slice(i, i + 100);
    const imgs = await optional(ctx, 'DescribeImages', () => pages<any>(api, 'DescribeImages', { RegionId: regionId, ImageId: batch.join(','), Status: 'Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated' }, (r) => r?.Images?.Image, 100));
    for (const im of imgs ?? []) if (im?.ImageId && im.ImageOwnerAlias) imageOwner.set(im.ImageId, im.ImageOwnerAlias);
  }
  const keyPairs = await optional(ctx, 'DescribeKeyPairs', () => pages<{ KeyPairName: string }>(api, 'DescribeKeyPairs', { RegionId: regionId }, (r) => r?.KeyPairs?.KeyPair, 50));
  const groupList = await optional(ctx, 'DescribeSecurityGroups', () => pages<any>(api, 'DescribeSecurityGroups', { RegionId: regionId }, (r) => r?.SecurityGroups?.SecurityGroup, 50));
  let groups: CloudGroup[] | undefined = [];
  for (const g of groupList ?? []) {
    const rules: CloudRule[] = [];
    let token: string | undefined;
    let attr: any;
    for (let i = 0; i < 1000; i++) {
      attr = await optional(ctx, 'DescribeSecurityGroupAttribute', () => api.call('DescribeSecurityGroupAttribute' as any, { RegionId: regionId, SecurityGroupId: g.SecurityGroupId, Direction: 'all', MaxResults: 1000, ...(token ? { NextToken: token } : {}) } as any));
      if (!attr) break;
      rules.push(...(attr?.Permissions?.Permission ?? []));
      token = attr?.NextToken || undefined;
      if (!token) break;
    }
    if (!attr) {
      groups = undefined;
      break;
    }
    groups.push({ SecurityGroupId: g.SecurityGroupId, SecurityGroupName: g.SecurityGroupName ?? attr.SecurityGroupName, Description: g.Description ?? attr.Description, VpcId: g.VpcId ?? attr.VpcId, Permissions: rules });
  }
  return { regionId, instances, imageOwner, keyPairs, groups };
}

// The simulator settings of the resource modules (`ecs simulator get/set`), defined here
// rather than in their modules so that they exist whichever handler a request loads: a
// setting one module defines is read by others (quota.tags-per-resource by every action that
// takes tags), and the manifest loads only the module of the action at hand. Also the RAM
// checks of the instance-creating actions, which read the RAM settings. Loaded with every
// request (actions/index.ts), so it imports nothing heavy.

import { ApiError, UsageError } from '../../core/errors.js';
import { defineSetting, nonNegativeInt, settingValue } from '../settings.js';
import type { SimState } from '../state.js';

const bool = (key: string) => (v: string) => {
  if (v !== 'true' && v !== 'false') throw new UsageError(`${key} must be true or false, got "${v}"`);
  return v;
};

// ---- key pairs (keypairs.ts) ----------------------------------------------------------------
defineSetting('keypair.delete-bound', {
  default: 'refuse',
  description: 'DeleteKeyPairs on a bound key pair: refuse (S000, default) or burn (S003: deleted, the name stays on the instances and can never be reused)',
  parse: (v) => {
    if (v !== 'refuse' && v !== 'burn') throw new UsageError(`keypair.delete-bound must be "refuse" or "burn", got "${v}"`);
    return v;
  },
});
defineSetting('keypair.accept-ed25519', {
  default: 'false',
  description: 'ImportKeyPair accepts ssh-ed25519 keys (not in the documented list of key types; default false)',
  parse: (v) => {
    if (v !== 'true' && v !== 'false') throw new UsageError(`keypair.accept-ed25519 must be true or false, got "${v}"`);
    return v;
  },
});

// ---- RAM roles (ram.ts) ---------------------------------------------------------------------
export const SEEDED_ROLES: readonly string[] = ['EcsRamRoleDocumentTesting'];
export const ECS_SERVICE = 'ecs.aliyuncs.com';
const ROLE_NAME = /^[A-Za-z0-9-]{1,64}$/;

export function parseRoles(v: string): { name: string; service: string }[] {
  if (v.trim() === '') return [];
  return v.split(',').map((item) => {
    const [name, service = ECS_SERVICE, ...rest] = item.trim().split('@');
    if (rest.length || !ROLE_NAME.test(name!) || !/^[a-z0-9.-]+$/.test(service)) {
      throw new UsageError(`ram.roles: "${item.trim()}" is not NAME or NAME@service (NAME: 1-64 letters, digits and hyphens)`);
    }
    return { name: name!, service };
  });
}

defineSetting('ram.roles', {
  default: '',
  description: `RAM roles besides the seeded ${SEEDED_ROLES.join(', ')}: comma-separated NAME (trusts ${ECS_SERVICE}) or NAME@service`,
  parse: (v) => (parseRoles(v), v.split(',').map((s) => s.trim()).filter(Boolean).join(',')),
});
defineSetting('ram.pass-role', {
  default: 'true',
  description: 'the caller may pass RAM roles (ram:PassRole, §5.2 rule 4); false models a RAM user without it: Attach/DetachInstanceRamRole answer InvalidUser.PassRoleForbidden',
  parse: bool('ram.pass-role'),
});
defineSetting('ram.deny-password-inherit', {
  default: 'false',
  description: 'S001 deny policy: RunInstances with PasswordInherit=true is answered Forbidden.RAM',
  parse: bool('ram.deny-password-inherit'),
});
defineSetting('ram.require-login-as-non-root', {
  default: 'false',
  description: 'S002 deny policy: RunInstances without ImageOptions.LoginAsNonRoot=true is answered Forbidden.RAM',
  parse: bool('ram.require-login-as-non-root'),
});


// The RAM checks RunInstances, CreateInstance and ReplaceSystemDisk make (here, with the
// settings they read, so that those actions do not load ram.ts).

/** The role's trusted service, or undefined when no such role exists. */
export function roleService(state: SimState, name: string): string | undefined {
  if (SEEDED_ROLES.includes(name)) return ECS_SERVICE;
  return parseRoles(settingValue(state, 'ram.roles')).find((r) => r.name === name)?.service;
}

/** An ECS role by name, or the real error (RunInstances.RamRoleName and AttachInstanceRamRole). */
export function checkEcsRole(state: SimState, name: string): void {
  const service = roleService(state, name);
  if (service === undefined) throw new ApiError('InvalidRamRole.NotFound', `The specified RAMRoleName does not exist. (${name.slice(0, 80)})`, 404);
  if (service !== ECS_SERVICE) throw new ApiError('InvalidRamRole.NotEcsRole', `The specified ram role is not authorized for ecs, please check your role policy. (${name} trusts ${service})`, 404);
}

const FORBIDDEN = 'User not authorized to operate on the specified resource, or this API doesn\'t support RAM.';

/** The documented deny policies, for RunInstances / CreateInstance / ReplaceSystemDisk. */
export function checkRamDeny(state: SimState, action: string, req: { passwordInherit: boolean; loginAsNonRoot: boolean }): void {
  if (req.passwordInherit && settingValue(state, 'ram.deny-password-inherit') === 'true') {
    throw new ApiError('Forbidden.RAM', `${FORBIDDEN} (explicit deny: ecs:${action} with ecs:PasswordInherit = true)`, 403);
  }
  if (!req.loginAsNonRoot && settingValue(state, 'ram.require-login-as-non-root') === 'true') {
    throw new ApiError('Forbidden.RAM', `${FORBIDDEN} (explicit deny: ecs:${action} with ecs:LoginAsNonRoot = false)`, 403);
  }
}

// ---- security groups (security-groups.ts) ---------------------------------------------------
defineSetting('quota.security-group-rules-per-instance', {
  default: '500',
  description: 'rules of all the security groups of one instance (primary ENI) together (security spec §4.6)',
  parse: nonNegativeInt('quota.security-group-rules-per-instance'),
});
defineSetting('quota.instances-per-enterprise-security-group', {
  default: '50000',
  description: 'instances (ENIs) in one enterprise security group (security spec §4.6, §4.7)',
  parse: nonNegativeInt('quota.instances-per-enterprise-security-group'),
});
defineSetting('security-group.classic', {
  default: 'false',
  description: 'the account has the classic network: CreateSecurityGroup without VpcId makes a classic group (NIC types internet/intranet, intranet inbound CIDRs /32 only); otherwise it goes in the default VPC. Simulated instances are all VPC instances and cannot join classic groups',
  parse: (v) => {
    if (v !== 'true' && v !== 'false') throw new UsageError(`security-group.classic must be true or false, got "${v}"`);
    return v;
  },
});
defineSetting('security-group.default-web-ports', {
  default: 'false',
  description: "the region's system default group also accepts TCP 80 and 443 (S004 §1.5; conflict C2: the default follows S003, 22/3389/ICMP only); read when the region's default group is created",
  parse: (v) => {
    if (v !== 'true' && v !== 'false') throw new UsageError(`security-group.default-web-ports must be true or false, got "${v}"`);
    return v;
  },
});
defineSetting('quota.security-group-references', {
  default: '20',
  description: 'security groups one basic group may reference in its rules (security spec §4.3 [EXT])',
  parse: nonNegativeInt('quota.security-group-references'),
});

// ---- tags (tags.ts) ---------------------------------------------------------------------------
defineSetting('quota.tags-per-resource', {
  default: '10',
  description: 'tags on one resource (guide §15 L3605, §20 #7)',
  parse: nonNegativeInt('quota.tags-per-resource'),
});
defineSetting('quota.tags-per-call', {
  default: '5',
  description: 'tags bound or unbound by one TagResources / UntagResources call (guide §15 L3605)',
  parse: nonNegativeInt('quota.tags-per-call'),
});

// Dry runs of actions that have no DryRun in the API check locally and stop before the call.
// These are the documented name and description rules those calls check, with the codes and
// messages the real call answers, so that a dry run does not say "would" for a request the
// service refuses. Only used under --dry-run: a real run lets the service decide.

import { ApiError } from '../../core/errors.js';

const HTTP = /^https?:\/\//i;
const show = (v: string) => v.slice(0, 140);

/** 2–128 characters, a letter first, then letters, digits and `extra`; not http(s)://. */
function nameOk(v: string, extra: RegExp): boolean {
  return v.length >= 2 && v.length <= 128 && !HTTP.test(v) && /^\p{L}/u.test(v) && [...v.slice(1)].every((c) => /[\p{L}\p{N}]/u.test(c) || extra.test(c));
}

type Rule = (v: string) => ApiError | undefined;

const RULES = {
  instanceName: (v) => (nameOk(v, /[:_.-]/) ? undefined : new ApiError('InvalidInstanceName.Malformed', `The specified parameter "InstanceName" is not valid. ("${show(v)}": 2 to 128 characters, starting with a letter; letters, digits, ":", "_", ".", "-")`, 400)),
  diskName: (v) => (nameOk(v, /[:_.-]/) ? undefined : new ApiError('InvalidDiskName.Malformed', `The specified disk name is wrongly formed. ("${show(v)}": 2 to 128 characters, starting with a letter; letters, digits, ":", "_", ".", "-")`, 400)),
  snapshotName: (v) => (nameOk(v, /[:_.-]/) && !/^auto/i.test(v) ? undefined : new ApiError('InvalidSnapshotName.Malformed', `The specified SnapshotName is wrongly formed. ("${show(v)}": 2 to 128 characters, starting with a letter but not with "auto"; letters, digits, ":", "_", ".", "-")`, 400)),
  policyName: (v) => (nameOk(v, /[._-]/) ? undefined : new ApiError('ParameterInvalid', `The specified AutoSnapshotPolicyName parameter is invalid. ("${show(v)}": 2 to 128 characters, starting with a letter; letters, digits, ".", "_", "-")`, 403)),
  groupName: (v) => (nameOk(v, /[_.:-]/) ? undefined : new ApiError('InvalidSecurityGroupName.Malformed', `Specified security group name is not valid. ("${show(v)}": 2 to 128 characters, starting with a letter; letters, digits, "_", "-", ".", ":")`, 400)),
  groupDescription: (v) => (v.length >= 2 && v.length <= 256 && !HTTP.test(v) ? undefined : new ApiError('InvalidSecurityGroupDiscription.Malformed', 'Specified security group description is not valid. (2 to 256 characters, not starting with http:// or https://)', 400)),
  ruleDescription: (v) => (v.length >= 1 && v.length <= 512 && !HTTP.test(v) ? undefined : new ApiError('InvalidSecurityGroupDiscription.Malformed', 'The specified security group rule description is not valid. (1 to 512 characters, not starting with http:// or https://)', 400)),
  description: (v) => (v.length >= 2 && v.length <= 256 && !HTTP.test(v) ? undefined : new ApiError('InvalidDescription.Malformed', 'The specified parameter "Description" is not valid. (2 to 256 characters, not starting with http:// or https://)', 400)),
} satisfies Record<string, Rule>;

/** Under --dry-run: throw the real call's error for each given value that breaks its rule. */
export function dryCheckTexts(checks: [keyof typeof RULES, unknown][]): void {
  for (const [rule, value] of checks) {
    // an empty value is dropped on the wire (the real call never sees it)
    if (value === undefined || value === null || value === '') continue;
    const e = RULES[rule](String(value));
    if (e) throw e;
  }
}

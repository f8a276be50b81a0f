// Instance lifecycle actions (RunInstances … RenewInstance) and their settler.

import { defineActions, defineSettler } from '../../simulator.js';
import { describeInstances, describeInstanceStatus } from './describe.js';
import { lifecycleActions } from './lifecycle.js';
import { modifyInstanceAttribute, modifyInstanceAutoReleaseTime, modifyInstanceVncPasswd, renewInstance } from './modify.js';
import { describeInstanceAutoRenewAttribute, modifyInstanceAutoRenewAttribute } from './renewal.js';
import { createInstance, runInstances } from './run.js';
import { describeInstanceVncUrl } from './vnc.js';
import { settleInstances } from './settle.js';

const mutating = (handler: Parameters<typeof defineActions>[0][string]['handler']) => ({ mutates: true, handler });

defineActions({
  RunInstances: mutating(runInstances),
  CreateInstance: mutating(createInstance),
  DescribeInstances: { mutates: false, handler: describeInstances },
  DescribeInstanceStatus: { mutates: false, handler: describeInstanceStatus },
  ...Object.fromEntries(Object.entries(lifecycleActions).map(([k, h]) => [k, mutating(h)])),
  ModifyInstanceAttribute: mutating(modifyInstanceAttribute),
  ModifyInstanceVncPasswd: mutating(modifyInstanceVncPasswd),
  ModifyInstanceAutoReleaseTime: mutating(modifyInstanceAutoReleaseTime),
  RenewInstance: mutating(renewInstance),
  ModifyInstanceAutoRenewAttribute: mutating(modifyInstanceAutoRenewAttribute),
  DescribeInstanceAutoRenewAttribute: { mutates: false, handler: describeInstanceAutoRenewAttribute },
  // Issues a new URL (and, the first time, the initial VNC password): it changes state.
  DescribeInstanceVncUrl: mutating(describeInstanceVncUrl),
});

defineSettler((state, now) => settleInstances(state, now));

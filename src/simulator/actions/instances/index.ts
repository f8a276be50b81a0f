// Instance lifecycle actions (RunInstances … RenewInstance) and their settler.

import { defineActions, defineSettler, type ActionDef } from '../../simulator.js';
import { describeInstances, describeInstanceStatus } from './describe.js';
import { lifecycleActions } from './lifecycle.js';
import { modifyInstanceAttribute, modifyInstanceAutoReleaseTime, modifyInstanceVncPasswd, renewInstance } from './modify.js';
import { runInstances } from './run.js';
import { settleInstances } from './settle.js';

const mutating = (handler: ActionDef['handler']) => ({ mutates: true, handler });

defineActions({
  RunInstances: mutating(runInstances),
  DescribeInstances: { mutates: false, handler: describeInstances },
  DescribeInstanceStatus: { mutates: false, handler: describeInstanceStatus },
  ...Object.fromEntries(Object.entries(lifecycleActions).map(([k, h]) => [k, mutating(h)])),
  ModifyInstanceAttribute: mutating(modifyInstanceAttribute),
  ModifyInstanceVncPasswd: mutating(modifyInstanceVncPasswd),
  ModifyInstanceAutoReleaseTime: mutating(modifyInstanceAutoReleaseTime),
  RenewInstance: mutating(renewInstance),
});

defineSettler((state, now) => settleInstances(state, now));

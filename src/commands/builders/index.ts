// The generic command builders: a verb file declares what differs and gets the rest
// (see src/resources/README.md).
export { DEFAULT_CONCURRENCY, MAX_CONCURRENCY, addConcurrencyOption, addColumnsOption, addExamples, columnKey, positiveInt, selectColumns } from './common.js';
export { chunks, fetchByIds, fetchOne, idOf, itemsById, listAll, notFound, rawCall, statusOf } from './fetch.js';
export { defineList, filterParams, tagFilter, type ListFilter, type ListSpec } from './list.js';
export { defineDescribe, type DescribeSpec } from './describe.js';
export {
  addPartialOption,
  bulkError,
  confirmDestructive,
  defineAction,
  defineDelete,
  failure,
  finishBulk,
  mapBounded,
  refuseMixedStatus,
  renderBulk,
  runBulk,
  type ActionSpec,
  type BulkResult,
} from './bulk.js';
export { applyChange, defineChange, type ChangePlan, type ChangeSpec } from './change.js';
export { defineWait, GONE, percent, waitForProgress, waitForStatus, type ProgressPoll, type WaitSpec } from './wait.js';
export { callWithDryRun, printDryRun, printResult } from './result.js';

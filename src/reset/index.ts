/**
 * Reset, backups and undo: the public face of `src/reset`. The desktop app and the CLI both call
 * `planReset` once, show `applyPlan(..., { dryRun: true })` as the preview, and run the same plan
 * with `applyPlan(..., { dryRun: false })` when the user confirms.
 */
export { planReset, describeTarget } from './plan';
export { applyPlan } from './apply';
export { undoReset, ALREADY_AS_BEFORE, type UndoOptions, type UndoOutcome } from './undo';
export {
  listBackups,
  listDamagedBackups,
  purgeBackups,
  type DamagedBackup,
  type PurgeOptions,
} from './retention';
export {
  interruptedResets,
  recoverInterrupted,
  refuseIfPending,
  NOT_CHANGED,
  PUT_BACK_EARLIER,
  type InterruptedReset,
  type RecoveryReport,
} from './recovery';
export { serverMatcher, mcpRemoteHashesFor } from './server-match';
export { toPlanView, itemNeedsAttention } from './view';
export { normaliseServerUrl, sameServer } from './server-url';
export { SimulatedCrash } from './hooks';
export { ResetError } from './fs-errors';
export { nodeFsPort, type FsPort, type EntryStat } from './fs-port';
export type { ClientRule } from './running-clients';
export {
  DEFAULT_RETENTION_DAYS,
  type ApplyOptions,
  type PlanItem,
  type ResetDeps,
  type ResetPlan,
} from './types';

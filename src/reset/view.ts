/** Shapes for the callers: the contract's plan view, and what counts as "not done" for exit codes. */
import type { ResetPlanView } from '../contract';
import type { ResetItem, ResetResult } from '../model/reset';
import { isAlreadyGone } from './run-item';
import type { ResetPlan } from './types';

/** A preview (dry-run result) of `plan`, as the desktop app holds it between preview and apply. */
export function toPlanView(plan: ResetPlan, preview: ResetResult): ResetPlanView {
  return {
    ...preview,
    planId: plan.id,
    runningClients: preview.runningClients ?? [],
    backupDir: preview.backupDir ?? null,
    createdAt: plan.createdAt,
  };
}

/** Failed, or refused (skipped for any reason other than "already gone"): the reset is not complete. */
export function itemNeedsAttention(item: ResetItem): boolean {
  if (item.status === 'failed') return true;
  if (item.status !== 'skipped') return false;
  return item.reasonCode !== undefined ? item.reasonCode !== 'already-gone' : !isAlreadyGone(item.reason);
}

import { getApi } from '../api';
import { toUserMessage } from '../errors';
import { plural } from '../format';
import type { ResetResult, UndoResult } from '../../../src/model/index';
import type { ResetSlice, SliceCreator } from './types';

export function describeResetResult(result: ResetResult): string {
  const done = result.items.filter((i) => i.status === 'done').length;
  const failed = result.items.filter((i) => i.status === 'failed').length;
  const skipped = result.items.filter((i) => i.status === 'skipped').length;
  const parts = [`Reset done: ${plural(done, 'item')} removed.`];
  if (failed > 0) parts.push(`${plural(failed, 'item')} could not be changed.`);
  if (skipped > 0) parts.push(`${plural(skipped, 'item')} left alone.`);
  if (result.backupId !== null && done > 0) parts.push('A backup was saved.');
  return parts.join(' ');
}

export function describeUndoResult(result: UndoResult): string {
  const restored = result.items.filter((i) => i.status === 'restored').length;
  const failed = result.items.filter((i) => i.status === 'failed').length;
  const skipped = result.items.filter((i) => i.status === 'skipped').length;
  const parts = [`Restored ${plural(restored, 'item')}.`];
  if (failed > 0) parts.push(`${plural(failed, 'item')} could not be restored.`);
  if (skipped > 0) parts.push(`${plural(skipped, 'item')} skipped (changed since the reset).`);
  return parts.join(' ');
}

export const createResetSlice: SliceCreator<ResetSlice> = (set, get) => ({
  resetPhase: 'closed',
  resetTarget: null,
  preview: null,
  resetError: null,
  forceReset: false,
  lastReset: null,
  undoing: false,

  async openResetPreview(target) {
    set({ resetPhase: 'planning', resetTarget: target, preview: null, resetError: null, forceReset: false });
    try {
      const preview = await getApi().planReset({ target });
      // The dialog may have been closed while the plan was being made.
      if (get().resetTarget !== target) return;
      set({ preview, resetPhase: 'confirming' });
    } catch (error) {
      if (get().resetTarget !== target) return;
      set({ resetPhase: 'confirming', resetError: toUserMessage(error) });
    }
  },

  setForceReset(force) {
    set({ forceReset: force });
  },

  async confirmReset() {
    const { preview, forceReset } = get();
    if (!preview || get().resetPhase !== 'confirming') return;
    set({ resetPhase: 'applying', resetError: null });
    let result: ResetResult;
    try {
      result = await getApi().applyReset({ planId: preview.planId, force: forceReset });
    } catch (error) {
      set({ resetPhase: 'confirming', resetError: toUserMessage(error) });
      return;
    }
    set({ resetPhase: 'closed', resetTarget: null, preview: null, lastReset: result, selected: {} });
    const failed = result.items.some((i) => i.status === 'failed');
    get().showToast({
      kind: failed ? 'error' : 'success',
      message: describeResetResult(result),
      ...(result.backupId !== null ? { undoBackupId: result.backupId } : {}),
    });
    await Promise.all([get().runScan(), get().loadBackups()]);
  },

  cancelReset() {
    if (get().resetPhase === 'applying') return;
    set({ resetPhase: 'closed', resetTarget: null, preview: null, resetError: null, forceReset: false });
  },

  async undoReset(backupId) {
    const id = backupId ?? get().lastReset?.backupId ?? undefined;
    set({ undoing: true });
    try {
      const result = await getApi().undo(id !== undefined ? { backupId: id } : {});
      const failed = result.items.some((i) => i.status === 'failed');
      get().showToast({ kind: failed ? 'error' : 'success', message: describeUndoResult(result) });
      if (get().lastReset?.backupId === result.backupId) set({ lastReset: null });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Undo failed: ${toUserMessage(error)}` });
    } finally {
      set({ undoing: false });
    }
    await Promise.all([get().runScan(), get().loadBackups()]);
  },
});

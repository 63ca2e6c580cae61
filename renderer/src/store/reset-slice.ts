import { getApi } from '../api';
import { toUserMessage } from '../errors';
import { tildify } from '../format';
import { describeResetOutcome, describeUndoOutcome } from '../reset-words';
import type { ResetResult, ResetTarget } from '../../../src/model/index';
import { describeResetTarget } from './derive';
import type { ResetSlice, SliceCreator } from './types';

/** The selection without the credentials a reset was aimed at (other selected rows stay selected). */
function withoutTarget(selected: Readonly<Record<string, true>>, target: ResetTarget | null) {
  if (target?.kind !== 'credential') return selected;
  const next = { ...selected };
  for (const id of target.ids) delete next[id];
  return next;
}

export const createResetSlice: SliceCreator<ResetSlice> = (set, get) => ({
  resetPhase: 'closed',
  resetTarget: null,
  preview: null,
  resetError: null,
  forceReset: false,
  lastReset: null,
  resetNames: {},
  undoConfirm: null,
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
    const { preview, forceReset, resetTarget, scan } = get();
    if (!preview || get().resetPhase !== 'confirming') return;
    set({ resetPhase: 'applying', resetError: null });
    let result: ResetResult;
    try {
      result = await getApi().applyReset({ planId: preview.planId, force: forceReset });
    } catch (error) {
      set({ resetPhase: 'confirming', resetError: toUserMessage(error) });
      return;
    }
    const outcome = describeResetOutcome(result, scan?.home ?? '');
    // Named now, from the scan that still holds what was removed: the rescan will not.
    const name = resetTarget ? describeResetTarget(resetTarget, scan) : null;
    set({
      resetPhase: 'closed',
      resetTarget: null,
      preview: null,
      lastReset: result,
      selected: withoutTarget(get().selected, resetTarget),
      ...(result.backupId !== null && name !== null
        ? { resetNames: { ...get().resetNames, [result.backupId]: name } }
        : {}),
    });
    get().showToast({
      kind: outcome.tone,
      message: outcome.message,
      takeFocus: true,
      ...(outcome.details.length > 0 ? { details: outcome.details } : {}),
      ...(result.backupId !== null && outcome.removed > 0 ? { undoBackupId: result.backupId } : {}),
      // Left alone because something changed after the preview: a fresh preview shows what is there now.
      ...(outcome.previewAgain && resetTarget ? { retryTarget: resetTarget } : {}),
    });
    await Promise.all([get().runScan(), get().loadBackups()]);
  },

  cancelReset() {
    if (get().resetPhase === 'applying') return;
    set({ resetPhase: 'closed', resetTarget: null, preview: null, resetError: null, forceReset: false });
  },

  async undoReset(backupId, options) {
    const id = backupId ?? get().lastReset?.backupId ?? undefined;
    const takeFocus = options?.takeFocus === true ? { takeFocus: true } : {};
    set({ undoing: true });
    try {
      const result = await getApi().undo(id !== undefined ? { backupId: id } : {});
      const outcome = describeUndoOutcome(result, get().scan?.home ?? '');
      get().showToast({
        kind: outcome.tone,
        message: outcome.message,
        ...(outcome.details.length > 0 ? { details: outcome.details } : {}),
        ...takeFocus,
      });
      if (get().lastReset?.backupId === result.backupId) set({ lastReset: null });
    } catch (error) {
      get().showToast({ kind: 'error', message: `Undo failed: ${toUserMessage(error)}`, ...takeFocus });
    } finally {
      set({ undoing: false });
    }
    await Promise.all([get().runScan(), get().loadBackups()]);
  },

  askUndoLast() {
    const { lastReset, resetNames, scan, resetPhase, undoing } = get();
    // A reset or an undo is already on screen: the menu shortcut must not stack a second question.
    if (resetPhase !== 'closed' || undoing) return;
    const backupId = lastReset?.backupId ?? null;
    if (!lastReset || backupId === null || !lastReset.items.some((i) => i.status === 'done')) {
      get().showToast({ kind: 'info', message: 'There is no reset to undo in this session.' });
      return;
    }
    const home = scan?.home ?? '';
    const files = lastReset.items
      .filter((i) => i.status === 'done')
      .map((i) => `${tildify(i.path, home)}${i.entry !== null ? ` (entry ${i.entry})` : ''}`);
    const backup = get().backups.find((b) => b.id === backupId);
    set({
      undoConfirm: {
        backupId,
        title: resetNames[backupId] ?? 'The last reset',
        files,
        resetAt: backup?.createdAt ?? null,
      },
    });
  },

  cancelUndoConfirm() {
    set({ undoConfirm: null });
  },

  async confirmUndo() {
    const pending = get().undoConfirm;
    if (!pending) return;
    set({ undoConfirm: null });
    await get().undoReset(pending.backupId, { takeFocus: true });
  },
});

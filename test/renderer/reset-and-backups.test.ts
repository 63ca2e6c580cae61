import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import type { ResetPlanView } from '../../src/contract';
import { RESET_SCHEMA, UNDO_SCHEMA, type BackupSummary, type ResetResult } from '../../src/model/index';
import { deferred, makeFakeApi, type FakeApi } from './fake-api';
import { client, credential, planView, scanReport } from './sample-records';

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
  fake.ops.scan.mockResolvedValue(scanReport([client('mcp-remote', 'mcp-remote', [credential('a')])]));
  fake.ops.listBackups.mockResolvedValue([]);
});
afterEach(() => setApiForTests(null));

const state = () => useAppStore.getState();

function applied(backupId: string | null, statuses: ResetResult['items'][number]['status'][]): ResetResult {
  return {
    schema: RESET_SCHEMA,
    dryRun: false,
    backupId,
    items: statuses.map((status, i) => ({
      credential: 'a',
      path: `/home/u/f${i}`,
      entry: null,
      action: 'delete-file',
      status,
      reason: status === 'done' ? null : 'changed since the scan',
    })),
  };
}

describe('reset slice', () => {
  it('plans, confirms and applies the same plan, then offers Undo and rescans', async () => {
    const plan = planView('plan-1', ['/home/u/.mcp-auth/x_tokens.json']);
    fake.ops.planReset.mockResolvedValueOnce(plan);
    fake.ops.applyReset.mockResolvedValueOnce(applied('backup-1', ['done']));
    state().setSelected(['a'], true);

    const opening = state().openResetPreview({ kind: 'credential', ids: ['a'] });
    expect(state().resetPhase).toBe('planning');
    await opening;
    expect(state().resetPhase).toBe('confirming');
    expect(state().preview).toBe(plan);
    expect(fake.ops.planReset).toHaveBeenCalledWith({ target: { kind: 'credential', ids: ['a'] } });

    await state().confirmReset();
    expect(fake.ops.applyReset).toHaveBeenCalledWith({ planId: 'plan-1', force: false });
    expect(state().resetPhase).toBe('closed');
    expect(state().toast).toMatchObject({ kind: 'success', undoBackupId: 'backup-1' });
    expect(state().toast?.message).toBe('Reset done: 1 item removed. A backup was saved.');
    expect(state().selected).toEqual({});
    expect(fake.ops.scan).toHaveBeenCalledTimes(1);
    expect(fake.ops.listBackups).toHaveBeenCalledTimes(1);
  });

  it('passes "reset anyway" as force when a running client blocks the reset', async () => {
    fake.ops.planReset.mockResolvedValueOnce(planView('p', ['/x'], ['claude-code']));
    fake.ops.applyReset.mockResolvedValueOnce(applied('b', ['done']));
    await state().openResetPreview({ kind: 'all' });
    state().setForceReset(true);
    await state().confirmReset();
    expect(fake.ops.applyReset).toHaveBeenCalledWith({ planId: 'p', force: true });
  });

  it('reports items that failed or were left alone as an error toast', async () => {
    fake.ops.planReset.mockResolvedValueOnce(planView('p', ['/a', '/b', '/c']));
    fake.ops.applyReset.mockResolvedValueOnce(applied('b', ['done', 'failed', 'skipped']));
    await state().openResetPreview({ kind: 'all' });
    await state().confirmReset();
    expect(state().toast?.kind).toBe('error');
    expect(state().toast?.message).toBe(
      'Reset done: 1 item removed. 1 item could not be changed. 1 item left alone. A backup was saved.',
    );
  });

  it('keeps the dialog open with the error when apply fails', async () => {
    fake.ops.planReset.mockResolvedValueOnce(planView('p', ['/a']));
    fake.ops.applyReset.mockRejectedValueOnce(new Error('The plan expired. Open the preview again.'));
    await state().openResetPreview({ kind: 'all' });
    await state().confirmReset();
    expect(state().resetPhase).toBe('confirming');
    expect(state().resetError).toBe('The plan expired. Open the preview again.');
    expect(state().toast).toBeNull();
  });

  it('shows a planning error inside the dialog', async () => {
    fake.ops.planReset.mockRejectedValueOnce(
      new Error('Reset is not available yet in this version of the app.'),
    );
    await state().openResetPreview({ kind: 'all' });
    expect(state().resetPhase).toBe('confirming');
    expect(state().preview).toBeNull();
    expect(state().resetError).toMatch(/not available yet/);
  });

  it('ignores a plan that arrives after the user cancelled', async () => {
    const d = deferred<ResetPlanView>();
    fake.ops.planReset.mockReturnValueOnce(d.promise);
    const opening = state().openResetPreview({ kind: 'all' });
    state().cancelReset();
    d.resolve(planView('late', ['/a']));
    await opening;
    expect(state().resetPhase).toBe('closed');
    expect(state().preview).toBeNull();
  });

  it('does not apply twice or without a preview', async () => {
    await state().confirmReset();
    expect(fake.ops.applyReset).not.toHaveBeenCalled();
  });

  it('undoes the last reset by its backup id', async () => {
    fake.ops.planReset.mockResolvedValueOnce(planView('p', ['/a']));
    fake.ops.applyReset.mockResolvedValueOnce(applied('backup-7', ['done']));
    await state().openResetPreview({ kind: 'all' });
    await state().confirmReset();
    fake.ops.undo.mockResolvedValueOnce({
      schema: UNDO_SCHEMA,
      backupId: 'backup-7',
      items: [{ path: '/a', status: 'restored', reason: null }],
    });
    await state().undoReset();
    expect(fake.ops.undo).toHaveBeenCalledWith({ backupId: 'backup-7' });
    expect(state().toast?.message).toBe('Restored 1 item.');
    expect(state().lastReset).toBeNull();
    expect(fake.ops.scan).toHaveBeenCalledTimes(2);
  });

  it('says when undo fails', async () => {
    fake.ops.undo.mockRejectedValueOnce(new Error('No backup to restore.'));
    await state().undoReset('missing');
    expect(state().toast).toMatchObject({ kind: 'error', message: 'Undo failed: No backup to restore.' });
    expect(state().undoing).toBe(false);
  });
});

describe('backups slice', () => {
  const backup = (id: string, createdAt: string): BackupSummary => ({
    id,
    createdAt,
    label: `reset ${id}`,
    itemCount: 1,
    bytes: 10,
    restoredAt: null,
    path: `/data/backups/${id}`,
  });

  it('lists newest first', async () => {
    fake.ops.listBackups.mockResolvedValueOnce([
      backup('old', '2026-11-01T00:00:00Z'),
      backup('new', '2026-11-25T00:00:00Z'),
    ]);
    await state().loadBackups();
    expect(state().backups.map((b) => b.id)).toEqual(['new', 'old']);
    expect(state().backupsStatus).toBe('ready');
  });

  it('purges, tells how many went, and reloads', async () => {
    fake.ops.purgeBackups.mockResolvedValueOnce({ removed: ['a', 'b'] });
    await state().purgeBackups({ olderThanDays: 14 });
    expect(fake.ops.purgeBackups).toHaveBeenCalledWith({ olderThanDays: 14 });
    expect(state().toast?.message).toBe('Deleted 2 backups.');
    expect(fake.ops.listBackups).toHaveBeenCalled();
  });

  it('maps a listing error', async () => {
    fake.ops.listBackups.mockRejectedValueOnce({ message: 'Permission denied: /data/backups.' });
    await state().loadBackups();
    expect(state().backupsStatus).toBe('error');
    expect(state().backupsError).toBe('Permission denied: /data/backups.');
  });
});

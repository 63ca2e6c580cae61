/**
 * After apply: a reset that left items alone is never reported as a success, the toast says why
 * in plain words and offers a fresh preview; Undo from the menu asks first, naming what it would
 * put back; selection and backup names survive the rescan sensibly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import { subscribeToEvents } from '../../renderer/src/store/events';
import {
  RESET_SCHEMA,
  UNDO_SCHEMA,
  type ResetItem,
  type ResetReasonCode,
  type ResetResult,
} from '../../src/model/index';
import { makeFakeApi, type FakeApi } from './fake-api';
import { client, credential, planView, scanReport } from './sample-records';

const HOME = '/home/u';
const CREDENTIALS = `${HOME}/.claude/.credentials.json`;
const jira = credential('claude-code-9856a2ec4e62', {
  client: 'claude-code',
  serverName: 'jira',
  serverUrl: 'https://jira-old.example.com/mcp',
  files: [{ path: CREDENTIALS, bytes: 300, modifiedAt: '2026-11-20T00:00:00.000Z' }],
  entry: '/mcpOAuth/jira|abc',
});
const linear = credential('claude-code-1111', { client: 'claude-code', serverUrl: 'https://linear/mcp' });
const report = scanReport([client('claude-code', 'Claude Code', [jira, linear])]);

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
  fake.ops.scan.mockResolvedValue(report);
  fake.ops.listBackups.mockResolvedValue([]);
});
afterEach(() => setApiForTests(null));

const state = () => useAppStore.getState();

function item(
  status: ResetItem['status'],
  reason: string | null,
  path = CREDENTIALS,
  reasonCode?: ResetReasonCode,
): ResetItem {
  return {
    credential: jira.id,
    path,
    entry: jira.entry,
    action: 'remove-entry',
    status,
    reason,
    ...(reasonCode !== undefined ? { reasonCode } : {}),
  };
}

function result(backupId: string | null, items: ResetItem[]): ResetResult {
  return { schema: RESET_SCHEMA, dryRun: false, backupId, items };
}

async function applyWith(items: ResetItem[], backupId: string | null = 'backup-1') {
  await state().runScan();
  fake.ops.planReset.mockResolvedValueOnce(planView('plan-1', [CREDENTIALS]));
  fake.ops.applyReset.mockResolvedValueOnce(result(backupId, items));
  await state().openResetPreview({ kind: 'credential', ids: [jira.id] });
  await state().confirmReset();
}

describe('a reset that changed nothing because the file changed after the preview', () => {
  const stale = `${CREDENTIALS} changed since the scan (its content is different now); scan again and retry`;

  it('is a warning, not a success: it says nothing was reset and why, in plain words', async () => {
    await applyWith([item('skipped', stale)], null);
    const toast = state().toast!;
    expect(toast.kind).toBe('warning');
    expect(toast.message).toBe('Nothing was reset. 1 item left alone.');
    expect(toast.details).toEqual([
      '~/.claude/.credentials.json changed after the preview was made (its content is different now).',
    ]);
    // Nothing was removed, so there is nothing to undo.
    expect(toast.undoBackupId).toBeUndefined();
  });

  it('offers a fresh preview of the same target', async () => {
    await applyWith([item('skipped', stale)]);
    const target = state().toast!.retryTarget;
    expect(target).toEqual({ kind: 'credential', ids: [jira.id] });
    fake.ops.planReset.mockResolvedValueOnce(planView('plan-2', [CREDENTIALS]));
    await state().openResetPreview(target!);
    expect(fake.ops.planReset).toHaveBeenLastCalledWith({ target: { kind: 'credential', ids: [jira.id] } });
    expect(state().preview?.planId).toBe('plan-2');
  });

  it('still offers Undo for what was removed when only part was left alone', async () => {
    await applyWith([item('done', null, '/home/u/a'), item('skipped', stale)]);
    expect(state().toast).toMatchObject({
      kind: 'warning',
      message: 'Reset done: 1 item removed. 1 item left alone. A backup was saved.',
      undoBackupId: 'backup-1',
      retryTarget: { kind: 'credential', ids: [jira.id] },
    });
  });

  it('turns the CLI’s --force advice into the window’s “Reset anyway”', async () => {
    await applyWith([
      item('skipped', 'Claude Code is running and rewrites its files: quit it first (or use --force)'),
    ]);
    expect(state().toast!.details).toEqual([
      '~/.claude/.credentials.json: Claude Code is running and rewrites its files: quit it first (or tick “Reset anyway” in the preview).',
    ]);
  });
});

describe('reasons read by their code, not their words', () => {
  it('changed-since-scan: the advice and the offer are a fresh preview, whatever the words', async () => {
    await applyWith([item('skipped', 'the file is different now', CREDENTIALS, 'changed-since-scan')], null);
    const toast = state().toast!;
    expect(toast.kind).toBe('warning');
    expect(toast.details).toEqual([
      '~/.claude/.credentials.json: the file is different now. Choose “Preview again” to see it as it is now.',
    ]);
    expect(toast.retryTarget).toEqual({ kind: 'credential', ids: [jira.id] });
  });

  it('client-running: quit the app or tick “Reset anyway”, and a fresh preview is offered', async () => {
    await applyWith([
      item(
        'skipped',
        'Claude Code is running and rewrites its files: quit it first (or use --force)',
        CREDENTIALS,
        'client-running',
      ),
    ]);
    expect(state().toast!.details).toEqual([
      '~/.claude/.credentials.json: Claude Code is running and rewrites its files: quit it first (or tick “Reset anyway” in the preview).',
    ]);
    expect(state().toast!.retryTarget).toBeDefined();
  });

  it('a refusal a preview cannot clear (not that sign-in’s file) offers no retry', async () => {
    await applyWith(
      [item('skipped', '/x is not one of the files of credential c; not touched', '/x', 'not-owned')],
      null,
    );
    expect(state().toast).toMatchObject({
      kind: 'warning',
      message: 'Nothing was reset. 1 item left alone.',
    });
    expect(state().toast!.retryTarget).toBeUndefined();
  });

  it('already-gone by code is a success even when the words say otherwise', async () => {
    await applyWith([item('skipped', 'nothing there', CREDENTIALS, 'already-gone')], null);
    expect(state().toast).toMatchObject({
      kind: 'success',
      message: 'Nothing to remove: it was already gone.',
    });
  });
});

describe('reset outcomes that are fine', () => {
  it('is a success when the item was already gone, with no reasons and no retry', async () => {
    await applyWith([item('skipped', `${CREDENTIALS} no longer exists (already gone)`)], null);
    expect(state().toast).toMatchObject({
      kind: 'success',
      message: 'Nothing to remove: it was already gone.',
    });
    expect(state().toast!.details).toBeUndefined();
    expect(state().toast!.retryTarget).toBeUndefined();
  });

  it('counts already-gone items apart from removed ones', async () => {
    await applyWith([item('done', null, '/home/u/a'), item('skipped', 'already gone', '/home/u/b')]);
    expect(state().toast).toMatchObject({
      kind: 'success',
      message: 'Reset done: 1 item removed. 1 item was already gone. A backup was saved.',
    });
  });

  it('is an error when an item failed, with the failure’s reason', async () => {
    await applyWith([
      item('failed', `could not back up ${CREDENTIALS}, so it was not touched: Permission denied`),
    ]);
    expect(state().toast?.kind).toBe('error');
    expect(state().toast?.details).toEqual([
      'could not back up ~/.claude/.credentials.json, so it was not touched: Permission denied.',
    ]);
  });

  it('moves keyboard focus to the toast, whose opener is gone after the rescan', async () => {
    await applyWith([item('done', null)]);
    expect(state().toast?.takeFocus).toBe(true);
  });
});

describe('selection after a reset', () => {
  it('unselects only the credentials the reset was aimed at', async () => {
    state().setSelected([jira.id, linear.id], true);
    await applyWith([item('done', null)]);
    expect(state().selected).toEqual({ [linear.id]: true });
  });
});

describe('undo last reset from the menu', () => {
  it('asks first, naming the sign-in and the files, and restores only on Restore', async () => {
    const unsubscribe = subscribeToEvents();
    await applyWith([item('done', null)], 'backup-9');
    fake.emit('menuCommand', { command: 'undo-last' });
    expect(fake.ops.undo).not.toHaveBeenCalled();
    expect(state().undoConfirm).toEqual({
      backupId: 'backup-9',
      title: 'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
      files: ['~/.claude/.credentials.json (entry /mcpOAuth/jira|abc)'],
      resetAt: null,
    });

    state().cancelUndoConfirm();
    expect(state().undoConfirm).toBeNull();
    expect(fake.ops.undo).not.toHaveBeenCalled();

    fake.emit('menuCommand', { command: 'undo-last' });
    fake.ops.undo.mockResolvedValueOnce({
      schema: UNDO_SCHEMA,
      backupId: 'backup-9',
      items: [{ path: CREDENTIALS, status: 'restored', reason: null }],
    });
    await state().confirmUndo();
    expect(fake.ops.undo).toHaveBeenCalledWith({ backupId: 'backup-9' });
    expect(state().toast).toMatchObject({ kind: 'success', message: 'Restored 1 item.', takeFocus: true });
    expect(state().undoConfirm).toBeNull();
    unsubscribe();
  });

  it('says so when there is nothing to undo, and never stacks on an open preview', async () => {
    state().askUndoLast();
    expect(state().undoConfirm).toBeNull();
    expect(state().toast?.message).toBe('There is no reset to undo in this session.');

    await applyWith([item('done', null)]);
    fake.ops.planReset.mockResolvedValueOnce(planView('p', ['/x']));
    await state().openResetPreview({ kind: 'all' });
    state().askUndoLast();
    expect(state().undoConfirm).toBeNull();
  });

  it('keeps the name of what each reset removed for the Backups view', async () => {
    await applyWith([item('done', null)], 'backup-3');
    expect(state().resetNames).toEqual({
      'backup-3': 'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
    });
  });
});

describe('undo outcomes', () => {
  it('warns, with the reason, when an item was skipped', async () => {
    await state().runScan();
    fake.ops.undo.mockResolvedValueOnce({
      schema: UNDO_SCHEMA,
      backupId: 'b',
      items: [{ path: CREDENTIALS, status: 'skipped', reason: `${CREDENTIALS} changed since the reset` }],
    });
    await state().undoReset('b');
    expect(state().toast).toMatchObject({
      kind: 'warning',
      message: 'Restored 0 items. 1 item skipped (changed since the reset).',
      details: ['~/.claude/.credentials.json changed since the reset.'],
    });
  });

  it('counts a file already as it was before the reset as done, not as skipped', async () => {
    await state().runScan();
    fake.ops.undo.mockResolvedValueOnce({
      schema: UNDO_SCHEMA,
      backupId: 'b',
      items: [{ path: CREDENTIALS, status: 'skipped', reason: 'already as it was before the reset' }],
    });
    await state().undoReset('b');
    expect(state().toast).toMatchObject({
      kind: 'success',
      message: 'Restored 0 items. 1 item already as before the reset.',
    });
    expect(state().toast?.details ?? []).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import { makeFakeApi, type FakeApi } from './fake-api';

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
});
afterEach(() => setApiForTests(null));

const state = () => useAppStore.getState();

describe('ui slice', () => {
  it('opens a finding in the detail view and goes back', () => {
    state().openFinding('stale-lock|mcp-remote|a|');
    expect(state()).toMatchObject({ view: 'finding', findingKey: 'stale-lock|mcp-remote|a|' });
    state().setView('overview');
    expect(state().view).toBe('overview');
  });

  it('gives every toast a new id, so the same message is announced again', () => {
    state().showToast({ kind: 'info', message: 'Same words' });
    const first = state().toast!.id;
    state().showToast({ kind: 'info', message: 'Same words' });
    expect(state().toast!.id).not.toBe(first);
    state().dismissToast();
    expect(state().toast).toBeNull();
  });

  it('asks the core to show a file, and explains when it cannot', async () => {
    fake.ops.revealPath.mockResolvedValueOnce({ ok: true });
    await state().revealPath('/home/u/.codex/config.toml');
    expect(fake.ops.revealPath).toHaveBeenCalledWith({ path: '/home/u/.codex/config.toml' });
    expect(state().toast).toBeNull();

    fake.ops.revealPath.mockResolvedValueOnce({ ok: false });
    await state().revealPath('/gone');
    expect(state().toast?.message).toMatch(/no longer there/);

    fake.ops.revealPath.mockRejectedValueOnce(
      new Error('That file is not one the app found, so it will not be shown.'),
    );
    await state().revealPath('/etc/passwd');
    expect(state().toast).toMatchObject({
      kind: 'error',
      message: 'Could not show the file: That file is not one the app found, so it will not be shown.',
    });
  });

  it('starts fresh after resetAppStore', () => {
    state().setView('doctor');
    state().setSelected(['a'], true);
    resetAppStore();
    expect(state().view).toBe('overview');
    expect(state().selected).toEqual({});
  });
});

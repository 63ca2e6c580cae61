/**
 * A finding's one-click fixes come from the scanner's `actions`, most targeted first; an empty
 * list means no reset button; a report without actions keeps the old two buttons. Choosing one
 * opens the preview for exactly that target.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import { buttonForCommand, findingActions } from '../../renderer/src/store/finding-actions';
import type { FindingAction } from '../../src/model/index';
import { makeFakeApi, type FakeApi } from './fake-api';
import { client, credential, finding, planView, scanReport } from './sample-records';

const LOCK = '/home/u/.mcp-auth/mcp-remote-v1/abc_lock.json';
const cred = credential('mcp-remote-abc', {
  client: 'mcp-remote',
  serverUrl: 'https://atlas.example.com/mcp',
});
const lockAction: FindingAction = {
  label: 'Remove the stale lock file',
  target: { kind: 'files', credential: cred.id, paths: [LOCK] },
};
const signIn: FindingAction = { label: 'Reset this sign-in', target: { kind: 'credential', ids: [cred.id] } };
const server: FindingAction = {
  label: 'Reset everything for this server',
  target: { kind: 'server', urls: ['https://atlas.example.com/mcp'] },
};

describe('findingActions', () => {
  it('lists the scanner’s actions narrowest first, keeping its order among equals', () => {
    const f = finding({ code: 'stale-lock', credential: cred.id, actions: [server, signIn, lockAction] });
    expect(findingActions(f, cred).map((a) => a.label)).toEqual([
      'Remove the stale lock file',
      'Reset this sign-in',
      'Reset everything for this server',
    ]);
  });

  it('offers no reset when the scanner says the fix is outside the app (empty list)', () => {
    const f = finding({ code: 'custom-port', credential: cred.id, actions: [] });
    expect(findingActions(f, cred)).toEqual([]);
  });

  it('falls back to the sign-in and its server when a report carries no actions', () => {
    const f = finding({ code: 'expired-token', credential: cred.id });
    expect(findingActions(f, cred)).toEqual([
      { label: 'Reset this sign-in', target: { kind: 'credential', ids: [cred.id] } },
      server,
    ]);
    expect(findingActions(finding({ code: 'client-running', credential: null }), null)).toEqual([]);
  });
});

describe('choosing an action', () => {
  let fake: FakeApi;
  beforeEach(() => {
    resetAppStore();
    fake = makeFakeApi();
    setApiForTests(fake.api);
  });
  afterEach(() => setApiForTests(null));

  it('opens the preview for exactly that target', async () => {
    const f = finding({ code: 'stale-lock', credential: cred.id, path: LOCK, actions: [signIn, lockAction] });
    fake.ops.scan.mockResolvedValue(scanReport([client('mcp-remote', 'mcp-remote', [cred])], [f]));
    await useAppStore.getState().runScan();
    fake.ops.planReset.mockResolvedValueOnce(planView('plan-lock', [LOCK]));
    const first = findingActions(useAppStore.getState().scan!.findings[0]!, cred)[0]!;
    await useAppStore.getState().openResetPreview(first.target);
    expect(fake.ops.planReset).toHaveBeenCalledWith({
      target: { kind: 'files', credential: cred.id, paths: [LOCK] },
    });
    expect(useAppStore.getState().resetPhase).toBe('confirming');
    expect(useAppStore.getState().preview?.planId).toBe('plan-lock');
  });
});

describe('buttonForCommand', () => {
  it('names the button that does what the fix’s command does, or none', () => {
    const actions = [lockAction, signIn, server];
    expect(buttonForCommand(actions, 'mcp-auth-doctor reset --credential mcp-remote-abc')).toBe(
      'the “Reset this sign-in” button below',
    );
    expect(buttonForCommand(actions, 'mcp-auth-doctor reset --server https://atlas.example.com/mcp')).toBe(
      'the “Reset everything for this server” button below',
    );
    expect(buttonForCommand([lockAction], 'mcp-auth-doctor reset --credential mcp-remote-abc')).toBeNull();
    expect(buttonForCommand(actions, 'mcp-auth-doctor doctor https://x')).toBeNull();
  });
});

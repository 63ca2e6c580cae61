import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, channelOf, type CoreApi, type OperationName } from '../../src/contract';
import { ApiError } from '../../src/api/errors';
import { registerCoreApi } from '../../main/ipc';
import { TrustedSenders } from '../../main/trusted-senders';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/app-protocol';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { ipcMain, FakeWebContents } = electron;

function fakeApi(): CoreApi & Record<OperationName, ReturnType<typeof vi.fn>> {
  const api: Record<string, ReturnType<typeof vi.fn>> = {};
  for (const name of OPERATION_NAMES) api[name] = vi.fn(() => Promise.resolve({ from: name }));
  return api as unknown as CoreApi & Record<OperationName, ReturnType<typeof vi.fn>>;
}

function ourWindow(trusted: TrustedSenders): InstanceType<typeof FakeWebContents> {
  const contents = new FakeWebContents();
  contents.mainFrame.url = APP_ENTRY_URL;
  trusted.add(contents as never);
  return contents;
}

describe('the IPC registration wrapper', () => {
  let api: ReturnType<typeof fakeApi>;
  let trusted: TrustedSenders;
  let log: string[];
  let unregister: () => void;

  beforeEach(() => {
    api = fakeApi();
    trusted = new TrustedSenders(APP_ORIGIN);
    log = [];
    unregister?.();
    unregister = registerCoreApi(api, trusted, (line) => log.push(line));
  });

  it('registers one namespaced channel per operation, and removes them again', () => {
    for (const name of OPERATION_NAMES) expect(ipcMain.handlers.has(channelOf(name))).toBe(true);
    expect([...ipcMain.handlers.keys()].every((c) => c.startsWith('mcp-auth-doctor:'))).toBe(true);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    unregister = registerCoreApi(api, trusted);
  });

  it('calls the core for our window and returns its value', async () => {
    const win = ourWindow(trusted);
    const result = await ipcMain.invokeAs(win, channelOf('scan'), [{ clients: ['mcp-remote'] }]);
    expect(result).toEqual({ ok: true, value: { from: 'scan' } });
    expect(api.scan).toHaveBeenCalledWith({ clients: ['mcp-remote'] });
  });

  it('treats a missing argument as an empty request', async () => {
    const win = ourWindow(trusted);
    await expect(ipcMain.invokeAs(win, channelOf('system'), [])).resolves.toMatchObject({ ok: true });
    expect(api.system).toHaveBeenCalledWith({});
  });

  it('refuses a webContents that is not one of our windows', async () => {
    const foreign = new FakeWebContents();
    foreign.mainFrame.url = APP_ENTRY_URL;
    const result = await ipcMain.invokeAs(foreign, channelOf('scan'), [{}]);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(api.scan).not.toHaveBeenCalled();
    expect(log.join('\n')).toContain('not an app window');
  });

  it('refuses a subframe of our window, even one showing our origin', async () => {
    const win = ourWindow(trusted);
    const subframe = win.subframe(APP_ENTRY_URL);
    const result = await ipcMain.invokeAs(win, channelOf('applyReset'), [{ planId: 'p' }], subframe);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(api.applyReset).not.toHaveBeenCalled();
  });

  it('recognises the main frame by process and routing id, not by wrapper object', async () => {
    const win = ourWindow(trusted);
    // Electron may give each event its own WebFrameMain object for the same frame.
    const sameFrameNewWrapper = { ...win.mainFrame };
    await expect(ipcMain.invokeAs(win, channelOf('scan'), [{}], sameFrameNewWrapper)).resolves.toMatchObject({
      ok: true,
    });
    expect(api.scan).toHaveBeenCalledTimes(1);
  });

  it('refuses a frame with the main frame’s routing id in another process, and vice versa', async () => {
    const win = ourWindow(trusted);
    const main = win.mainFrame;
    for (const frame of [
      { ...main, processId: main.processId + 1 },
      { ...main, routingId: main.routingId + 1000 },
    ]) {
      const result = await ipcMain.invokeAs(win, channelOf('scan'), [{}], frame);
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
    expect(api.scan).not.toHaveBeenCalled();
    expect(log.join('\n')).toContain('subframe');
  });

  it('refuses our window when its main frame shows a foreign page', async () => {
    const win = ourWindow(trusted);
    win.mainFrame.url = 'https://evil.example/index.html';
    const result = await ipcMain.invokeAs(win, channelOf('undo'), [{}]);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(api.undo).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame is gone, and a window once destroyed', async () => {
    const win = ourWindow(trusted);
    await expect(ipcMain.invokeAs(win, channelOf('scan'), [{}], null)).resolves.toMatchObject({ ok: false });
    win.destroy();
    await expect(ipcMain.invokeAs(win, channelOf('scan'), [{}])).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(api.scan).not.toHaveBeenCalled();
  });

  const BAD: [OperationName, unknown][] = [
    ['scan', { clients: ['not-a-client'] }],
    ['scan', { clients: 'mcp-remote' }],
    ['scan', { extra: true }],
    ['planReset', { target: { kind: 'everything' } }],
    ['planReset', { target: { kind: 'credential', ids: [] } }],
    ['planReset', { target: { kind: 'server', urls: ['x'], extra: 1 } }],
    ['planReset', {}],
    ['applyReset', { planId: 42 }],
    ['applyReset', { planId: 'p', force: 'yes' }],
    ['undo', { backupId: '' }],
    ['listBackups', { anything: 1 }],
    ['purgeBackups', { olderThanDays: -1 }],
    ['purgeBackups', { olderThanDays: 1.5 }],
    ['doctor', { url: 'https://x.example/mcp' }],
    ['doctor', { url: '', runId: 'r' }],
    ['doctor', { url: 'https://x.example/mcp', runId: 'r', timeoutSeconds: 0 }],
    ['system', null],
    ['report', { errorText: 5 }],
    ['saveReport', { text: 'x', format: 'pdf' }],
    ['revealPath', { path: '' }],
    ['revealPath', {}],
    ['openLink', { url: 'x'.repeat(5000) }],
    ['testBrowserOpen', { url: 'file:///etc/passwd' }],
  ];

  it.each(BAD)('rejects bad arguments for %s: %j', async (name, request) => {
    const win = ourWindow(trusted);
    const result = (await ipcMain.invokeAs(win, channelOf(name), [request])) as {
      ok: boolean;
      error: { message: string; code: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toContain(`invalid request to ${name}`);
    expect(api[name]).not.toHaveBeenCalled();
  });

  it('rejects more than one argument', async () => {
    const win = ourWindow(trusted);
    const result = await ipcMain.invokeAs(win, channelOf('scan'), [{}, { sneaky: true }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(api.scan).not.toHaveBeenCalled();
  });

  it('maps errors to plain messages: no stack, no errno jargon, no secret', async () => {
    const win = ourWindow(trusted);
    api.undo.mockRejectedValueOnce(new ApiError('There is no backup to restore.', 'no-backup'));
    await expect(ipcMain.invokeAs(win, channelOf('undo'), [{}])).resolves.toEqual({
      ok: false,
      error: { message: 'There is no backup to restore.', code: 'no-backup' },
    });

    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/h/.mcp-auth/x.json'"), {
      code: 'ENOENT',
      path: '/h/.mcp-auth/x.json',
    });
    api.scan.mockRejectedValueOnce(enoent);
    const mapped = (await ipcMain.invokeAs(win, channelOf('scan'), [{}])) as { error: { message: string } };
    expect(mapped.error.message).toBe('Not found: /h/.mcp-auth/x.json. It may have been moved or deleted.');

    const leaky = new Error(
      'request failed: Authorization: Bearer sk-live-123456 for https://a/?access_token=abc',
    );
    api.doctor.mockRejectedValueOnce(leaky);
    const scrubbed = (await ipcMain.invokeAs(win, channelOf('doctor'), [
      { url: 'https://a/', runId: 'r' },
    ])) as {
      error: { message: string };
    };
    expect(scrubbed.error.message).not.toContain('sk-live-123456');
    expect(scrubbed.error.message).not.toContain('access_token=abc');
    expect(scrubbed.error.message).not.toMatch(/\n\s+at /);

    api.system.mockRejectedValueOnce('a string, not an Error');
    await expect(ipcMain.invokeAs(win, channelOf('system'), [{}])).resolves.toEqual({
      ok: false,
      error: { message: 'Something went wrong.', code: 'failed' },
    });
  });
});

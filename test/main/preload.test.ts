import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, OPERATION_NAMES, channelOf, type DesktopApi } from '../../src/contract';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

let api: DesktopApi;
const logs: unknown[][] = [];

beforeAll(async () => {
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args));
  await import('../../main/preload');
  spy.mockRestore();
  api = electron.contextBridge.exposed.get('mcpAuthDoctor') as DesktopApi;
});

afterEach(() => {
  electron.ipcRenderer.invoke.mockReset();
});

describe('the preload', () => {
  it('exposes exactly one object, frozen, with one function per operation plus `on`', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['mcpAuthDoctor']);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES, 'on'].sort());
    for (const key of Object.keys(api))
      expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
    expect(() => {
      (api as unknown as Record<string, unknown>).scan = () => 'hijacked';
    }).toThrow();
  });

  it('logs the ready marker once', () => {
    expect(logs).toEqual([['[PRELOAD_READY]']]);
  });

  it('invokes the operation channel with the request and returns the value', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { removed: ['b1'] } });
    await expect(api.purgeBackups({ olderThanDays: 14 })).resolves.toEqual({ removed: ['b1'] });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channelOf('purgeBackups'), {
      olderThanDays: 14,
    });
  });

  it('turns an error result into an Error with the plain message and code', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { message: 'There is no backup to restore.', code: 'no-backup' },
    });
    const failure = api.undo({});
    await expect(failure).rejects.toThrow('There is no backup to restore.');
    await expect(failure).rejects.toMatchObject({ code: 'no-backup' });
  });

  it('gives listeners the payload only and returns an unsubscribe', () => {
    const seen: unknown[][] = [];
    const off = api.on('doctorProgress', (...args: unknown[]) => void seen.push(args));
    const payload = { runId: 'r1', event: { type: 'check-started', id: 'url', title: 'URL' } };
    electron.ipcRenderer.emitFromMain(channelOf('doctorProgress'), payload);
    expect(seen).toEqual([[payload]]);
    expect(typeof off).toBe('function');
    off();
    electron.ipcRenderer.emitFromMain(channelOf('doctorProgress'), payload);
    expect(seen).toHaveLength(1);
    expect(electron.ipcRenderer.listeners.get(channelOf('doctorProgress'))?.size ?? 0).toBe(0);
  });

  it('listens only to contract events', () => {
    for (const event of EVENT_NAMES) api.on(event, () => undefined)();
    expect(() => api.on('scan' as never, () => undefined)).toThrow(/Unknown event/);
    expect(() => api.on('menuCommand', 'not a function' as never)).toThrow(/function/);
  });
});

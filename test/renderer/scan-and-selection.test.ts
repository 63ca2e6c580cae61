import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import { deferred, makeFakeApi, type FakeApi } from './fake-api';
import { client, credential, scanReport } from './sample-records';
import type { ScanReport } from '../../src/model/index';

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
});
afterEach(() => setApiForTests(null));

const state = () => useAppStore.getState();

describe('scan slice', () => {
  it('goes loading → ready and keeps the report', async () => {
    const report = scanReport([client('mcp-remote', 'mcp-remote', [credential('a')])]);
    const d = deferred<ScanReport>();
    fake.ops.scan.mockReturnValueOnce(d.promise);
    const running = state().runScan();
    expect(state().scanStatus).toBe('loading');
    d.resolve(report);
    await running;
    expect(state().scanStatus).toBe('ready');
    expect(state().scan).toBe(report);
    expect(fake.ops.scan).toHaveBeenCalledWith({});
  });

  it('shows the error in plain words, without Electron’s IPC prefix', async () => {
    fake.ops.scan.mockRejectedValueOnce(
      new Error(
        "Error invoking remote method 'mcp-auth-doctor:scan': Error: Permission denied: /home/u/.copilot",
      ),
    );
    await state().runScan();
    expect(state().scanStatus).toBe('error');
    expect(state().scanError).toBe('Permission denied: /home/u/.copilot');
  });

  it('keeps the newest answer when two scans overlap', async () => {
    const older = deferred<ScanReport>();
    const newer = deferred<ScanReport>();
    fake.ops.scan.mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    const first = state().runScan();
    const second = state().runScan();
    const newReport = scanReport([client('codex', 'Codex', [])]);
    newer.resolve(newReport);
    await second;
    older.resolve(scanReport([client('mcp-remote', 'mcp-remote', [])]));
    await first;
    expect(state().scan).toBe(newReport);
  });

  it('drops selected ids that a rescan no longer reports', async () => {
    fake.ops.scan.mockResolvedValueOnce(
      scanReport([client('mcp-remote', 'mcp-remote', [credential('a'), credential('b')])]),
    );
    await state().runScan();
    state().setSelected(['a', 'b'], true);
    fake.ops.scan.mockResolvedValueOnce(scanReport([client('mcp-remote', 'mcp-remote', [credential('b')])]));
    await state().runScan();
    expect(Object.keys(state().selected)).toEqual(['b']);
  });
});

describe('selection slice', () => {
  it('toggles one id and sets many', () => {
    state().toggleSelected('a');
    expect(state().selected).toEqual({ a: true });
    state().toggleSelected('a');
    expect(state().selected).toEqual({});
    state().setSelected(['a', 'b', 'c'], true);
    state().setSelected(['b'], false);
    expect(Object.keys(state().selected).sort()).toEqual(['a', 'c']);
    state().clearSelection();
    expect(state().selected).toEqual({});
  });

  it('sets one filter without touching the others', () => {
    state().setFilter('status', 'problems');
    state().setFilter('text', 'atlas');
    expect(state().filters).toEqual({ client: 'all', server: 'all', status: 'problems', text: 'atlas' });
  });

  it('flips the direction on the same column and starts a new column in its natural order', () => {
    expect(state().sort).toEqual({ key: 'status', dir: 'desc' });
    state().setSort('status');
    expect(state().sort).toEqual({ key: 'status', dir: 'asc' });
    state().setSort('server');
    expect(state().sort).toEqual({ key: 'server', dir: 'asc' });
    state().setSort('updated');
    expect(state().sort).toEqual({ key: 'updated', dir: 'desc' });
  });
});

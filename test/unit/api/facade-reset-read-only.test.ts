/**
 * The window's previews and backup listings are read-only while a crashed reset waits: nothing in
 * the home or the data folder changes, and they say so (a notice, an `interrupted` backup). Only
 * apply, undo and purge roll the interrupted reset back first.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreApi, type DesktopPorts } from '../../../src/api/index';
import { applyPlan, planReset, SimulatedCrash } from '../../../src/reset/index';
import type { ScanFn } from '../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { changedPaths, scanOf, snapshotTree, type CredSpec } from '../reset/helpers/reset-fixtures';
import type { Context } from '../../../src/context';

const desktop: DesktopPorts = {
  showItemInFolder: vi.fn(),
  openExternal: vi.fn(() => Promise.resolve()),
  chooseSavePath: vi.fn(() => Promise.resolve(null)),
  openPath: vi.fn(() => Promise.resolve('')),
};

let home: FakeHome | undefined;
afterEach(() => home?.cleanup());

/** Resets the one credential and "dies" right after its first change (as after a kill). */
async function resetThenCrash(ctx: Context, dataDir: string, spec: CredSpec): Promise<void> {
  const plan = await planReset(ctx, scanOf([spec]), { kind: 'credential', ids: [spec.id] });
  const crash = (step: string): void => {
    if (step === 'act:0') throw new SimulatedCrash(step);
  };
  await expect(
    applyPlan(ctx, plan, { dataDir, hooks: { afterStep: crash } }, { dryRun: false }),
  ).rejects.toBeInstanceOf(SimulatedCrash);
}

async function crashedSetup() {
  home = makeFakeHome();
  const h = home;
  const dataDir = h.p('app-data');
  const ctx = { ...h.ctx, env: { ...h.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: dataDir } };
  const tokens = h.write('.mcp-auth/mcp-remote-0.1.37/abc_tokens.json', { access_token: 'CANARY-a' }, 0o600);
  const info = h.write('.mcp-auth/mcp-remote-0.1.37/abc_client_info.json', { client_id: 'old' }, 0o600);
  const spec = {
    id: 'stale',
    client: 'mcp-remote' as const,
    serverUrl: 'https://old.example.com/mcp',
    files: [tokens, info],
    roots: [h.p('.mcp-auth')],
  };
  const scan: ScanFn = vi.fn(() => Promise.resolve(scanOf([spec])));
  await resetThenCrash(ctx, dataDir, spec);
  expect(fs.existsSync(tokens)).toBe(false);
  const api = createCoreApi(ctx, { desktop, emit: vi.fn(), modules: { scan, clients: [] } });
  return { api, h, dataDir, tokens, info };
}

describe('the façade while an interrupted reset waits', () => {
  it('listBackups and planReset change nothing and say so; purge rolls it back first', async () => {
    const { api, h, dataDir, tokens } = await crashedSetup();
    const homeBefore = snapshotTree(h.home);
    const dataBefore = snapshotTree(dataDir);

    const backups = await api.listBackups({});
    expect(backups).toHaveLength(1);
    expect(backups[0]!.interrupted).toBe(true);
    const preview = await api.planReset({ target: { kind: 'credential', ids: ['stale'] } });
    expect(preview.notice).toMatch(/interrupted.*put back first when you reset or undo/s);
    expect(changedPaths(homeBefore, snapshotTree(h.home))).toEqual([]);
    expect(changedPaths(dataBefore, snapshotTree(dataDir))).toEqual([]);
    expect(fs.existsSync(tokens)).toBe(false);

    await api.purgeBackups({ ids: [] });
    expect(fs.existsSync(tokens)).toBe(true);
    const after = await api.listBackups({});
    expect(after[0]!.interrupted).toBeUndefined();
    expect(after[0]!.label).toMatch(/rolled back/);
    expect((await api.planReset({ target: { kind: 'credential', ids: ['stale'] } })).notice).toBeUndefined();
  });

  it('undo rolls the interrupted reset back before anything else', async () => {
    const { api, tokens } = await crashedSetup();
    await api.undo({}).catch(() => undefined);
    expect(fs.existsSync(tokens)).toBe(true);
    expect((await api.listBackups({}))[0]!.interrupted).toBeUndefined();
  });
});

describe('undo from the window right after a crash', () => {
  it('Restore on the interrupted backup puts its files back', async () => {
    const { api, tokens, info } = await crashedSetup();
    const [backup] = await api.listBackups({});
    const undone = await api.undo({ backupId: backup!.id });
    expect(undone.backupId).toBe(backup!.id);
    expect(fs.existsSync(tokens) && fs.existsSync(info)).toBe(true);
  });

  it('a bare undo rolls back the crashed reset only, not an older one as well', async () => {
    home = makeFakeHome();
    const h = home;
    const dataDir = h.p('app-data');
    const ctx = { ...h.ctx, env: { ...h.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: dataDir } };
    const roots = [h.p('.mcp-auth')];
    const oldFile = h.write('.mcp-auth/mcp-remote-0.1.37/old_tokens.json', { access_token: 'x' }, 0o600);
    const older = {
      id: 'older',
      client: 'mcp-remote' as const,
      serverUrl: 'https://a.example.com/mcp',
      files: [oldFile],
      roots,
    };
    const olderPlan = await planReset(ctx, scanOf([older]), { kind: 'credential', ids: ['older'] });
    const olderReset = await applyPlan(ctx, olderPlan, { dataDir }, { dryRun: false });
    const tokens = h.write(
      '.mcp-auth/mcp-remote-0.1.37/abc_tokens.json',
      { access_token: 'CANARY-a' },
      0o600,
    );
    const stale = {
      id: 'stale',
      client: 'mcp-remote' as const,
      serverUrl: 'https://old.example.com/mcp',
      files: [tokens],
      roots,
    };
    await resetThenCrash(ctx, dataDir, stale);
    const scan: ScanFn = vi.fn(() => Promise.resolve(scanOf([stale])));
    const api = createCoreApi(ctx, { desktop, emit: vi.fn(), modules: { scan, clients: [] } });

    const undone = await api.undo({});
    expect(undone.backupId).not.toBe(olderReset.backupId);
    expect(fs.existsSync(tokens)).toBe(true);
    expect(fs.existsSync(oldFile)).toBe(false);
  });
});

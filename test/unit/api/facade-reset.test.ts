/**
 * The façade over the real reset engine: plan (with its dry-run preview) → apply → backups →
 * undo, on real files in a fake home. The scan is hand-built (reset's own fixture helper) so this
 * does not depend on every client parser.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreApi, type DesktopPorts } from '../../../src/api/index';
import type { ScanFn } from '../../../src/scan/types';
import type { ProcessPort } from '../../../src/system/process-port';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { scanOf } from '../reset/helpers/reset-fixtures';

const desktop: DesktopPorts = {
  showItemInFolder: vi.fn(),
  openExternal: vi.fn(() => Promise.resolve()),
  chooseSavePath: vi.fn(() => Promise.resolve(null)),
  openPath: vi.fn(() => Promise.resolve('')),
};

let home: FakeHome | undefined;
afterEach(() => home?.cleanup());

function setup(processes?: ProcessPort) {
  home = makeFakeHome();
  const h = home;
  const ctx = { ...h.ctx, env: { ...h.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: h.p('app-data') } };
  const tokens = h.write('.mcp-auth/mcp-remote-0.1.37/abc_tokens.json', { access_token: 'CANARY-a' }, 0o600);
  const info = h.write('.mcp-auth/mcp-remote-0.1.37/abc_client_info.json', { client_id: 'old' }, 0o600);
  const keep = h.write('.mcp-auth/mcp-remote-0.1.37/def_tokens.json', { access_token: 'CANARY-b' }, 0o600);
  const scan: ScanFn = vi.fn(() =>
    Promise.resolve(
      scanOf([
        {
          id: 'stale',
          client: 'mcp-remote',
          serverUrl: 'https://old.example.com/mcp',
          files: [tokens, info],
          roots: [h.p('.mcp-auth')],
        },
        {
          id: 'other',
          client: 'mcp-remote',
          serverUrl: 'https://new.example.com/mcp',
          files: [keep],
          roots: [h.p('.mcp-auth')],
        },
      ]),
    ),
  );
  const api = createCoreApi(ctx, {
    desktop,
    emit: vi.fn(),
    ...(processes !== undefined ? { processes } : {}),
    modules: {
      scan,
      clients: [
        {
          id: 'mcp-remote',
          label: 'mcp-remote',
          roots: [],
          files: [],
          processNames: { all: ['mcp-remote'] },
          rewritesWhileRunning: true,
          nativeRemote: false,
          customPorts: true,
        },
      ],
    },
  });
  return { api, tokens, info, keep, h };
}

describe('reset, undo and backups through the façade', () => {
  it('previews without touching anything, applies the same plan, then undoes it byte for byte', async () => {
    const { api, tokens, info, keep } = setup();
    const before = fs.readFileSync(tokens);

    const preview = await api.planReset({ target: { kind: 'credential', ids: ['stale'] } });
    expect(preview.dryRun).toBe(true);
    expect(preview.items.map((i) => [i.path, i.status])).toEqual([
      [tokens, 'planned'],
      [info, 'planned'],
    ]);
    expect(fs.existsSync(tokens)).toBe(true);

    const applied = await api.applyReset({ planId: preview.planId });
    expect(applied.dryRun).toBe(false);
    expect(applied.items.every((i) => i.status === 'done')).toBe(true);
    expect(fs.existsSync(tokens) || fs.existsSync(info)).toBe(false);
    expect(fs.existsSync(keep)).toBe(true);

    // A plan is spent once it changed files.
    await expect(api.applyReset({ planId: preview.planId })).rejects.toMatchObject({ code: 'plan-expired' });

    const backups = await api.listBackups({});
    expect(backups).toHaveLength(1);
    expect(backups[0]!.id).toBe(applied.backupId);
    // A listed backup may be shown in the file manager.
    await expect(api.revealPath({ path: backups[0]!.path })).resolves.toEqual({ ok: true });

    const undone = await api.undo({});
    expect(undone.backupId).toBe(applied.backupId);
    expect(fs.readFileSync(tokens)).toEqual(before);
    expect(fs.existsSync(info)).toBe(true);
  });

  it('refuses an unknown plan id in plain words', async () => {
    const { api } = setup();
    await expect(api.applyReset({ planId: 'no-such-plan' })).rejects.toThrow(
      /expired or was already applied/,
    );
  });

  it('keeps a plan refused because the client is running, and applies it when forced', async () => {
    const processes: ProcessPort = {
      list: () =>
        Promise.resolve([
          { pid: 4242, name: 'node', cmd: 'node /usr/bin/mcp-remote https://old.example.com/mcp' },
        ]),
      isAlive: (pid) => pid === 4242,
    };
    const { api, tokens } = setup(processes);
    const preview = await api.planReset({
      target: { kind: 'server', urls: ['https://old.example.com/mcp'] },
    });
    expect(preview.runningClients).toEqual(['mcp-remote']);
    const refused = await api.applyReset({ planId: preview.planId });
    expect(refused.items.some((i) => i.status === 'done')).toBe(false);
    expect(fs.existsSync(tokens)).toBe(true);
    const forced = await api.applyReset({ planId: preview.planId, force: true });
    expect(forced.items.some((i) => i.status === 'done')).toBe(true);
    expect(fs.existsSync(tokens)).toBe(false);
  });

  it('purges the backups it is asked to', async () => {
    const { api } = setup();
    const preview = await api.planReset({ target: { kind: 'all' } });
    const applied = await api.applyReset({ planId: preview.planId });
    await expect(api.purgeBackups({ ids: [applied.backupId!] })).resolves.toEqual({
      removed: [applied.backupId],
    });
    await expect(api.listBackups({})).resolves.toEqual([]);
  });

  it('keeps damaged backups it never showed when purging old ones', async () => {
    const { api } = setup();
    const damaged = home!.write('app-data/backups/20261001T120000Z-abcdef/manifest.json', '{ broken');
    await api.purgeBackups({});
    expect(fs.existsSync(damaged)).toBe(true);
    await expect(api.listBackups({})).resolves.toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCoreApi, type CoreApiDeps, type DesktopPorts } from '../../../src/api/index';
import { realSystemModule, type SystemModule } from '../../../src/api/core-modules';
import { APP_DOC_LINKS } from '../../../src/api/links';
import { SCAN_SCHEMA, type ScanReport } from '../../../src/model/scan';
import { SYSTEM_SCHEMA, type SystemReport } from '../../../src/model/system';
import type { ScanFn } from '../../../src/scan/types';
import type { ProcessPort } from '../../../src/system/process-port';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';

function recorderPorts(overrides: Partial<DesktopPorts> = {}): DesktopPorts & {
  calls: { op: string; arg: unknown }[];
} {
  const calls: { op: string; arg: unknown }[] = [];
  return {
    calls,
    showItemInFolder: (p) => void calls.push({ op: 'showItemInFolder', arg: p }),
    openExternal: (url) => {
      calls.push({ op: 'openExternal', arg: url });
      return Promise.resolve();
    },
    chooseSavePath: (req) => {
      calls.push({ op: 'chooseSavePath', arg: req });
      return Promise.resolve(null);
    },
    openPath: (p) => {
      calls.push({ op: 'openPath', arg: p });
      return Promise.resolve('');
    },
    ...overrides,
  };
}

function reportFor(home: FakeHome): ScanReport {
  const tokens = home.p('.mcp-auth/mcp-remote-0.1.37/abc_tokens.json');
  return {
    schema: SCAN_SCHEMA,
    scannedAt: '2026-11-26T12:00:00.000Z',
    home: home.home,
    platform: 'linux',
    clients: [
      {
        id: 'mcp-remote',
        label: 'mcp-remote',
        installed: true,
        running: null,
        paths: [{ path: home.p('.mcp-auth'), role: 'cache', exists: true }],
        servers: [],
        credentials: [
          {
            id: 'c1',
            client: 'mcp-remote',
            serverUrl: 'https://mcp.example.com/mcp',
            serverName: null,
            issuer: null,
            oauthClientId: 'client-1',
            registration: 'dcr',
            scopes: [],
            hasAccessToken: true,
            hasRefreshToken: false,
            expiresAt: null,
            updatedAt: null,
            files: [{ path: tokens, bytes: 10, modifiedAt: '2026-11-26T12:00:00.000Z' }],
            entry: null,
            fingerprint: 'sha256:0123456789ab',
          },
        ],
        notes: [],
      },
    ],
    findings: [],
  };
}

let home: FakeHome | undefined;
afterEach(() => home?.cleanup());

function setup(deps: Partial<CoreApiDeps> = {}) {
  home = makeFakeHome();
  // Backups and the browser test page go to a data folder inside the fake home.
  const ctx = { ...home.ctx, env: { ...home.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: home.p('data') } };
  const desktop = recorderPorts();
  const report = reportFor(home);
  const scan: ScanFn = vi.fn(() => Promise.resolve({ report, credentials: new Map() }));
  const api = createCoreApi(ctx, {
    desktop,
    emit: vi.fn(),
    ...deps,
    modules: { scan, ...deps.modules },
  });
  return { api, desktop, report, scan, home, ctx };
}

describe('the core API façade', () => {
  it('scans with the requested clients and the process port', async () => {
    const processes: ProcessPort = { list: () => Promise.resolve([]), isAlive: () => false };
    const { api, scan, report, ctx } = setup({ processes });
    await expect(api.scan({ clients: ['mcp-remote'] })).resolves.toBe(report);
    expect(scan).toHaveBeenCalledWith(ctx, { clients: ['mcp-remote'], processes });
  });

  it('reveals only paths the latest scan reported', async () => {
    const { api, desktop, report, home } = setup();
    const tokens = report.clients[0]!.credentials[0]!.files[0]!.path;
    await expect(api.revealPath({ path: tokens })).rejects.toMatchObject({ code: 'unknown-path' });
    await api.scan({});
    await expect(api.revealPath({ path: tokens })).resolves.toEqual({ ok: true });
    await expect(api.revealPath({ path: home.p('.mcp-auth') })).resolves.toEqual({ ok: true });
    await expect(api.revealPath({ path: home.p('.ssh/id_rsa') })).rejects.toMatchObject({
      code: 'unknown-path',
    });
    await expect(api.revealPath({ path: '.mcp-auth' })).rejects.toMatchObject({ code: 'unknown-path' });
    expect(desktop.calls.filter((c) => c.op === 'showItemInFolder').map((c) => c.arg)).toEqual([
      tokens,
      home.p('.mcp-auth'),
    ]);
  });

  it('opens only https links the app built', async () => {
    const { api, desktop } = setup({
      extraLinks: ['https://code.visualstudio.com/docs/copilot/chat/mcp-servers'],
    });
    await expect(api.openLink({ url: APP_DOC_LINKS[0]! })).resolves.toEqual({ ok: true });
    await expect(
      api.openLink({ url: 'https://CODE.visualstudio.com/docs/copilot/chat/mcp-servers' }),
    ).resolves.toEqual({ ok: true });
    for (const url of [
      'http://code.visualstudio.com/docs/copilot/chat/mcp-servers',
      'https://user:pw@code.visualstudio.com/docs/copilot/chat/mcp-servers',
      'https://code.visualstudio.com/docs/copilot/chat/mcp-servers/../../x',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      await expect(api.openLink({ url }), url).rejects.toMatchObject({ code: 'link-not-allowed' });
    }
    expect(desktop.calls.filter((c) => c.op === 'openExternal').map((c) => c.arg)).toEqual([
      APP_DOC_LINKS[0],
      'https://code.visualstudio.com/docs/copilot/chat/mcp-servers',
    ]);
  });

  it('saves exactly the report text where the user chose, or nothing when they cancel', async () => {
    const { api, desktop, home } = setup();
    await expect(api.saveReport({ text: '# Report\n', format: 'markdown' })).resolves.toBeNull();
    expect(desktop.calls[0]).toEqual({
      op: 'chooseSavePath',
      arg: { defaultName: 'mcp-auth-doctor-report-2026-11-26.md', extensions: ['md'] },
    });
    const target = home.p('Desktop/report.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    desktop.chooseSavePath = () => Promise.resolve(target);
    const text = '{"schema":"mcp-auth-doctor/report@1"}\n';
    await expect(api.saveReport({ text, format: 'json' })).resolves.toEqual({ path: target });
    expect(fs.readFileSync(target, 'utf8')).toBe(text);
  });

  it('runs the system checks through the system ports, with the process port', async () => {
    const processes: ProcessPort = { list: () => Promise.resolve([]), isAlive: () => false };
    const report: SystemReport = {
      schema: SYSTEM_SCHEMA,
      browserOpener: { status: 'ok', detail: 'xdg-open' },
      runningClients: [],
      proxy: { httpProxy: null, httpsProxy: null, noProxy: null, extraCaCerts: null, os: {}, notes: [] },
      findings: [],
    };
    const ports = vi.fn(realSystemModule.ports);
    const system: SystemModule = { ...realSystemModule, ports, run: vi.fn(() => Promise.resolve(report)) };
    const { api } = setup({ processes, modules: { system } });
    await expect(api.system({})).resolves.toBe(report);
    expect(ports.mock.calls[0]![1]).toMatchObject({ processes });
  });

  it('opens the browser test page through the desktop and sees the browser load it', async () => {
    const system: SystemModule = {
      ...realSystemModule,
      checkBrowserOpener: () =>
        Promise.resolve({ status: 'ok', detail: 'stand-in opener', command: 'xdg-open' }),
    };
    const fetched: string[] = [];
    // The "browser": fetches what the desktop is asked to open.
    const desktop = recorderPorts({
      openExternal: async (url) => {
        fetched.push(await (await fetch(url)).text());
      },
    });
    const { api } = setup({ desktop, modules: { system } });
    const result = await api.testBrowserOpen({});
    expect(result.opened).toBe(true);
    expect(result.detail).toMatch(/opened the test page/);
    expect(fetched[0]).toContain('Your browser opened this page');
  });

  it('refuses operations whose core module is not wired, instead of inventing a result', async () => {
    const { api } = setup({ modules: { scan: null, system: null } });
    await expect(api.scan({})).rejects.toMatchObject({ code: 'not-available' });
    await expect(api.system({})).rejects.toMatchObject({ code: 'not-available' });
    await expect(api.testBrowserOpen({})).rejects.toMatchObject({ code: 'not-available' });
  });
});

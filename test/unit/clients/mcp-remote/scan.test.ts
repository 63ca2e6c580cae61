import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ScanResult } from '../../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary } from '../../../helpers/canary';
import {
  bridged,
  md5,
  writeClaudeConfig,
  writeClaudeDesktopConfig,
  writeMcpRemoteCache,
} from '../../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const NOW = new Date('2026-11-26T12:00:00Z');
const URL_A = 'https://mcp.example.com/mcp';
const creds = (r: ScanResult) => r.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
const findings = (r: ScanResult, code: string) => r.report.findings.filter((f) => f.code === code);

describe('mcp-remote on each OS layout', () => {
  it('macOS: ~/.mcp-auth linked through Claude Desktop in ~/Library/Application Support', async () => {
    home = makeFakeHome({ platform: 'darwin' });
    writeClaudeDesktopConfig(home, { atlas: bridged(URL_A) });
    writeMcpRemoteCache(home, { url: URL_A });
    const r = await scan(home.ctx);
    expect(creds(r).map((c) => [c.serverUrl, c.serverName])).toEqual([[URL_A, 'atlas']]);
    expect(r.report.clients.find((c) => c.id === 'claude-desktop')!.paths[0]!.path).toBe(
      home.p('Library/Application Support/Claude'),
    );
  });

  it('Windows: %USERPROFILE%\\.mcp-auth linked through %APPDATA%\\Claude with `cmd /c npx`', async () => {
    home = makeFakeHome({ platform: 'win32' });
    writeClaudeDesktopConfig(home, {
      atlas: { command: 'cmd', args: ['/c', 'npx', '-y', 'mcp-remote@0.1.38', URL_A] },
    });
    writeMcpRemoteCache(home, { url: URL_A, folder: 'mcp-remote-0.1.38' });
    const r = await scan(home.ctx);
    expect(creds(r)[0]!.serverUrl).toBe(URL_A);
    expect(findings(r, 'orphaned-credential')).toEqual([]);
  });

  it('Windows Store install path of Claude Desktop is read too', async () => {
    home = makeFakeHome({ platform: 'win32', env: { LOCALAPPDATA: undefined } });
    writeClaudeDesktopConfig(
      home,
      { atlas: bridged(URL_A) },
      'AppData/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json',
    );
    writeMcpRemoteCache(home, { url: URL_A });
    const r = await scan(home.ctx);
    expect(creds(r)[0]!.serverName).toBe('atlas');
  });

  it('MCP_REMOTE_CONFIG_DIR adds its folder; the same folder twice is read once', async () => {
    home = makeFakeHome({ env: { MCP_REMOTE_CONFIG_DIR: '' } });
    const custom = home.p('custom-auth');
    home = { ...home, ctx: { ...home.ctx, env: { ...home.ctx.env, MCP_REMOTE_CONFIG_DIR: custom } } };
    writeMcpRemoteCache(home, { url: URL_A, base: 'custom-auth' });
    writeMcpRemoteCache(home, { url: 'https://other.example.com/mcp' });
    const r = await scan(home.ctx);
    const fromCustom = creds(r).map((c) => c.files[0]!.path.startsWith(custom + '/'));
    expect(fromCustom.sort()).toEqual([false, true]);

    const same = { ...home.ctx, env: { ...home.ctx.env, MCP_REMOTE_CONFIG_DIR: home.p('.mcp-auth') } };
    expect(creds(await scan(same))).toHaveLength(1);
  });

  it('a Claude Code server that runs mcp-remote links its cache too', async () => {
    home = makeFakeHome();
    writeClaudeConfig(
      home,
      {},
      { '/work/app': { atlas: bridged(URL_A, '--resource', 'https://mcp.example.com/') } },
    );
    writeMcpRemoteCache(home, { url: URL_A, hash: md5(`${URL_A}|https://mcp.example.com/`) });
    const r = await scan(home.ctx, { clients: ['mcp-remote'] });
    expect(creds(r)[0]!.serverName).toBe('atlas');
    expect(r.report.clients.map((c) => c.id)).toEqual(['mcp-remote']);
  });
});

describe('mcp-remote locks and unfinished sign-ins', () => {
  it('a lock older than 30 minutes is stale; a fresh one held by a live process is not', async () => {
    home = makeFakeHome({ now: NOW });
    writeMcpRemoteCache(home, {
      url: URL_A,
      lock: { pid: 4242, port: 3334, timestamp: NOW.getTime() - 2 * 3600_000 },
    });
    writeMcpRemoteCache(home, {
      url: 'https://fresh.example.com/mcp',
      lock: { pid: 4243, port: 3335, timestamp: NOW.getTime() - 60_000 },
    });
    const alive = { list: () => Promise.resolve([]), isAlive: () => true };
    const r = await scan(home.ctx, { processes: alive });
    const stale = findings(r, 'stale-lock');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.path).toMatch(new RegExp(`${md5(URL_A)}_lock\\.json$`));
    expect(stale[0]!.message).toMatch(
      /taken \d+ (minutes|hours) ago, and mcp-remote honours a lock for 30 minutes at most/,
    );
  });

  it('a lock whose process is gone is stale even when recent', async () => {
    home = makeFakeHome({ now: NOW });
    writeMcpRemoteCache(home, {
      url: URL_A,
      lock: { pid: 999999, port: 3334, timestamp: NOW.getTime() - 60_000 },
    });
    const dead = { list: () => Promise.resolve([]), isAlive: (pid: number) => pid !== 999999 };
    const r = await scan(home.ctx, { processes: dead });
    expect(findings(r, 'stale-lock')[0]!.message).toContain('process 999999');
    // Without a process list (someone else's home), only age counts.
    expect(findings(await scan(home.ctx), 'stale-lock')).toEqual([]);
  });

  it('a refresh lease is honoured 30 seconds', async () => {
    home = makeFakeHome({ now: NOW });
    writeMcpRemoteCache(home, { url: URL_A });
    home.write(`.mcp-auth/mcp-remote-v1/${md5(URL_A)}_refresh_in_progress.json`, {
      pid: 1,
      nonce: 'n',
      at: NOW.getTime() - 45_000,
    });
    expect(findings(await scan(home.ctx), 'stale-lock')).toHaveLength(1);
  });

  it('verifiers older than ten minutes are leftovers; a sign-in in progress is left alone', async () => {
    home = makeFakeHome({ now: NOW });
    writeMcpRemoteCache(home, {
      url: URL_A,
      tokens: false,
      verifier: true,
      mtime: new Date(NOW.getTime() - 3600_000),
    });
    writeMcpRemoteCache(home, {
      url: 'https://inprogress.example.com/mcp',
      tokens: false,
      verifier: true,
      mtime: new Date(NOW.getTime() - 60_000),
    });
    const r = await scan(home.ctx);
    const left = findings(r, 'leftover-flow-state');
    expect(left).toHaveLength(1);
    expect(left[0]!.message).toContain('never finished');
    const cred = creds(r).find((c) => c.id === left[0]!.credential)!;
    expect(cred.files).toHaveLength(3);
    assertNoCanary(JSON.stringify(r.report));
  });
});

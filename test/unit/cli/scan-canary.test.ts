/**
 * A home with every client and every kind of problem, on each OS layout, every secret a canary:
 * `scan` (human and --json) shows each finding code that applies and never a secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanCommand } from '../../../src/cli/commands/scan';
import { scan } from '../../../src/scan/index';
import type { Platform } from '../../../src/context';
import type { FindingCode, ScanReport } from '../../../src/model/scan';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary, canary } from '../../helpers/canary';
import {
  bridged,
  hex64,
  md5,
  writeClaudeConfig,
  writeClaudeCredentials,
  writeClaudeDesktopConfig,
  writeCodexConfig,
  writeCodexCredentials,
  writeCopilotOAuth,
  writeMcpRemoteCache,
} from '../scan/builders';

const NOW = new Date('2026-11-26T12:00:00Z');
let home: FakeHome;
let outside: string;
afterEach(() => {
  home?.cleanup();
  fs.rmSync(outside, { recursive: true, force: true });
});

function everythingHome(platform: Platform): FakeHome {
  const h = makeFakeHome({ platform, now: NOW });
  const eu = 'https://mcp.eu.example.com/mcp';
  // Claude Desktop bridges two servers (one on a custom port), and lists a native URL on 8443.
  writeClaudeDesktopConfig(h, {
    atlas: bridged(eu, '--header', `Authorization:Bearer ${canary('header-token')}`),
    internal: bridged('https://mymcp.internal:8443/mcp'),
    direct: { type: 'http', url: 'https://mymcp.internal:8443/mcp' },
  });
  // mcp-remote: the same server in two versions, an orphan from the old domain, a stale lock,
  // leftovers of an unfinished sign-in, a malformed file and a link out of its folder.
  writeMcpRemoteCache(h, {
    url: 'https://mymcp.internal:8443/mcp',
    folder: 'mcp-remote-0.1.37',
    expiresIn: 3600,
    mtime: new Date('2026-06-01T00:00:00Z'),
  });
  writeMcpRemoteCache(h, {
    url: 'https://mymcp.internal:8443/mcp',
    refresh: true,
    lock: { pid: 999999, port: 3334, timestamp: NOW.getTime() - 7200_000 },
  });
  writeMcpRemoteCache(h, {
    url: 'https://mcp.us.example.com/mcp',
    tokens: false,
    verifier: true,
    mtime: new Date(NOW.getTime() - 3600_000),
  });
  h.write(
    `.mcp-auth/mcp-remote-v1/${md5('broken')}_tokens.json`,
    `{"access_token":"${canary('broken-token')}"`,
  );
  outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-outside-')));
  fs.writeFileSync(path.join(outside, 'x.json'), JSON.stringify({ access_token: canary('outside-token') }));
  h.symlink(path.join(outside, 'x.json'), `.mcp-auth/mcp-remote-v1/${md5('linked')}_tokens.json`);
  // Copilot CLI: a registration from the old environment next to the new one.
  h.write('.copilot/mcp-config.json', { mcpServers: { atlas: { type: 'http', url: eu } } });
  writeCopilotOAuth(h, {
    hash: hex64('us'),
    serverUrl: eu,
    issuer: 'https://auth.us.example.com',
    issuedAt: 1790000000,
    verifier: true,
    secret: true,
  });
  writeCopilotOAuth(h, {
    hash: hex64('eu'),
    serverUrl: eu,
    issuer: 'https://auth.eu.example.com',
    refresh: true,
  });
  // Claude Code: an expired token without refresh, and an entry for the old domain.
  writeClaudeConfig(h, { atlas: { type: 'http', url: eu } });
  writeClaudeCredentials(h, [
    { name: 'atlas', url: eu, expiresAtMs: NOW.getTime() - 3600_000 },
    { name: 'old', url: 'https://mcp.us.example.com/mcp', refresh: true },
  ]);
  // Codex: one signed-in server without a refresh token.
  writeCodexConfig(h, { atlas: eu });
  writeCodexCredentials(h, [{ name: 'atlas', url: eu }]);
  return h;
}

async function run(json: boolean, platform: Platform): Promise<{ out: string; code: number }> {
  let out = '';
  const command = createScanCommand({
    scan,
    processes: () => ({
      list: () =>
        Promise.resolve([
          {
            pid: 10,
            name: platform === 'win32' ? 'Claude.exe' : platform === 'darwin' ? 'Claude' : 'claude-desktop',
          },
        ]),
      isAlive: (pid) => pid !== 999999,
    }),
  });
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), isTty: false };
  const code = await command.run({ args: [], ctx: home.ctx, io, json, dataDir: home.home });
  return { out, code };
}

const EXPECTED: FindingCode[] = [
  'malformed-file',
  'unreadable-path',
  'expired-token',
  'no-refresh-token',
  'orphaned-credential',
  'duplicate-credential',
  'stale-lock',
  'leftover-flow-state',
  'custom-port',
  'bridge-not-needed',
  'client-running',
];

describe.each(['linux', 'darwin', 'win32'] as const)(
  'scan of a home with everything wrong (%s)',
  (platform) => {
    it('produces every finding code that applies, exits 1, and never prints a secret', async () => {
      home = everythingHome(platform);
      const json = await run(true, platform);
      const human = await run(false, platform);
      assertNoCanary(json.out, 'scan --json');
      assertNoCanary(human.out, 'scan');
      expect(json.code).toBe(1);
      expect(human.code).toBe(1);
      const report = JSON.parse(json.out) as ScanReport;
      const codes = new Set(report.findings.map((f) => f.code));
      for (const code of EXPECTED) expect(codes.has(code), `${code} on ${platform}`).toBe(true);
      if (platform === 'darwin') expect(codes.has('secrets-in-keychain')).toBe(true);
      for (const f of report.findings) {
        expect(f.message.length).toBeGreaterThan(20);
        expect(f.fix.length).toBeGreaterThan(10);
        expect(human.out).toContain(f.message);
      }
      const total = report.clients.reduce((n, c) => n + c.credentials.length, 0);
      expect(total).toBeGreaterThanOrEqual(9);
      for (const c of report.clients.flatMap((x) => x.credentials)) {
        if (c.fingerprint !== null) expect(c.fingerprint).toMatch(/^sha256:[0-9a-f]{12}$/);
      }
    });
  },
);

import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { createScanCommand } from '../../../src/cli/commands/scan';
import { scan } from '../../../src/scan/index';
import { SCAN_SCHEMA, type ScanReport } from '../../../src/model/scan';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary } from '../../helpers/canary';
import { bridged, writeClaudeDesktopConfig, writeMcpRemoteCache } from '../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

async function cli(argv: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTty: options.tty ?? false,
  };
  const ctx = { ...home.ctx, env: { ...home.ctx.env, ...options.env } };
  const code = await runCli({ argv, io, baseContext: ctx });
  return { code, stdout, stderr };
}

function healthyHome(): void {
  home = makeFakeHome();
  const url = 'https://mcp.example.com:8443/mcp';
  // A custom port: Claude Desktop's connectors could not reach it, so the bridge is needed.
  writeClaudeDesktopConfig(home, { atlas: bridged(url) });
  writeMcpRemoteCache(home, { url, refresh: true });
}

describe('mcp-auth-doctor scan', () => {
  it('--json prints exactly one scan@1 document and exits 0 when nothing is wrong', async () => {
    healthyHome();
    const { code, stdout, stderr } = await cli(['scan', '--json']);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.schema).toBe(SCAN_SCHEMA);
    expect(report.home).toBe(home.home);
    expect(report.clients.map((c) => c.id)).toContain('mcp-remote');
    const cred = report.clients.find((c) => c.id === 'mcp-remote')!.credentials[0]!;
    for (const key of [
      'id',
      'client',
      'serverUrl',
      'serverName',
      'issuer',
      'oauthClientId',
      'registration',
      'scopes',
      'hasAccessToken',
      'hasRefreshToken',
      'expiresAt',
      'updatedAt',
      'files',
      'entry',
      'fingerprint',
    ]) {
      expect(cred).toHaveProperty(key);
    }
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
    assertNoCanary(stdout);
  });

  it('exits 1 when a warning or error is found, and names the file of a malformed one', async () => {
    healthyHome();
    const bad = home.write(
      '.mcp-auth/mcp-remote-v1/0123456789abcdef0123456789abcdef_tokens.json',
      '{"access_token": ',
    );
    const { code, stdout } = await cli(['scan', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    const malformed = report.findings.find((f) => f.code === 'malformed-file')!;
    expect(malformed.path).toBe(bad);
    expect(malformed.message).toContain(bad);
    // The good credential is still there: the scan went on.
    expect(report.clients.find((c) => c.id === 'mcp-remote')!.credentials.length).toBeGreaterThanOrEqual(1);
  });

  it('--client limits the report to the named clients (repeatable)', async () => {
    healthyHome();
    const { stdout } = await cli(['scan', '--client', 'mcp-remote', '--client=codex', '--json']);
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.clients.map((c) => c.id)).toEqual(['mcp-remote', 'codex']);
    // Claude Desktop's config is still read to link the cache, but not reported.
    expect(report.clients[0]!.credentials[0]!.serverName).toBe('atlas');
    expect(report.findings.every((f) => f.client === 'mcp-remote' || f.client === 'codex')).toBe(true);
  });

  it('rejects an unknown client or argument with exit 2', async () => {
    healthyHome();
    const unknown = await cli(['scan', '--client', 'notepad']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown client 'notepad'");
    expect((await cli(['scan', '--bogus'])).code).toBe(2);
    expect((await cli(['scan', '--client'])).code).toBe(2);
  });

  it('lets a failure of the scan itself reach the CLI, which exits 2', async () => {
    healthyHome();
    const failing = createScanCommand({
      scan: () => Promise.reject(new Error('disk on fire')),
      processes: () => undefined,
    });
    const io = { stdout: () => {}, stderr: () => {}, isTty: false };
    await expect(
      failing.run({ args: [], ctx: home.ctx, io, json: true, dataDir: home.home }),
    ).rejects.toThrow('disk on fire');
  });

  it('human output: per client paths, servers, credentials with fingerprints, findings with fixes, a summary', async () => {
    healthyHome();
    home.write('.mcp-auth/mcp-remote-v1/0123456789abcdef0123456789abcdef_tokens.json', 'not json');
    const { stdout, code } = await cli(['scan']);
    expect(code).toBe(1);
    expect(stdout).toContain('mcp-remote (mcp-remote)');
    expect(stdout).toContain('Claude Desktop (claude-desktop)');
    expect(stdout).toMatch(/atlas +mcp-remote +https:\/\/mcp\.example\.com:8443\/mcp/);
    expect(stdout).toMatch(/fingerprint: sha256:[0-9a-f]{12}/);
    expect(stdout).toContain('[error] malformed-file');
    expect(stdout).toContain('Fix:');
    expect(stdout).toMatch(/client\(s\) found, \d+ server\(s\), \d+ credential\(s\); 1 error\(s\)/);
    expect(stdout).not.toContain('\u001b[');
    assertNoCanary(stdout);
  });

  it('colours only on a terminal without NO_COLOR', async () => {
    healthyHome();
    expect((await cli(['scan'], { tty: true })).stdout).toContain('\u001b[');
    expect((await cli(['scan'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('uses the process port it is given for running clients', async () => {
    healthyHome();
    const cmd = createScanCommand({
      scan,
      processes: () => ({
        list: () => Promise.resolve([{ pid: 7, name: 'claude-desktop' }]),
        isAlive: () => true,
      }),
    });
    let out = '';
    await cmd.run({
      args: [],
      ctx: home.ctx,
      io: { stdout: (t) => (out += t), stderr: () => {}, isTty: false },
      json: true,
      dataDir: home.home,
    });
    const report = JSON.parse(out) as ScanReport;
    expect(report.clients.find((c) => c.id === 'claude-desktop')!.running).toBe(true);
    expect(report.clients.find((c) => c.id === 'codex')!.running).toBe(false);
    expect(report.findings.some((f) => f.code === 'client-running' && f.client === 'claude-desktop')).toBe(
      true,
    );
  });
});

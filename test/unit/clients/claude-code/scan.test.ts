import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ScanResult } from '../../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary } from '../../../helpers/canary';
import { writeClaudeConfig, writeClaudeCredentials } from '../../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const NOW = new Date('2026-11-26T12:00:00Z');
const code = (r: ScanResult) => r.report.clients.find((c) => c.id === 'claude-code')!;
const of = (r: ScanResult, c: string) =>
  r.report.findings.filter((f) => f.code === c && f.client === 'claude-code');

describe('Claude Code', () => {
  it('lists user and project servers, and each mcpOAuth entry as one credential of the shared file', async () => {
    home = makeFakeHome({ now: NOW });
    const cfg = writeClaudeConfig(
      home,
      { atlas: { type: 'http', url: 'https://mcp.eu.example.com/mcp' } },
      {
        '/work/app': {
          jira: { type: 'sse', url: 'https://jira.example.com/sse' },
          local: { command: 'node', args: ['x'] },
        },
      },
    );
    const { file, login } = writeClaudeCredentials(home, [
      { name: 'atlas', url: 'https://mcp.eu.example.com/mcp', refresh: true },
      { name: 'jira', url: 'https://jira.example.com/sse', refresh: true },
    ]);
    const r = await scan(home.ctx);
    const c = code(r);
    expect(c.servers.map((s) => [s.name, s.transport, s.source])).toEqual([
      ['atlas', 'http', cfg],
      ['jira', 'sse', cfg],
      ['local', 'stdio', cfg],
    ]);
    expect(c.credentials).toHaveLength(2);
    for (const cred of c.credentials) {
      expect(cred.entry).toMatch(/^\/mcpOAuth\/(atlas|jira)\|[0-9a-f]{16}$/);
      expect(cred.files.map((f) => f.path)).toEqual([file]);
      const scanned = r.credentials.get(cred.id)!;
      expect(scanned.ownFiles).toEqual([]);
      expect(scanned.sharedEntry).toMatchObject({ pointer: cred.entry, format: 'json' });
      expect(scanned.sharedEntry!.file.path).toBe(file);
    }
    expect(of(r, 'orphaned-credential')).toEqual([]);
    // Claude's own login is never listed and never shown.
    expect(c.credentials.every((cred) => cred.entry!.startsWith('/mcpOAuth/'))).toBe(true);
    assertNoCanary(JSON.stringify(r.report));
    expect(JSON.stringify(r.report)).not.toContain(login);
  });

  it('an entry for the old domain is orphaned; an expired token without refresh is flagged with the offline_access fix', async () => {
    home = makeFakeHome({ now: NOW });
    writeClaudeConfig(home, { atlas: { type: 'http', url: 'https://mcp.eu.example.com/mcp' } });
    writeClaudeCredentials(home, [
      { name: 'atlas', url: 'https://mcp.us.example.com/mcp', refresh: true },
      { name: 'atlas2', url: 'https://mcp.eu.example.com/mcp', expiresAtMs: NOW.getTime() - 3600_000 },
    ]);
    const r = await scan(home.ctx);
    const orphan = of(r, 'orphaned-credential');
    expect(orphan).toHaveLength(1);
    expect(orphan[0]!.message).toContain('https://mcp.us.example.com/mcp');
    // Project-scoped servers (.mcp.json) are not read: the fix must not claim nothing uses it.
    expect(orphan[0]!.fix).toContain('.mcp.json');
    expect(orphan[0]!.fix).not.toMatch(/^Nothing uses it/);
    const expired = of(r, 'expired-token');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.fix).toContain('offline_access');
    expect(of(r, 'no-refresh-token')).toEqual([]);
  });

  it('CLAUDE_CONFIG_DIR moves both the config and the credentials', async () => {
    home = makeFakeHome();
    const dir = home.p('alt-claude');
    home.ctx = { ...home.ctx, env: { ...home.ctx.env, CLAUDE_CONFIG_DIR: dir } };
    writeClaudeConfig(
      home,
      { atlas: { type: 'http', url: 'https://a.example.com/mcp' } },
      {},
      'alt-claude/.claude.json',
    );
    writeClaudeCredentials(
      home,
      [{ name: 'atlas', url: 'https://a.example.com/mcp' }],
      'alt-claude/.credentials.json',
    );
    writeClaudeCredentials(home, [{ name: 'ignored', url: 'https://x.example.com/mcp' }]);
    const r = await scan(home.ctx);
    expect(code(r).credentials.map((c) => path.dirname(c.files[0]!.path))).toEqual([dir]);
    expect(code(r).credentials[0]!.serverName).toBe('atlas');
  });

  it('macOS: says the sign-ins are in the Keychain item "Claude Code-credentials"', async () => {
    home = makeFakeHome({ platform: 'darwin' });
    writeClaudeConfig(home, { atlas: { type: 'http', url: 'https://a.example.com/mcp' } });
    const r = await scan(home.ctx);
    const kc = of(r, 'secrets-in-keychain');
    expect(kc).toHaveLength(1);
    expect(kc[0]!.message).toContain('Claude Code-credentials');
    expect(kc[0]!.severity).toBe('info');
  });

  it('Windows: %USERPROFILE%\\.claude.json and .claude\\.credentials.json', async () => {
    home = makeFakeHome({ platform: 'win32' });
    writeClaudeConfig(home, { atlas: { type: 'http', url: 'https://a.example.com/mcp' } });
    writeClaudeCredentials(home, [{ name: 'atlas', url: 'https://a.example.com/mcp' }]);
    const r = await scan(home.ctx);
    expect(code(r).credentials).toHaveLength(1);
    expect(of(r, 'secrets-in-keychain')).toEqual([]);
  });

  it("a credentials file with only Claude's login lists nothing; a broken one is named", async () => {
    home = makeFakeHome();
    writeClaudeCredentials(home, []);
    expect(code(await scan(home.ctx)).credentials).toEqual([]);
    const bad = home.write('.claude/.credentials.json', '{"claudeAiOauth": {"accessToken": "x"');
    const r = await scan(home.ctx);
    expect(of(r, 'malformed-file')[0]!.path).toBe(bad);
    expect(of(r, 'malformed-file')[0]!.message).not.toContain('"x"');
  });
});

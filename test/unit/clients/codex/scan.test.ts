import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ScanResult } from '../../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { codexKey, writeCodexConfig, writeCodexCredentials } from '../../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const codex = (r: ScanResult) => r.report.clients.find((c) => c.id === 'codex')!;
const of = (r: ScanResult, c: string) =>
  r.report.findings.filter((f) => f.code === c && f.client === 'codex');

describe('Codex CLI', () => {
  it('reads mcp_servers from config.toml and each .credentials.json entry as one credential', async () => {
    home = makeFakeHome();
    const cfg = writeCodexConfig(home, { atlas: 'https://a.example.com/mcp', tools: 'uvx' });
    const file = writeCodexCredentials(home, [{ name: 'atlas', url: 'https://a.example.com/mcp' }]);
    const r = await scan(home.ctx);
    const c = codex(r);
    expect(c.servers).toEqual([
      { name: 'atlas', url: 'https://a.example.com/mcp', transport: 'http', source: cfg },
      { name: 'tools', url: null, transport: 'stdio', source: cfg },
    ]);
    const cred = c.credentials[0]!;
    expect(cred).toMatchObject({
      serverName: 'atlas',
      serverUrl: 'https://a.example.com/mcp',
      issuer: 'https://a.example.com/',
      oauthClientId: 'codex-atlas',
      hasRefreshToken: false,
      entry: `/${codexKey('atlas', 'https://a.example.com/mcp')}`,
    });
    expect(r.credentials.get(cred.id)!.sharedEntry!.file.path).toBe(file);
    expect(of(r, 'no-refresh-token')).toHaveLength(1);
    expect(c.notes.join(' ')).toContain('Codex MCP Credentials');
    assertNoCanary(JSON.stringify(r.report));
  });

  it('with the file store configured there is no keyring note', async () => {
    home = makeFakeHome();
    writeCodexConfig(
      home,
      { atlas: 'https://a.example.com/mcp' },
      '.codex',
      'mcp_oauth_credentials_store = "file"\n',
    );
    expect(codex(await scan(home.ctx)).notes.join(' ')).not.toContain('keyring');
  });

  it('CODEX_HOME replaces ~/.codex; an entry whose server left the config is orphaned', async () => {
    home = makeFakeHome();
    home.ctx = { ...home.ctx, env: { ...home.ctx.env, CODEX_HOME: home.p('cx') } };
    writeCodexConfig(home, { atlas: 'https://new.example.com/mcp' }, 'cx');
    writeCodexCredentials(home, [{ name: 'atlas', url: 'https://old.example.com/mcp' }], 'cx');
    const r = await scan(home.ctx);
    expect(codex(r).credentials).toHaveLength(1);
    expect(of(r, 'orphaned-credential')[0]!.message).toContain('https://old.example.com/mcp');
  });

  it('invalid TOML is reported by line and column, never by quoting the line', async () => {
    home = makeFakeHome();
    const secret = canary('toml-secret');
    const cfg = home.write(
      '.codex/config.toml',
      `[mcp_servers.atlas]\nurl = "https://a.example.com/mcp"\nenv = { TOKEN = "${secret}\n`,
    );
    const r = await scan(home.ctx);
    const bad = of(r, 'malformed-file')[0]!;
    expect(bad.path).toBe(cfg);
    expect(bad.message).toMatch(/not valid TOML at line \d+, column \d+/);
    assertNoCanary(JSON.stringify(r.report));
  });
});

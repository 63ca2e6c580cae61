import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ScanResult } from '../../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary, canary } from '../../../helpers/canary';
import { hex64, writeCopilotOAuth } from '../../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const URL_EU = 'https://mcp.eu.example.com/mcp';
const copilot = (r: ScanResult) => r.report.clients.find((c) => c.id === 'copilot-cli')!;
const codes = (r: ScanResult) =>
  r.report.findings.filter((f) => f.client === 'copilot-cli').map((f) => f.code);

function config(h: FakeHome, servers: Record<string, object>, base = '.copilot'): string {
  return h.write(`${base}/mcp-config.json`, { mcpServers: servers });
}

describe('GitHub Copilot CLI', () => {
  it('groups <H>.json, .tokens.json, .verifier and .secret by <H>; the server comes from serverUrl inside', async () => {
    home = makeFakeHome();
    config(home, {
      atlas: { type: 'http', url: URL_EU, headers: { 'X-Team': 'a' } },
      local: { type: 'local', command: 'node', args: ['s.js'] },
    });
    const files = writeCopilotOAuth(home, {
      hash: hex64('whatever'),
      serverUrl: URL_EU,
      refresh: true,
      verifier: true,
      secret: true,
      expiresAtS: 1795676400,
    });
    const r = await scan(home.ctx);
    const c = copilot(r);
    expect(c.installed).toBe(true);
    expect(c.servers.map((s) => [s.name, s.transport, s.url])).toEqual([
      ['atlas', 'http', URL_EU],
      ['local', 'stdio', null],
    ]);
    expect(c.credentials).toHaveLength(1);
    const cred = c.credentials[0]!;
    expect(cred).toMatchObject({
      serverUrl: URL_EU,
      serverName: 'atlas',
      issuer: 'https://mcp.eu.example.com',
      registration: 'dcr',
      hasAccessToken: true,
      hasRefreshToken: true,
      // expiresAt is in epoch seconds in this store.
      expiresAt: new Date(1795676400 * 1000).toISOString(),
    });
    expect(cred.files.map((f) => f.path).sort()).toEqual(files.sort());
    expect(codes(r)).not.toContain('orphaned-credential');
    assertNoCanary(JSON.stringify(r.report));
  });

  it('flags a registration from the old environment next to one from the new, naming both issuers', async () => {
    home = makeFakeHome();
    config(home, { atlas: { type: 'http', url: URL_EU } });
    writeCopilotOAuth(home, {
      hash: hex64('us'),
      serverUrl: URL_EU,
      issuer: 'https://auth.us.example.com',
      issuedAt: 1790000000,
    });
    writeCopilotOAuth(home, {
      hash: hex64('eu'),
      serverUrl: URL_EU,
      issuer: 'https://auth.eu.example.com',
      issuedAt: 1795600000,
    });
    const r = await scan(home.ctx);
    const dup = r.report.findings.filter((f) => f.code === 'duplicate-credential');
    expect(dup).toHaveLength(1);
    const older = copilot(r).credentials.find((c) => c.issuer === 'https://auth.us.example.com')!;
    expect(dup[0]!.credential).toBe(older.id);
    expect(dup[0]!.message).toContain('https://auth.us.example.com');
    expect(dup[0]!.message).toContain('https://auth.eu.example.com');
  });

  it('a registration for a server the config no longer has is orphaned; a static client is "static"', async () => {
    home = makeFakeHome();
    config(home, { atlas: { type: 'http', url: URL_EU } });
    writeCopilotOAuth(home, {
      hash: hex64('old'),
      serverUrl: 'https://mcp.us.example.com/mcp',
      isStatic: true,
      tokens: false,
    });
    const r = await scan(home.ctx);
    const cred = copilot(r).credentials[0]!;
    expect(cred.registration).toBe('static');
    expect(cred.hasAccessToken).toBe(false);
    const orphan = r.report.findings.find((f) => f.code === 'orphaned-credential')!;
    expect(orphan.credential).toBe(cred.id);
    expect(orphan.message).toContain('https://mcp.us.example.com/mcp');
  });

  it('COPILOT_HOME replaces ~/.copilot', async () => {
    home = makeFakeHome();
    const custom = home.p('cfg/copilot');
    home.ctx = { ...home.ctx, env: { ...home.ctx.env, COPILOT_HOME: custom } };
    config(home, { atlas: { type: 'http', url: URL_EU } }, 'cfg/copilot');
    writeCopilotOAuth(home, { base: 'cfg/copilot', hash: hex64('x'), serverUrl: URL_EU });
    writeCopilotOAuth(home, { hash: hex64('ignored'), serverUrl: URL_EU });
    const r = await scan(home.ctx);
    expect(copilot(r).credentials.map((c) => c.files[0]!.path.startsWith(custom))).toEqual([true]);
  });

  it('the legacy $XDG_CONFIG_HOME/.copilot left as symlinks is not read twice; a link out of the roots is reported, not followed', async () => {
    home = makeFakeHome();
    config(home, { atlas: { type: 'http', url: URL_EU } });
    writeCopilotOAuth(home, { hash: hex64('x'), serverUrl: URL_EU });
    home.symlink(home.p('.copilot/mcp-oauth-config'), '.config/.copilot/mcp-oauth-config');
    home.symlink(home.p('.copilot/mcp-config.json'), '.config/.copilot/mcp-config.json');
    const outside = fs.mkdtempSync('/tmp/mad-outside-');
    const secret = canary('outside');
    fs.writeFileSync(
      `${outside}/${hex64('y')}.json`,
      JSON.stringify({ serverUrl: URL_EU, clientSecret: secret }),
    );
    home.symlink(`${outside}/${hex64('y')}.json`, `.copilot/mcp-oauth-config/${hex64('y')}.json`);
    try {
      const r = await scan(home.ctx);
      expect(copilot(r).credentials).toHaveLength(1);
      expect(copilot(r).servers).toHaveLength(1);
      const link = r.report.findings.filter((f) => f.code === 'unreadable-path');
      expect(link).toHaveLength(1);
      expect(link[0]).toMatchObject({
        severity: 'info',
        path: home.p(`.copilot/mcp-oauth-config/${hex64('y')}.json`),
      });
      expect(link[0]!.message).toContain(outside);
      assertNoCanary(JSON.stringify(r.report));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a legacy $XDG_CONFIG_HOME/.copilot that is a link to ~/.copilot is neither read twice nor reported', async () => {
    home = makeFakeHome();
    config(home, { atlas: { type: 'http', url: URL_EU } });
    writeCopilotOAuth(home, { hash: hex64('x'), serverUrl: URL_EU });
    home.symlink(home.p('.copilot'), '.config/.copilot');
    const r = await scan(home.ctx);
    expect(copilot(r).credentials).toHaveLength(1);
    expect(r.report.findings.filter((f) => f.code === 'unreadable-path')).toEqual([]);
    expect(copilot(r).paths.find((p) => p.path === home.p('.config/.copilot'))?.exists).toBe(true);
  });

  it('says where tokens are on macOS and Windows (the keychain), and nothing of the kind on Linux', async () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      home = makeFakeHome({ platform });
      config(home, { atlas: { type: 'http', url: URL_EU } });
      const r = await scan(home.ctx);
      const kc = r.report.findings.filter(
        (f) => f.code === 'secrets-in-keychain' && f.client === 'copilot-cli',
      );
      expect(kc.length, platform).toBe(platform === 'linux' ? 0 : 1);
      if (platform !== 'linux') expect(kc[0]!.message).toContain('copilot-mcp-oauth');
      home.cleanup();
    }
  });

  it('malformed registration and token files are named, and the rest of the folder still scans', async () => {
    home = makeFakeHome();
    const h = hex64('bad');
    const bad = home.write(
      `.copilot/mcp-oauth-config/${h}.tokens.json`,
      `{"accessToken": "${canary('tok')}",`,
    );
    writeCopilotOAuth(home, { hash: hex64('good'), serverUrl: URL_EU });
    const r = await scan(home.ctx);
    const malformed = r.report.findings.find((f) => f.code === 'malformed-file')!;
    expect(malformed.path).toBe(bad);
    expect(copilot(r).credentials.some((c) => c.serverUrl === URL_EU)).toBe(true);
    assertNoCanary(JSON.stringify(r.report));
  });
});

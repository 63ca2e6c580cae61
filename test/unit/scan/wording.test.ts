/** Finding and note texts say what is actually known, in plain words and one unit. */
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { sameServerKey } from '../../../src/scan/url';
import type { ScanResult } from '../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import {
  bridged,
  md5,
  writeClaudeDesktopConfig,
  writeCodexConfig,
  writeCodexCredentials,
  writeMcpRemoteCache,
} from './builders';

const NOW = new Date('2026-11-26T12:00:00Z');
let home: FakeHome;
afterEach(() => home?.cleanup());
const of = (r: ScanResult, code: string) => r.report.findings.filter((f) => f.code === code);
const notes = (r: ScanResult, id: string) => r.report.clients.find((c) => c.id === id)!.notes.join('\n');

describe('wording', () => {
  it('one URL server in Claude Desktop: "a custom connector", singular; custom port names the real cause', async () => {
    home = makeFakeHome({ now: NOW, platform: 'darwin' });
    writeClaudeDesktopConfig(home, { direct: { type: 'http', url: 'https://mcp.example.com:8443/mcp' } });
    const r = await scan(home.ctx);
    expect(notes(r, 'claude-desktop')).toContain('Add it as a custom connector');
    expect(notes(r, 'claude-desktop')).not.toContain('custom connectors (');
    const [port] = of(r, 'custom-port');
    expect(port!.message).toContain('does not connect remote servers listed in that file');
    expect(port!.message).not.toContain('so this connection fails');
  });

  it('an expired mcp-remote token says to sign in from the app that runs it', async () => {
    home = makeFakeHome({ now: NOW });
    const url = 'https://mcp.example.com/mcp';
    writeClaudeDesktopConfig(home, { atlas: bridged(url) });
    writeMcpRemoteCache(home, { url, expiresAtMs: NOW.getTime() - 60_000 });
    const [expired] = of(await scan(home.ctx), 'expired-token');
    expect(expired!.fix).toContain('Sign in again from Claude Desktop');
    expect(expired!.fix).not.toContain('from mcp-remote');
  });

  it('a cache group of only a broken file or only a debug.log is not "a sign-in" left over', async () => {
    home = makeFakeHome({ now: NOW });
    writeClaudeDesktopConfig(home, {});
    home.write(`.mcp-auth/mcp-remote-v1/${md5('e')}_tokens.json`, '');
    home.write(`.mcp-auth/mcp-remote-v1/${md5('m')}_client_info.json`, '{"client_id": ');
    home.write(`.mcp-auth/mcp-remote-v1/${md5('d')}_debug.log`, 'started\n');
    writeMcpRemoteCache(home, { url: 'https://gone.example.com/mcp' });
    const r = await scan(home.ctx);
    expect(of(r, 'malformed-file')).toHaveLength(2);
    const orphans = of(r, 'orphaned-credential');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.message).toContain('still holds a sign-in');
    const orphanFiles = r.credentials.get(orphans[0]!.credential!)!.ownFiles.map((f) => f.path);
    expect(orphanFiles.some((p) => p.includes(md5('https://gone.example.com/mcp')))).toBe(true);
  });

  it('Codex: an unset store key is not called "auto"; entries in the file store are not denied', async () => {
    home = makeFakeHome({ now: NOW });
    writeCodexConfig(home, { atlas: 'https://mcp.example.com/mcp' });
    writeCodexCredentials(home, [{ name: 'atlas', url: 'https://mcp.example.com/mcp' }]);
    const r = await scan(home.ctx);
    const text = notes(r, 'codex');
    expect(text).toContain('does not set mcp_oauth_credentials_store');
    expect(text).not.toContain('= "auto"');
    expect(text).toContain('any in .credentials.json are listed here');
    expect(r.report.clients.find((c) => c.id === 'codex')!.credentials).toHaveLength(1);

    home.cleanup();
    home = makeFakeHome({ now: NOW });
    writeCodexConfig(
      home,
      { atlas: 'https://mcp.example.com/mcp' },
      '.codex',
      'mcp_oauth_credentials_store = "keyring"\n',
    );
    expect(notes(await scan(home.ctx), 'codex')).toContain('sets mcp_oauth_credentials_store = "keyring"');
  });

  it('a self-referencing link is called a link loop', async () => {
    home = makeFakeHome({ now: NOW });
    const name = `.mcp-auth/mcp-remote-v1/${md5('loop')}_tokens.json`;
    home.symlink(home.p(name), name);
    home.symlink(home.p('nowhere'), `.mcp-auth/mcp-remote-v1/${md5('dangling')}_tokens.json`);
    const r = await scan(home.ctx);
    const loop = of(r, 'unreadable-path').find((f) => f.path === home.p(name))!;
    expect(loop.message).toContain('link loop');
    expect(loop.message).not.toContain('does not exist');
    const dangling = of(r, 'unreadable-path').find((f) => f.path !== home.p(name))!;
    expect(dangling.message).toContain('does not exist');
  });

  it('server keys: scheme and host are case-insensitive, path and query are not', () => {
    expect(sameServerKey('HTTPS://MCP.Example.com:443/mcp/')).toBe(
      sameServerKey('https://mcp.example.com/mcp'),
    );
    expect(sameServerKey('https://mcp.example.com/MCP')).not.toBe(
      sameServerKey('https://mcp.example.com/mcp'),
    );
    expect(sameServerKey('https://mcp.example.com/mcp?T=A')).not.toBe(
      sameServerKey('https://mcp.example.com/mcp?t=a'),
    );
  });
});

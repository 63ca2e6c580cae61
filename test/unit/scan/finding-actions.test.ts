/**
 * Every finding carries the resets that address it, most targeted first: a stale lock or an
 * abandoned sign-in's files alone, a sign-in, everything for its server. Files actions name only
 * files of the credential they belong to; a config file the user edits never gets one.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import type { Finding, FindingCode } from '../../../src/model/scan';
import type { ScanResult } from '../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import {
  bridged,
  hex64,
  md5,
  writeClaudeConfig,
  writeClaudeCredentials,
  writeClaudeDesktopConfig,
  writeCopilotOAuth,
  writeMcpRemoteCache,
} from './builders';

const NOW = new Date('2026-11-26T12:00:00Z');
let home: FakeHome;
afterEach(() => home?.cleanup());

const of = (r: ScanResult, code: FindingCode): Finding[] => r.report.findings.filter((f) => f.code === code);

/** Every files action names existing files of its own credential; every credential target exists. */
function assertActionsPointAtRealFiles(r: ScanResult): void {
  for (const f of r.report.findings) {
    expect(Array.isArray(f.actions), `${f.code} has actions`).toBe(true);
    for (const a of f.actions ?? []) {
      expect(a.label.length).toBeGreaterThan(5);
      const t = a.target;
      if (t.kind === 'files') {
        expect(t.credential).toBe(f.credential ?? t.credential);
        const owner = r.credentials.get(t.credential);
        expect(owner, `credential ${t.credential} of ${f.code}`).toBeDefined();
        const own = owner!.ownFiles.map((x) => x.path);
        expect(t.paths.length).toBeGreaterThan(0);
        for (const p of t.paths) {
          expect(own).toContain(p);
          expect(fs.existsSync(p)).toBe(true);
        }
      } else if (t.kind === 'credential') {
        for (const id of t.ids) expect(r.credentials.has(id)).toBe(true);
      }
    }
  }
}

describe('finding actions', () => {
  it('stale lock → only the lock file; abandoned sign-in → its verifier and discovery state', async () => {
    home = makeFakeHome({ now: NOW });
    const url = 'https://mcp.example.com/mcp';
    writeClaudeDesktopConfig(home, { atlas: bridged(url), old: bridged('https://old.example.com/mcp') });
    const locked = writeMcpRemoteCache(home, {
      url,
      refresh: true,
      lock: { pid: 1, port: 3334, timestamp: NOW.getTime() - 2 * 3600_000 },
    });
    const flow = writeMcpRemoteCache(home, {
      url: 'https://old.example.com/mcp',
      tokens: false,
      verifier: true,
      mtime: new Date(NOW.getTime() - 3600_000),
    });
    const r = await scan(home.ctx);
    assertActionsPointAtRealFiles(r);

    const [lock] = of(r, 'stale-lock');
    expect(lock!.actions).toEqual([
      {
        label: 'Remove the stale lock file',
        target: {
          kind: 'files',
          credential: lock!.credential,
          paths: [locked.files.find((f) => f.endsWith('_lock.json'))],
        },
      },
    ]);
    // Plain units, one unit per sentence.
    expect(lock!.message).toContain('2 hours ago');
    expect(lock!.message).toContain('30 minutes');
    expect(lock!.message).not.toMatch(/\(\d+ s\)|minute\(s\)/);

    const [left] = of(r, 'leftover-flow-state');
    const first = left!.actions![0]!;
    expect(first.label).toBe("Remove the abandoned sign-in's files");
    expect(first.target.kind).toBe('files');
    const flowPaths = flow.files.filter((f) => /_code_verifier_|_discovery_state_/.test(f)).sort();
    expect(first.target.kind === 'files' && [...first.target.paths].sort()).toEqual(flowPaths);
    // The client info of that sign-in is not part of the targeted action.
    expect(JSON.stringify(first)).not.toContain('_client_info.json');
    expect(left!.actions![1]!.target).toEqual({ kind: 'credential', ids: [left!.credential] });
  });

  it('expired and orphaned → this sign-in, then the whole server; duplicate → the older one only', async () => {
    home = makeFakeHome({ now: NOW });
    const eu = 'https://mcp.eu.example.com/mcp';
    const us = 'https://mcp.us.example.com/mcp';
    writeClaudeConfig(home, { atlas: { type: 'http', url: eu } });
    writeClaudeCredentials(home, [
      { name: 'atlas', url: eu, expiresAtMs: NOW.getTime() - 3600_000 },
      { name: 'old', url: us, refresh: true },
    ]);
    home.write('.copilot/mcp-config.json', { mcpServers: { atlas: { type: 'http', url: eu } } });
    writeCopilotOAuth(home, { hash: hex64('old'), serverUrl: eu, issuedAt: 1790000000 });
    writeCopilotOAuth(home, { hash: hex64('new'), serverUrl: eu, refresh: true });
    const r = await scan(home.ctx);
    assertActionsPointAtRealFiles(r);

    const [expired] = of(r, 'expired-token');
    expect(expired!.actions!.map((a) => a.target)).toEqual([
      { kind: 'credential', ids: [expired!.credential] },
      { kind: 'server', urls: [eu] },
    ]);
    expect(expired!.actions!.map((a) => a.label)).toEqual([
      'Reset this sign-in',
      'Reset everything for this server',
    ]);
    const orphan = of(r, 'orphaned-credential').find((f) => f.client === 'claude-code')!;
    expect(orphan.actions!.map((a) => a.target)).toEqual([
      { kind: 'credential', ids: [orphan.credential] },
      { kind: 'server', urls: [us] },
    ]);
    const [dup] = of(r, 'duplicate-credential');
    const older = r.report.clients
      .find((c) => c.id === 'copilot-cli')!
      .credentials.find((c) => c.files.some((f) => f.path.includes(hex64('old'))))!;
    expect(dup!.credential).toBe(older.id);
    expect(dup!.actions).toEqual([
      { label: 'Reset this sign-in', target: { kind: 'credential', ids: [older.id] } },
    ]);
  });

  it('an orphaned cache whose server is unknown gets no server action', async () => {
    home = makeFakeHome({ now: NOW });
    writeClaudeDesktopConfig(home, {});
    writeMcpRemoteCache(home, { url: 'https://gone.example.com/mcp' });
    const r = await scan(home.ctx);
    const [orphan] = of(r, 'orphaned-credential');
    expect(orphan!.actions!.map((a) => a.target.kind)).toEqual(['credential']);
  });

  it('a broken cache file gets a files action; a broken config file and advice-only findings get none', async () => {
    home = makeFakeHome({ now: NOW, platform: 'darwin' });
    const url = 'https://mcp.example.com:8443/mcp';
    const broken = home.write(`.mcp-auth/mcp-remote-v1/${md5(url)}_tokens.json`, '{"access_token": ');
    home.write(`.mcp-auth/mcp-remote-v1/${md5(url)}_client_info.json`, { client_id: 'c1' });
    const config = home.write('.claude.json', '{"mcpServers": {');
    writeClaudeDesktopConfig(home, { internal: bridged(url), direct: { type: 'http', url } });
    writeCopilotOAuth(home, { hash: hex64('x'), serverUrl: 'https://mcp.example.com/mcp' });
    const r = await scan(home.ctx);
    assertActionsPointAtRealFiles(r);
    const cacheFinding = of(r, 'malformed-file').find((f) => f.path === broken)!;
    const owner = r.report.clients
      .find((c) => c.id === 'mcp-remote')!
      .credentials.find((c) => c.files.some((f) => f.path === broken))!;
    expect(cacheFinding.actions).toEqual([
      {
        label: 'Remove the unreadable file',
        target: { kind: 'files', credential: owner.id, paths: [broken] },
      },
    ]);
    expect(of(r, 'malformed-file').find((f) => f.path === config)!.actions).toEqual([]);
    for (const code of ['custom-port', 'secrets-in-keychain'] as const) {
      expect(of(r, code).length, code).toBeGreaterThan(0);
      for (const f of of(r, code)) expect(f.actions).toEqual([]);
    }
  });
});

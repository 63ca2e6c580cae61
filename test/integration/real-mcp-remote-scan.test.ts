/**
 * The real mcp-remote (npm) against a real SDK OAuth server on loopback, HOME in a temp dir: the
 * files it writes are what the scanner must understand.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index';
import type { ScanReport } from '../../src/model/scan';
import { startOAuthTestServer, type OAuthTestServer } from '../helpers/mcp-oauth-server';
import { McpRemoteFailure, isolatedEnv, runMcpRemoteOnce } from '../helpers/mcp-remote-client';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'out', 'cli', 'mcp-auth-doctor.cjs');

let server: OAuthTestServer;
let home: string;

beforeEach(async () => {
  server = await startOAuthTestServer();
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-real-mcpr-')));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const ctx = () => ({ home, env: { HOME: home }, platform: 'linux' as const, now: () => new Date() });
const cacheFiles = (): string[] => fs.readdirSync(path.join(home, '.mcp-auth', 'mcp-remote-v1')).sort();

function writeHostConfig(url: string): void {
  const dir = path.join(home, '.config', 'Claude');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'claude_desktop_config.json'),
    JSON.stringify({ mcpServers: { atlas: { command: 'npx', args: ['-y', 'mcp-remote', url] } } }, null, 2),
  );
}

describe('real mcp-remote', () => {
  it('signs in, reuses the cache, and fails after the authorization server forgets the client', async () => {
    const first = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(first.signIn?.status).toBe(200);
    expect(server.registeredClientIds()).toEqual([first.signIn!.clientId]);
    expect(cacheFiles().map((f) => f.replace(/^[0-9a-f]{32}_/, ''))).toEqual([
      'client_info.json',
      'tokens.json',
    ]);

    const second = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(second.signIn).toBeNull();

    await server.restartAuthServer();
    const failure = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(McpRemoteFailure);
    expect((failure as McpRemoteFailure).signIn?.status).toBe(400);
    expect((failure as McpRemoteFailure).signIn?.clientId).toBe(first.signIn!.clientId);

    // With the stale cache gone, it registers a new client and connects again.
    fs.rmSync(path.join(home, '.mcp-auth'), { recursive: true });
    const fresh = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    expect(fresh.signIn?.status).toBe(200);
    expect(fresh.signIn?.clientId).not.toBe(first.signIn!.clientId);
    expect(server.registeredClientIds()).toEqual([fresh.signIn!.clientId]);
  });

  it('scan reports the credential it wrote with the right server URL, issuer and client id', async () => {
    writeHostConfig(server.mcpUrl);
    const run = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    const clientId = run.signIn!.clientId;

    const result = await scan(ctx());
    const creds = result.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;
    expect(creds).toHaveLength(1);
    const cred = creds[0]!;
    expect(cred.serverUrl).toBe(server.mcpUrl);
    expect(cred.serverName).toBe('atlas');
    expect(cred.issuer).toBe(server.issuer);
    expect(cred.oauthClientId).toBe(clientId);
    expect(cred.registration).toBe('dcr');
    expect(cred.hasAccessToken).toBe(true);
    expect(cred.hasRefreshToken).toBe(false);
    expect(Date.parse(cred.expiresAt!)).toBeGreaterThan(Date.now());
    expect(cred.files.map((f) => path.basename(f.path).slice(33)).sort()).toEqual([
      'client_info.json',
      'tokens.json',
    ]);
    expect(result.report.findings.filter((f) => f.code === 'orphaned-credential')).toEqual([]);
    expect(result.report.findings.map((f) => f.code)).toContain('no-refresh-token');

    // The real token never appears in any output of the built CLI, human or JSON.
    const tokens = JSON.parse(
      fs.readFileSync(
        path.join(
          home,
          '.mcp-auth',
          'mcp-remote-v1',
          cacheFiles().find((f) => f.endsWith('_tokens.json'))!,
        ),
        'utf8',
      ),
    ) as { access_token: string };
    for (const args of [['scan', '--json'], ['scan']]) {
      const out = spawnSync(process.execPath, [CLI, ...args], { env: isolatedEnv(home), encoding: 'utf8' });
      expect(out.status, out.stderr).toBe(0);
      expect(out.stdout + out.stderr).not.toContain(tokens.access_token);
      if (args.includes('--json')) {
        const report = JSON.parse(out.stdout) as ScanReport;
        const viaCli = report.clients.find((c) => c.id === 'mcp-remote')!.credentials[0]!;
        expect(viaCli).toMatchObject({
          serverUrl: server.mcpUrl,
          issuer: server.issuer,
          oauthClientId: clientId,
          id: cred.id,
        });
      }
    }
  });

  it('scan sees the stale state left after the environment switch', async () => {
    writeHostConfig(server.mcpUrl);
    const first = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
    await server.restartAuthServer();
    await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home }).catch(() => undefined);

    // Judge the leftovers as they look eleven minutes later (mcp-remote abandons a flow after ten).
    const later = { ...ctx(), now: () => new Date(Date.now() + 11 * 60 * 1000) };
    const result = await scan(later);
    const cred = result.report.clients.find((c) => c.id === 'mcp-remote')!.credentials[0]!;
    // The old registration and the token the server no longer accepts are still cached...
    expect(cred.oauthClientId).toBe(first.signIn!.clientId);
    expect(cred.serverUrl).toBe(server.mcpUrl);
    // ...next to the verifier and discovery state of the sign-in that could not finish.
    const flow = result.report.findings.find((f) => f.code === 'leftover-flow-state');
    expect(flow?.credential).toBe(cred.id);
    expect(flow?.message).toMatch(/did not finish|never finished/);
  });
});

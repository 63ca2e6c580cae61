/**
 * The real Codex CLI signs in to a real SDK OAuth server on loopback with the file credential
 * store (CODEX_HOME in a temp dir); the scan must report that sign-in as Codex wrote it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/index';
import type { ScanReport } from '../../src/model/scan';
import { startOAuthTestServer, type OAuthTestServer } from '../helpers/mcp-oauth-server';
import { isolatedEnv } from '../helpers/mcp-remote-client';
import { codexMcpAdd, codexMcpLogin } from '../helpers/codex-client';

const CLI = path.resolve(__dirname, '..', '..', 'out', 'cli', 'mcp-auth-doctor.cjs');

let server: OAuthTestServer;
let home: string;

beforeEach(async () => {
  server = await startOAuthTestServer();
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-real-codex-')));
  fs.mkdirSync(path.join(home, '.codex'));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('real Codex CLI', () => {
  it(
    'codex mcp add + login write what scan reports: server URL, issuer, client id, one entry',
    { timeout: 90_000 },
    async () => {
      codexMcpAdd({ home, name: 'atlas', url: server.mcpUrl });
      const { signIn } = await codexMcpLogin({ home, name: 'atlas' });
      expect(signIn.status).toBe(200);
      expect(server.registeredClientIds()).toEqual([signIn.clientId]);

      const credentialsFile = path.join(home, '.codex', '.credentials.json');
      const stored = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<
        string,
        { access_token: string }
      >;
      const [key] = Object.keys(stored);

      const result = await scan(
        { home, env: { HOME: home }, platform: 'linux', now: () => new Date() },
        { clients: ['codex'] },
      );
      const codex = result.report.clients.find((c) => c.id === 'codex')!;
      expect(codex.servers).toEqual([
        {
          name: 'atlas',
          url: server.mcpUrl,
          transport: 'http',
          source: path.join(home, '.codex', 'config.toml'),
        },
      ]);
      expect(codex.credentials).toHaveLength(1);
      const cred = codex.credentials[0]!;
      expect(cred).toMatchObject({
        serverUrl: server.mcpUrl,
        serverName: 'atlas',
        issuer: server.issuer,
        oauthClientId: signIn.clientId,
        hasAccessToken: true,
        hasRefreshToken: false,
        entry: `/${key!.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      });
      expect(cred.files.map((f) => f.path)).toEqual([credentialsFile]);
      const scanned = result.credentials.get(cred.id)!;
      expect(scanned.ownFiles).toEqual([]);
      expect(scanned.sharedEntry?.file.path).toBe(credentialsFile);
      expect(scanned.sharedEntry?.format).toBe('json');
      expect(result.report.findings.filter((f) => f.code === 'orphaned-credential')).toEqual([]);

      // The built CLI, human and JSON: the token never shows.
      const token = stored[key!]!.access_token;
      for (const args of [
        ['scan', '--client', 'codex', '--json'],
        ['scan', '--client', 'codex'],
      ]) {
        const out = spawnSync(process.execPath, [CLI, ...args], { env: isolatedEnv(home), encoding: 'utf8' });
        expect(out.stdout + out.stderr).not.toContain(token);
        expect(out.status, out.stderr).toBe(0);
        if (args.includes('--json')) {
          expect((JSON.parse(out.stdout) as ScanReport).clients[0]!.credentials[0]!.id).toBe(cred.id);
        }
      }
    },
  );
});

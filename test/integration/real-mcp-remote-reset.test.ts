/**
 * The mission's acceptance test, with real parts: the real mcp-remote (npm) signs in to the SDK's
 * OAuth server on loopback, HOME in a temp dir. The authorization server restarts with empty state
 * (the "environment switch"); the next mcp-remote run fails on its stale cache. Then the built
 * `mcp-auth-doctor reset --server <url> --yes` runs, and the next mcp-remote run signs in again
 * with a new client id. Finally `undo` puts the old files back byte-for-byte. It runs twice: with
 * the server in a host config, and with none (the scan then cannot name the cache's URL).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ResetResult, UndoResult } from '../../src/model/reset';
import { startOAuthTestServer, type OAuthTestServer } from '../helpers/mcp-oauth-server';
import { McpRemoteFailure, isolatedEnv, runMcpRemoteOnce } from '../helpers/mcp-remote-client';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'out', 'cli', 'mcp-auth-doctor.cjs');

let server: OAuthTestServer;
let home: string;
let dataDir: string;

beforeAll(() => {
  // `npm test` builds the CLI first; a lone run of this file builds it here.
  if (!fs.existsSync(CLI)) {
    const built = spawnSync('npm', ['run', 'build:cli', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
  }
});
beforeEach(async () => {
  server = await startOAuthTestServer();
  home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-accept-home-')));
  dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-accept-data-')));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function doctor(args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: isolatedEnv(home, { MCP_AUTH_DOCTOR_DATA_DIR: dataDir }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheDir = (): string => path.join(home, '.mcp-auth', 'mcp-remote-v1');

/** Every file of the mcp-remote cache: name → exact bytes and mode. */
function cache(): Map<string, { bytes: Buffer; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mode: number }>();
  if (!fs.existsSync(cacheDir())) return out;
  for (const name of fs.readdirSync(cacheDir()).sort()) {
    const file = path.join(cacheDir(), name);
    out.set(name, { bytes: fs.readFileSync(file), mode: fs.statSync(file).mode & 0o777 });
  }
  return out;
}

/** The token and secret strings in the cache: none may appear in anything the CLI prints. */
function secretsIn(files: Map<string, { bytes: Buffer }>): string[] {
  const secrets: string[] = [];
  for (const { bytes } of files.values()) {
    try {
      const doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token', 'client_secret', 'id_token']) {
        if (typeof doc[key] === 'string') secrets.push(doc[key]);
      }
    } catch {
      secrets.push(bytes.toString('utf8').trim());
    }
  }
  return secrets.filter((s) => s.length >= 8);
}

function expectNoSecret(run: CliRun, secrets: string[]): void {
  for (const s of secrets) {
    expect(run.stdout.includes(s), 'a token reached stdout').toBe(false);
    expect(run.stderr.includes(s), 'a token reached stderr').toBe(false);
  }
}

describe('acceptance: environment switch → reset → new client id → undo', () => {
  // Without a host config the scan cannot name the cache's server (users who removed the server
  // from their config are exactly who need a reset): the reset finds it by mcp-remote's own hash.
  it.each([
    ['with the server in a host config', true],
    ['with no host config naming the server', false],
  ])(
    '%s: resets the stale mcp-remote state so the next run signs in again, and undo restores the old files',
    async (_, hostConfig) => {
      if (hostConfig) {
        // The host client that launches mcp-remote (so the scan knows which URL the cache belongs to).
        const configDir = path.join(home, '.config', 'Claude');
        fs.mkdirSync(configDir, { recursive: true });
        fs.writeFileSync(
          path.join(configDir, 'claude_desktop_config.json'),
          JSON.stringify(
            { mcpServers: { atlas: { command: 'npx', args: ['-y', 'mcp-remote', server.mcpUrl] } } },
            null,
            2,
          ),
        );
      }

      // 1. Sign in for real.
      const first = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
      expect(first.signIn?.status).toBe(200);
      const oldClientId = first.signIn!.clientId!;
      expect(server.registeredClientIds()).toEqual([oldClientId]);

      // 2. The environment switch: the authorization server forgets every client and token.
      await server.restartAuthServer();
      const stale = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(stale).toBeInstanceOf(McpRemoteFailure);
      expect((stale as McpRemoteFailure).signIn?.clientId).toBe(oldClientId);
      const beforeReset = cache();
      expect([...beforeReset.keys()].map((k) => k.replace(/^[0-9a-f]{32}_/, ''))).toEqual(
        expect.arrayContaining(['client_info.json']),
      );
      const secrets = secretsIn(beforeReset);
      const scanned = doctor(['scan', '--json']);
      const urls = (
        JSON.parse(scanned.stdout) as {
          clients: { id: string; credentials: { serverUrl: string | null }[] }[];
        }
      ).clients
        .filter((c) => c.id === 'mcp-remote')
        .flatMap((c) => c.credentials.map((cred) => cred.serverUrl));
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((u) => (hostConfig ? u === server.mcpUrl : u === null))).toBe(true);

      // 3. Preview, then the reset itself, by URL spelled the way a user might paste it.
      const url = server.mcpUrl.replace('http://localhost', 'HTTP://LOCALHOST') + '/';
      const preview = doctor(['reset', '--server', url, '--dry-run', '--json']);
      expect(preview.status).toBe(0);
      const planned = JSON.parse(preview.stdout) as ResetResult;
      expect(planned.items.length).toBeGreaterThan(0);
      expect(planned.items.every((i) => i.status === 'planned')).toBe(true);
      expect(cache()).toEqual(beforeReset);

      const refused = doctor(['reset', '--server', url]);
      expect(refused.status).toBe(2);
      expect(cache()).toEqual(beforeReset);

      const reset = doctor(['reset', '--server', url, '--yes', '--json']);
      expect(reset.status, reset.stderr).toBe(0);
      const result = JSON.parse(reset.stdout) as ResetResult;
      expect(result.schema).toBe('mcp-auth-doctor/reset@1');
      expect(result.items.every((i) => i.status === 'done')).toBe(true);
      expect(
        result.items
          .filter((i) => i.action === 'delete-file')
          .map((i) => path.basename(i.path))
          .sort(),
      ).toEqual([...beforeReset.keys()].sort());
      expect(result.backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
      expect(cache().size).toBe(0);
      expectNoSecret(preview, secrets);
      expectNoSecret(reset, secrets);

      // 4. The next run registers a new client and connects.
      const fresh = await runMcpRemoteOnce({ serverUrl: server.mcpUrl, home });
      expect(fresh.signIn?.status).toBe(200);
      const newClientId = fresh.signIn!.clientId!;
      expect(newClientId).not.toBe(oldClientId);
      expect(server.registeredClientIds()).toEqual([newClientId]);
      const afterSignIn = cache();

      // 5. Undo: mcp-remote has written new files under the same names, so a plain undo refuses
      //    them; --force keeps the new ones in a backup of their own and puts the old ones back.
      const plain = doctor(['undo', '--json']);
      expect(plain.status).toBe(1);
      const plainDoc = JSON.parse(plain.stdout) as UndoResult;
      // (the cache folder itself was recreated too: that one is simply "already there")
      const recreated = plainDoc.items.filter(
        (i) => i.status === 'skipped' && i.reason !== 'already as it was before the reset',
      );
      expect(recreated.length).toBeGreaterThan(0);
      for (const i of recreated) expect(i.reason).toMatch(/created again since the reset.*undo --force/);
      for (const name of afterSignIn.keys()) expect(cache().get(name)).toEqual(afterSignIn.get(name));

      const forced = doctor(['undo', result.backupId!, '--force', '--json']);
      expect(forced.status, forced.stderr).toBe(0);
      const undone = JSON.parse(forced.stdout) as UndoResult & { replacedBackupId: string | null };
      expect(undone.backupId).toBe(result.backupId);
      expect(
        undone.items.every(
          (i) => i.status === 'restored' || i.reason === 'already as it was before the reset',
        ),
      ).toBe(true);
      expect(undone.replacedBackupId).not.toBeNull();
      for (const [name, file] of beforeReset) expect(cache().get(name), name).toEqual(file);
      expectNoSecret(plain, secrets);
      expectNoSecret(forced, [...secrets, ...secretsIn(afterSignIn)]);

      // The new sign-in was kept, not lost: it is a backup that can itself be restored.
      const list = doctor(['backups', '--json']);
      const backups = (JSON.parse(list.stdout) as { backups: { id: string; label: string }[] }).backups;
      expect(backups.map((b) => b.id)).toEqual([undone.replacedBackupId, result.backupId]);
      expect(backups[0]!.label).toBe(`files replaced by undo of ${result.backupId}`);
    },
  );
});

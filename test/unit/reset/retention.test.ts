import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../../src/context';
import { applyPlan, listBackups, planReset, purgeBackups, type ResetDeps } from '../../../src/reset/index';
import { tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, SERVER_B, typicalHome, type TypicalHome } from './helpers/typical-home';

let t: TypicalHome;
let data: TempDir;
let deps: ResetDeps;
const DAY = 24 * 60 * 60 * 1000;

beforeEach(() => {
  t = typicalHome();
  data = tempDir();
  deps = { dataDir: data.dir };
});
afterEach(() => {
  t.home.cleanup();
  data.cleanup();
});

const at = (days: number): Context => ({
  ...t.home.ctx,
  now: () => new Date(Date.parse('2026-11-01T00:00:00Z') + days * DAY),
});

async function resetAt(days: number, url: string, ids?: string[]): Promise<string> {
  const ctx = at(days);
  const target =
    ids !== undefined ? { kind: 'credential' as const, ids } : { kind: 'server' as const, urls: [url] };
  const plan = await planReset(ctx, t.scan(), target);
  return (await applyPlan(ctx, plan, deps, { dryRun: false })).backupId!;
}

describe('backups over time', () => {
  it('lists backups newest first with what they hold', async () => {
    const first = await resetAt(0, SERVER_A);
    const second = await resetAt(1, SERVER_B, ['mr-b']);
    const list = await listBackups(deps);
    expect(list.map((b) => b.id)).toEqual([second, first]);
    expect(list[1]).toMatchObject({ label: `server ${SERVER_A}`, itemCount: 7, restoredAt: null });
    expect(list[1]!.bytes).toBeGreaterThan(0);
    // both files, and the version folder they leave empty
    // named by the owner recorded at reset time, not by the id
    expect(list[0]).toMatchObject({ label: `mcp-remote sign-in for ${SERVER_B}`, itemCount: 3 });
    expect(list[0]!.path).toBe(path.join(data.dir, 'backups', second));
    expect(list.map((b) => b.retentionDays)).toEqual([14, 14]);
    expect((await listBackups({ ...deps, retentionDays: 3 }))[0]!.retentionDays).toBe(3);
  });

  it('names a backup by its owners with the URL redacted; a manifest without owners keeps its label', async () => {
    const scan = t.scan();
    scan.credentials.get('mr-b')!.credential.serverUrl =
      'https://jira.example.com/mcp?access_token=SeCrEt123';
    const plan = await planReset(at(0), scan, { kind: 'credential', ids: ['mr-b'] });
    expect(plan.owners['mr-b']!.serverUrl).toMatch(/^https:\/\/jira\.example\.com\/mcp\?access_token=/);
    expect(JSON.stringify(plan.owners)).not.toContain('SeCrEt123');

    const id = await resetAt(0, SERVER_B, ['mr-b']);
    const file = path.join(data.dir, 'backups', id, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      owners: Record<string, { serverUrl: string | null; serverName: string | null }>;
    };
    expect(manifest.owners['mr-b']).toEqual({
      clientLabel: 'mcp-remote',
      serverName: null,
      serverUrl: SERVER_B,
    });
    manifest.owners['mr-b'] = {
      serverName: 'jira',
      serverUrl: 'https://jira.example.com/mcp?access_token=SeCrEt123',
    };
    fs.writeFileSync(
      file,
      JSON.stringify({
        ...manifest,
        owners: { 'mr-b': { clientLabel: 'Claude Code', ...manifest.owners['mr-b'] } },
      }),
    );
    const [named] = await listBackups(deps);
    expect(named!.label).toMatch(
      /^Claude Code sign-in for jira \(https:\/\/jira\.example\.com\/mcp\?access_token=/,
    );
    expect(named!.label).not.toContain('SeCrEt123');

    const { owners: _dropped, ...older } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
      string,
      unknown
    >;
    fs.writeFileSync(file, JSON.stringify(older));
    expect((await listBackups(deps))[0]!.label).toBe('credential mr-b');
  });

  it('a reset purges backups older than the retention period (14 days by default)', async () => {
    const old = await resetAt(0, SERVER_A);
    const recent = await resetAt(10, SERVER_B, ['mr-b']);
    await resetAt(15, SERVER_B, ['cc-b']);
    const ids = (await listBackups(deps)).map((b) => b.id);
    expect(ids).not.toContain(old);
    expect(ids).toContain(recent);
    expect(fs.existsSync(path.join(data.dir, 'backups', old))).toBe(false);
  });

  it('the retention period can be changed', async () => {
    const old = await resetAt(0, SERVER_A);
    deps = { ...deps, retentionDays: 30 };
    await resetAt(15, SERVER_B, ['mr-b']);
    expect((await listBackups(deps)).map((b) => b.id)).toContain(old);
  });

  it('purge takes an age or explicit ids, and never touches other folders in the data dir', async () => {
    const a = await resetAt(0, SERVER_A);
    const b = await resetAt(3, SERVER_B, ['mr-b']);
    fs.mkdirSync(path.join(data.dir, 'backups', 'not-a-backup'));
    fs.writeFileSync(path.join(data.dir, 'settings.json'), '{}');
    expect(await purgeBackups(at(5), deps, { olderThanDays: 4 })).toEqual([a]);
    expect(await purgeBackups(at(5), deps, { ids: [b] })).toEqual([b]);
    expect(fs.readdirSync(path.join(data.dir, 'backups'))).toEqual(['not-a-backup']);
    expect(fs.existsSync(path.join(data.dir, 'settings.json'))).toBe(true);
  });

  it('keeps the backups folder owner-only even when it was loosened', async () => {
    await resetAt(0, SERVER_A);
    fs.chmodSync(path.join(data.dir, 'backups'), 0o755);
    await resetAt(1, SERVER_B, ['mr-b']);
    expect(fs.statSync(path.join(data.dir, 'backups')).mode & 0o777).toBe(0o700);
  });
});

/**
 * Read-only commands are read-only: `reset --dry-run` and `backups` (list) take no lock, create no
 * folder and never roll back an interrupted reset — they only say that one is waiting. Only
 * commands that change files (reset, undo, backups purge) roll it back. And a backup whose
 * manifest cannot be read is listed as damaged, never silently hidden or purged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, SimulatedCrash } from '../../../src/reset/index';
import { scan } from '../../../src/scan/index';
import { assertNoCanary } from '../../helpers/canary';
import { cli, cliHome, EU, US, type CliHome } from './helpers/cli-home';
import { changedPaths, snapshotTree } from './helpers/reset-fixtures';

let h: CliHome;
beforeEach(() => {
  h = cliHome();
});
afterEach(() => h.cleanup());

async function crashMidReset(): Promise<void> {
  const plan = await planReset(h.home.ctx, await scan(h.home.ctx), { kind: 'server', urls: [EU] });
  const crash = (s: string): void => {
    if (s === 'act:0') throw new SimulatedCrash(s);
  };
  await expect(
    applyPlan(h.home.ctx, plan, { dataDir: h.data.dir, hooks: { afterStep: crash } }, { dryRun: false }),
  ).rejects.toBeInstanceOf(SimulatedCrash);
}

const NOTICE = /was interrupted.*rolled back first.*run `mcp-auth-doctor undo` or any reset/s;

describe('read-only commands while an interrupted reset waits', () => {
  it('reset --dry-run and backups only say so; they change nothing, not even the data folder', async () => {
    const beforeCrash = snapshotTree(h.home.home);
    await crashMidReset();
    expect(fs.existsSync(h.files.euInfo)).toBe(false);
    const home = snapshotTree(h.home.home);
    const data = snapshotTree(h.data.dir);
    expect([...data.keys()]).toContain('reset.lock');

    for (const argv of [
      ['reset', '--server', EU, '--dry-run'],
      ['reset', '--all', '--dry-run', '--json'],
      ['backups'],
      ['backups', 'list', '--json'],
    ]) {
      const run = await cli(h, argv);
      expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0);
      expect(run.stderr, argv.join(' ')).toMatch(NOTICE);
      assertNoCanary(run.stdout + run.stderr);
      expect(changedPaths(home, snapshotTree(h.home.home)), argv.join(' ')).toEqual([]);
      expect(changedPaths(data, snapshotTree(h.data.dir)), argv.join(' ')).toEqual([]);
    }
    const list = await cli(h, ['backups']);
    expect(list.stdout).toMatch(/interrupted, not yet rolled back/);

    // A command that changes files rolls it back first.
    const undo = await cli(h, ['undo']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/Roll-back of the interrupted reset/);
    expect(changedPaths(beforeCrash, snapshotTree(h.home.home))).toEqual([]);
    expect((await cli(h, ['backups'])).stderr).not.toMatch(NOTICE);
  });

  it('backups purge is a mutating command: it rolls the interrupted reset back first', async () => {
    const beforeCrash = snapshotTree(h.home.home);
    await crashMidReset();
    const run = await cli(h, ['backups', 'purge']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/was interrupted; it has been rolled back/);
    expect(changedPaths(beforeCrash, snapshotTree(h.home.home))).toEqual([]);
  });

  it('with no data folder yet, a dry run and backups do not create one', async () => {
    fs.rmSync(h.data.dir, { recursive: true, force: true });
    expect((await cli(h, ['reset', '--server', EU, '--dry-run'])).code).toBe(0);
    const list = await cli(h, ['backups']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/No backups\./);
    expect(fs.existsSync(h.data.dir)).toBe(false);
  });
});

describe('a backup whose manifest is damaged', () => {
  async function damagedBackup(): Promise<{ id: string; dir: string }> {
    const run = await cli(h, ['reset', '--server', EU, '--yes', '--json']);
    const id = (JSON.parse(run.stdout) as { backupId: string }).backupId;
    const dir = path.join(h.data.dir, 'backups', id);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{"schema": "mcp-auth-doctor/backup-manifest@1", "id"');
    return { id, dir };
  }

  it('is listed as damaged with its folder; bare undo explains instead of "no backups"', async () => {
    const { id, dir } = await damagedBackup();
    const list = await cli(h, ['backups']);
    expect(list.stdout).not.toMatch(/No backups\./);
    expect(list.stdout).toMatch(new RegExp(`${id}.*damaged: its manifest\\.json is not valid JSON`));
    expect(list.stdout).toContain(dir);
    const json = JSON.parse((await cli(h, ['backups', '--json'])).stdout) as {
      backups: unknown[];
      damaged: { id: string; path: string; problem: string; createdAt: string }[];
    };
    expect(json.backups).toEqual([]);
    expect(json.damaged).toEqual([
      expect.objectContaining({ id, path: dir, createdAt: '2026-11-26T12:00:00.000Z' }),
    ]);

    const undo = await cli(h, ['undo']);
    expect(undo.code).toBe(2);
    expect(undo.stderr).toMatch(/no backup left to restore/);
    expect(undo.stderr).toContain(dir);
    expect(undo.stderr).toMatch(/manifest is damaged.*copy back by hand/);
    const byId = await cli(h, ['undo', id]);
    expect(byId.stderr).toMatch(/cannot be restored automatically: its manifest\.json is not valid JSON/);
  });

  it('is kept by the purge a reset runs, even past retention; an explicit purge past retention removes it and says so', async () => {
    const { id, dir } = await damagedBackup();
    const later: CliHome = {
      ...h,
      home: { ...h.home, ctx: { ...h.home.ctx, now: () => new Date('2027-01-01T00:00:00Z') } },
    };
    expect((await cli(later, ['reset', '--server', US, '--yes'])).code).toBe(0);
    expect(fs.existsSync(dir)).toBe(true);

    const young = await cli(h, ['backups', 'purge']);
    expect(young.stdout).toMatch(/No backup is older than 14 day/);
    expect(fs.existsSync(dir)).toBe(true);

    const old = await cli(later, ['backups', 'purge']);
    expect(old.stdout).toContain(`Of these, ${id} was damaged`);
    expect(old.stdout).toMatch(/past the 14-day period, so it was removed too/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

/**
 * Fault injection: the reset "dies" after each of its steps in turn (a hook throws SimulatedCrash:
 * no cleanup runs, the lock and journal stay behind, exactly as after a kill). At that moment
 * every JSON file must still parse; the next run must roll the reset back completely. A real
 * SIGKILL of a child process is tested in test/integration/reset-crash-kill.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyPlan,
  listBackups,
  planReset,
  recoverInterrupted,
  SimulatedCrash,
  undoReset,
  type ResetPlan,
} from '../../../src/reset/index';
import { faultyFs } from './helpers/faulty-fs';
import { changedPaths, snapshotTree, tempDir } from './helpers/reset-fixtures';
import { SERVER_A, SERVER_B, typicalHome } from './helpers/typical-home';

function jsonFilesParse(root: string): string[] {
  const broken: string[] = [];
  for (const [rel, desc] of snapshotTree(root)) {
    if (!desc.startsWith('file') || !rel.endsWith('.json')) continue;
    try {
      JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
    } catch {
      broken.push(rel);
    }
  }
  return broken;
}

type Home = ReturnType<typeof typicalHome>;

/** A typical home and a data folder for one test, removed after it. */
async function withHome(test: (t: Home, dataDir: string) => Promise<void>): Promise<void> {
  const t = typicalHome();
  const data = tempDir();
  try {
    await test(t, data.dir);
  } finally {
    t.home.cleanup();
    data.cleanup();
  }
}

/** Resets server A (or applies `plan`) and "dies" right after `step`; answers the plan. */
async function crashAt(t: Home, dataDir: string, step: string, plan?: ResetPlan): Promise<ResetPlan> {
  const chosen = plan ?? (await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] }));
  const crash = (s: string): void => {
    if (s === step) throw new SimulatedCrash(s);
  };
  await expect(
    applyPlan(t.home.ctx, chosen, { dataDir, hooks: { afterStep: crash } }, { dryRun: false }),
  ).rejects.toBeInstanceOf(SimulatedCrash);
  return chosen;
}

async function stepsOfAFullRun(): Promise<string[]> {
  const steps: string[] = [];
  await withHome(async (t, dataDir) => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    const afterStep = (s: string): void => void steps.push(s);
    await applyPlan(t.home.ctx, plan, { dataDir, hooks: { afterStep } }, { dryRun: false });
  });
  return steps;
}

const steps = await stepsOfAFullRun();

describe('crash after each step of a reset', () => {
  it('the run has the steps we expect to interrupt', () => {
    expect(steps[0]).toBe('manifest');
    expect(steps.at(-1)).toBe('finish');
    // 7 items; Gemini's two entries are one rewrite of its file, so 6 backups and 6 acts
    expect(steps.filter((s) => s.startsWith('backup:'))).toHaveLength(6);
    expect(steps.filter((s) => s.startsWith('act:'))).toHaveLength(6);
    // one temp file per shared-file rewrite (Claude Code's file, Gemini's file)
    expect(steps.filter((s) => s.startsWith('temp:'))).toHaveLength(2);
  });

  it.each(steps.filter((s) => s !== 'finish'))(
    'crash after %s: files parse, the next run rolls everything back',
    async (step) => {
      await withHome(async (t, dataDir) => {
        const before = snapshotTree(t.home.home);
        await crashAt(t, dataDir, step);
        expect(jsonFilesParse(t.home.home)).toEqual([]);
        expect(fs.existsSync(path.join(dataDir, 'reset.lock'))).toBe(true);

        const reports = await recoverInterrupted(t.home.ctx, { dataDir });
        expect(reports).toHaveLength(1);
        expect(reports[0]!.items.every((i) => i.status !== 'failed')).toBe(true);
        expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
        expect(fs.existsSync(path.join(dataDir, 'reset.lock'))).toBe(false);

        const [backup] = await listBackups({ dataDir });
        expect(backup!.label).toMatch(/interrupted, rolled back/);
        expect(backup!.restoredAt).not.toBeNull();
        await expect(undoReset(t.home.ctx, { dataDir })).rejects.toThrow(/no backup left/);

        // and the user can simply run the reset again
        const again = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
        const result = await applyPlan(t.home.ctx, again, { dataDir }, { dryRun: false });
        expect(result.items.every((i) => i.status === 'done')).toBe(true);
      });
    },
  );

  it('crash after the last step: the reset is complete and nothing is rolled back', async () => {
    await withHome(async (t, dataDir) => {
      await crashAt(t, dataDir, 'finish');
      const after = snapshotTree(t.home.home);
      expect(await recoverInterrupted(t.home.ctx, { dataDir })).toEqual([]);
      expect(changedPaths(after, snapshotTree(t.home.home))).toEqual([]);
      expect((await undoReset(t.home.ctx, { dataDir })).items.every((i) => i.status === 'restored')).toBe(
        true,
      );
    });
  });

  it('recovery leaves alone a file someone changed after the crash, and keeps its backup', async () => {
    await withHome(async (t, dataDir) => {
      await crashAt(t, dataDir, 'act:1');
      fs.writeFileSync(t.paths.aTokens, '{"access_token":"signed in again"}');
      const [report] = await recoverInterrupted(t.home.ctx, { dataDir });
      const item = report!.items.find((i) => i.path === t.paths.aTokens)!;
      expect(item.status).toBe('skipped');
      expect(item.reason).toMatch(
        /changed by another program since the interrupted reset; its backup stays in/,
      );
      expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toBe('{"access_token":"signed in again"}');
      expect(fs.existsSync(t.paths.aInfo)).toBe(true);
    });
  });

  it('a reset or undo started while a crashed one is pending recovers it first', async () => {
    await withHome(async (t, dataDir) => {
      const before = snapshotTree(t.home.home);
      const plan = await crashAt(t, dataDir, 'temp:3');
      // The roll-back restores exactly what the scan saw, so even the old plan applies cleanly.
      const result = await applyPlan(t.home.ctx, plan, { dataDir }, { dryRun: false });
      expect(result.items.every((i) => i.status === 'done')).toBe(true);
      await undoReset(t.home.ctx, { dataDir });
      expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    });
  });
});

describe('a roll-back that cannot finish', () => {
  async function crashAfterAct1(t: Home, dataDir: string): Promise<string> {
    await crashAt(t, dataDir, 'act:1');
    const [backup] = await listBackups({ dataDir });
    expect(backup!.label).toMatch(/interrupted, not yet rolled back/);
    return backup!.id;
  }
  const busy = (file: string) => faultyFs([{ op: 'rename', when: (p) => p === file, code: 'EBUSY' }]);

  it('stays pending (journal kept, not marked rolled back), blocks new resets, and is tried again', async () => {
    await withHome(async (t, dataDir) => {
      const before = snapshotTree(t.home.home);
      const id = await crashAfterAct1(t, dataDir);

      const [first] = await recoverInterrupted(t.home.ctx, { dataDir, fs: busy(t.paths.aTokens) });
      expect(first!.complete).toBe(false);
      const failed = first!.items.find((i) => i.path === t.paths.aTokens)!;
      expect(failed.status).toBe('failed');
      expect(failed.reason).toMatch(/locked by another program/);
      expect(fs.existsSync(t.paths.aInfo)).toBe(true);
      expect(fs.existsSync(t.paths.aTokens)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'backups', id, 'journal.jsonl'))).toBe(true);
      const [listed] = await listBackups({ dataDir });
      expect(listed).toMatchObject({ id, restoredAt: null });
      expect(listed!.label).toMatch(/not yet rolled back/);

      // No reset runs on top of it while the file is still busy: nothing else changes.
      const during = snapshotTree(t.home.home);
      const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_B] });
      await expect(
        applyPlan(t.home.ctx, plan, { dataDir, fs: busy(t.paths.aTokens) }, { dryRun: false }),
      ).rejects.toThrow(/could not be fully rolled back.*aaaa_tokens\.json.*undo \d{8}T\d{6}Z-[0-9a-f]{6}/s);
      expect(changedPaths(during, snapshotTree(t.home.home))).toEqual([]);

      // The file is free again: the next run finishes the roll-back.
      const [second] = await recoverInterrupted(t.home.ctx, { dataDir });
      expect(second!.complete).toBe(true);
      expect(second!.items.find((i) => i.path === t.paths.aTokens)!.status).toBe('restored');
      expect(second!.items.find((i) => i.path === t.paths.aInfo)!.reason).toMatch(/earlier attempt/);
      expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
      const [done] = await listBackups({ dataDir });
      expect(done!.restoredAt).not.toBeNull();
      expect(await recoverInterrupted(t.home.ctx, { dataDir })).toEqual([]);
    });
  });

  it('undo <id> finishes a partial roll-back, and then says there is nothing left', async () => {
    await withHome(async (t, dataDir) => {
      const before = snapshotTree(t.home.home);
      const id = await crashAfterAct1(t, dataDir);
      await recoverInterrupted(t.home.ctx, { dataDir, fs: busy(t.paths.aTokens) });
      expect(fs.existsSync(t.paths.aTokens)).toBe(false);

      const undone = await undoReset(t.home.ctx, { dataDir }, { backupId: id });
      expect(undone).toMatchObject({ backupId: id, interrupted: true });
      expect(undone.items.find((i) => i.path === t.paths.aTokens)!.status).toBe('restored');
      expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
      await expect(undoReset(t.home.ctx, { dataDir }, { backupId: id })).rejects.toThrow(
        /already rolled back completely/,
      );
    });
  });

  it('undo <id> --force puts back a file the roll-back left because it was changed since', async () => {
    await withHome(async (t, dataDir) => {
      const original = fs.readFileSync(t.paths.aTokens);
      const id = await crashAfterAct1(t, dataDir);
      fs.writeFileSync(t.paths.aTokens, '{"access_token":"signed in again"}');
      await recoverInterrupted(t.home.ctx, { dataDir });
      const [listed] = await listBackups({ dataDir });
      expect(listed!.label).toMatch(/undo .* --force puts those back/);

      const plain = await undoReset(t.home.ctx, { dataDir }, { backupId: id });
      expect(plain.items.map((i) => [i.path, i.status])).toEqual([[t.paths.aTokens, 'skipped']]);
      const forced = await undoReset(t.home.ctx, { dataDir }, { backupId: id, force: true });
      expect(forced.items.map((i) => [i.path, i.status])).toEqual([[t.paths.aTokens, 'restored']]);
      expect(fs.readFileSync(t.paths.aTokens).equals(original)).toBe(true);
      expect(forced.replacedBackupId).not.toBeNull();
    });
  });

  it('a bare undo right after a crash rolls that reset back, not an older reset', async () => {
    await withHome(async (t, dataDir) => {
      const older = await applyPlan(
        t.home.ctx,
        await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['mr-b'] }),
        { dataDir },
        { dryRun: false },
      );
      const afterOlder = snapshotTree(t.home.home);
      await crashAt(t, dataDir, 'act:1');

      const undone = await undoReset(t.home.ctx, { dataDir });
      expect(undone.interrupted).toBe(true);
      expect(undone.backupId).not.toBe(older.backupId);
      expect(changedPaths(afterOlder, snapshotTree(t.home.home))).toEqual([]);
      expect(fs.existsSync(t.paths.bTokens)).toBe(false);
      // The older reset is still there to undo, by a second bare undo.
      expect((await undoReset(t.home.ctx, { dataDir })).backupId).toBe(older.backupId);
      expect(fs.existsSync(t.paths.bTokens)).toBe(true);
    });
  });
});

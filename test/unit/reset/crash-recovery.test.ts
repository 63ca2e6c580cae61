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
} from '../../../src/reset/index';
import { changedPaths, snapshotTree, tempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome } from './helpers/typical-home';

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

async function stepsOfAFullRun(): Promise<string[]> {
  const t = typicalHome();
  const data = tempDir();
  const steps: string[] = [];
  try {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    await applyPlan(
      t.home.ctx,
      plan,
      { dataDir: data.dir, hooks: { afterStep: (s) => void steps.push(s) } },
      { dryRun: false },
    );
    return steps;
  } finally {
    t.home.cleanup();
    data.cleanup();
  }
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
      const t = typicalHome();
      const data = tempDir();
      try {
        const before = snapshotTree(t.home.home);
        const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
        const crash = (s: string): void => {
          if (s === step) throw new SimulatedCrash(s);
        };
        await expect(
          applyPlan(t.home.ctx, plan, { dataDir: data.dir, hooks: { afterStep: crash } }, { dryRun: false }),
        ).rejects.toBeInstanceOf(SimulatedCrash);
        expect(jsonFilesParse(t.home.home)).toEqual([]);
        expect(fs.existsSync(path.join(data.dir, 'reset.lock'))).toBe(true);

        const reports = await recoverInterrupted(t.home.ctx, { dataDir: data.dir });
        expect(reports).toHaveLength(1);
        expect(reports[0]!.items.every((i) => i.status !== 'failed')).toBe(true);
        expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
        expect(fs.existsSync(path.join(data.dir, 'reset.lock'))).toBe(false);

        const [backup] = await listBackups({ dataDir: data.dir });
        expect(backup!.label).toMatch(/interrupted, rolled back/);
        expect(backup!.restoredAt).not.toBeNull();
        await expect(undoReset(t.home.ctx, { dataDir: data.dir })).rejects.toThrow(/no backup left/);

        // and the user can simply run the reset again
        const again = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
        const result = await applyPlan(t.home.ctx, again, { dataDir: data.dir }, { dryRun: false });
        expect(result.items.every((i) => i.status === 'done')).toBe(true);
      } finally {
        t.home.cleanup();
        data.cleanup();
      }
    },
  );

  it('crash after the last step: the reset is complete and nothing is rolled back', async () => {
    const t = typicalHome();
    const data = tempDir();
    try {
      const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
      const crash = (s: string): void => {
        if (s === 'finish') throw new SimulatedCrash(s);
      };
      await expect(
        applyPlan(t.home.ctx, plan, { dataDir: data.dir, hooks: { afterStep: crash } }, { dryRun: false }),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      const after = snapshotTree(t.home.home);
      expect(await recoverInterrupted(t.home.ctx, { dataDir: data.dir })).toEqual([]);
      expect(changedPaths(after, snapshotTree(t.home.home))).toEqual([]);
      expect(
        (await undoReset(t.home.ctx, { dataDir: data.dir })).items.every((i) => i.status === 'restored'),
      ).toBe(true);
    } finally {
      t.home.cleanup();
      data.cleanup();
    }
  });

  it('recovery leaves alone a file someone changed after the crash, and keeps its backup', async () => {
    const t = typicalHome();
    const data = tempDir();
    try {
      const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
      const crash = (s: string): void => {
        if (s === 'act:1') throw new SimulatedCrash(s);
      };
      await expect(
        applyPlan(t.home.ctx, plan, { dataDir: data.dir, hooks: { afterStep: crash } }, { dryRun: false }),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      fs.writeFileSync(t.paths.aTokens, '{"access_token":"signed in again"}');
      const [report] = await recoverInterrupted(t.home.ctx, { dataDir: data.dir });
      const item = report!.items.find((i) => i.path === t.paths.aTokens)!;
      expect(item.status).toBe('skipped');
      expect(item.reason).toMatch(
        /changed by another program since the interrupted reset; its backup stays in/,
      );
      expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toBe('{"access_token":"signed in again"}');
      expect(fs.existsSync(t.paths.aInfo)).toBe(true);
    } finally {
      t.home.cleanup();
      data.cleanup();
    }
  });

  it('a reset or undo started while a crashed one is pending recovers it first', async () => {
    const t = typicalHome();
    const data = tempDir();
    try {
      const before = snapshotTree(t.home.home);
      const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
      await expect(
        applyPlan(
          t.home.ctx,
          plan,
          {
            dataDir: data.dir,
            hooks: {
              afterStep: (s) => {
                if (s === 'temp:3') throw new SimulatedCrash(s);
              },
            },
          },
          { dryRun: false },
        ),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      // The roll-back restores exactly what the scan saw, so even the old plan applies cleanly.
      const result = await applyPlan(t.home.ctx, plan, { dataDir: data.dir }, { dryRun: false });
      expect(result.items.every((i) => i.status === 'done')).toBe(true);
      await undoReset(t.home.ctx, { dataDir: data.dir });
      expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    } finally {
      t.home.cleanup();
      data.cleanup();
    }
  });
});

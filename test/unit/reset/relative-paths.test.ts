/**
 * A plan made from a relative home (`--home ./copy`) names relative paths; the manifest must not:
 * undo, recovery and the next reset may run from any other folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../../src/scan/types';
import { applyPlan, planReset, undoReset } from '../../../src/reset/index';
import { changedPaths, snapshotTree, tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome, type TypicalHome } from './helpers/typical-home';

const cwd = process.cwd();
let t: TypicalHome;
let data: TempDir;
let elsewhere: TempDir;

beforeEach(() => {
  t = typicalHome();
  data = tempDir();
  elsewhere = tempDir('mad-elsewhere-');
});
afterEach(() => {
  process.chdir(cwd);
  t.home.cleanup();
  data.cleanup();
  elsewhere.cleanup();
});

/** The scan as it looks when the home was given relative to the current folder. */
function relativeScan(scan: ScanResult, from: string): ScanResult {
  const rel = (p: string): string => path.relative(from, p);
  const credentials = new Map(
    [...scan.credentials].map(([id, c]) => [
      id,
      {
        ...c,
        ownFiles: c.ownFiles.map((f) => ({ ...f, path: rel(f.path) })),
        sharedEntry: c.sharedEntry && {
          ...c.sharedEntry,
          file: { ...c.sharedEntry.file, path: rel(c.sharedEntry.file.path) },
        },
        roots: c.roots.map(rel),
      },
    ]),
  );
  return { ...scan, credentials };
}

describe('relative paths', () => {
  it('every path the manifest stores is absolute, and undo works from another folder', async () => {
    const before = snapshotTree(t.home.home);
    const parent = path.dirname(t.home.home);
    process.chdir(parent);
    const ctx = { ...t.home.ctx, home: path.basename(t.home.home) };
    const plan = await planReset(ctx, relativeScan(t.scan(), parent), { kind: 'server', urls: [SERVER_A] });
    expect(plan.items.length).toBeGreaterThan(0);
    // relative data folder too (MCP_AUTH_DOCTOR_DATA_DIR=./data)
    const result = await applyPlan(
      ctx,
      plan,
      { dataDir: path.relative(parent, data.dir) },
      { dryRun: false },
    );
    expect(result.items.every((i) => i.status === 'done')).toBe(true);
    expect(path.isAbsolute(result.backupDir!)).toBe(true);

    const manifest = JSON.parse(
      fs.readFileSync(path.join(data.dir, 'backups', result.backupId!, 'manifest.json'), 'utf8'),
    ) as { home: string; items: { path: string; roots: string[] }[] };
    expect(manifest.home).toBe(t.home.home);
    for (const item of manifest.items) {
      expect(path.isAbsolute(item.path), item.path).toBe(true);
      for (const root of item.roots) expect(path.isAbsolute(root), root).toBe(true);
    }

    process.chdir(elsewhere.dir);
    const undone = await undoReset(t.home.ctx, { dataDir: data.dir });
    expect(undone.items.every((i) => i.status === 'restored')).toBe(true);
    expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    expect(fs.readdirSync(elsewhere.dir)).toEqual([]);
  });
});

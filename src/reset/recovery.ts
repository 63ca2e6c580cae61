/**
 * Crash recovery. A reset that died mid-way left its manifest marked `in-progress` and a journal
 * of what it backed up and rewrote. The next run rolls it back: every path the dead run changed
 * gets its original back (from the backup), leftover temp files go, and the backup is marked
 * `rolled-back`. Rolling back rather than completing means the user sees their files exactly as
 * before the reset and decides again with a fresh scan; nothing is ever left half-written because
 * every rewrite was a temp file + rename.
 */
import path from 'node:path';
import type { Context } from '../context';
import type { UndoItem } from '../model/reset';
import { isAlive as realIsAlive } from '../system/processes';
import {
  journalPath,
  listStored,
  writeManifest,
  type Manifest,
  type ManifestItem,
  type Saved,
} from './backup-store';
import { ResetError, describeFsError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { readJournal } from './journal';
import { acquireResetLock } from './reset-lock';
import { currentState, groupsToRestore, putBack } from './restore';
import type { ResetDeps } from './types';

export interface RecoveryReport {
  backupId: string;
  createdAt: string;
  label: string;
  items: UndoItem[];
}

/** When the journal line of a backup was lost, the backup file itself still tells what it holds. */
async function savedFromDisk(fs: FsPort, dir: string, item: ManifestItem): Promise<Saved | null> {
  const plain = path.join('files', String(item.index));
  try {
    const data = await fs.readFile(path.join(dir, plain));
    if (item.beforeSha256 !== null && sha256Hex(data) === item.beforeSha256) {
      return {
        kind: 'file',
        mode: item.expectedMode ?? 0o600,
        bytes: data.length,
        sha256: item.beforeSha256,
        linkTarget: null,
        file: plain,
      };
    }
  } catch {
    // no plain backup for this item
  }
  const link = `${plain}.symlink`;
  try {
    const linkTarget = (await fs.readFile(path.join(dir, link))).toString('utf8');
    return { kind: 'symlink', mode: 0o777, bytes: 0, sha256: null, linkTarget, file: link };
  } catch {
    return null;
  }
}

async function rollBack(ctx: Context, fs: FsPort, dir: string, manifest: Manifest): Promise<RecoveryReport> {
  const records = await readJournal(fs, dir);
  const saved = new Map<number, Saved>();
  const after = new Map<number, string>();
  const done = new Set<number>();
  for (const r of records) {
    if (r.step === 'saved') saved.set(r.i, r.saved);
    else if (r.step === 'editing') {
      after.set(r.i, r.after);
      if ((await fs.lstat(r.temp))?.kind === 'file') await fs.unlink(r.temp).catch(() => undefined);
    } else done.add(r.i);
  }
  const items: ManifestItem[] = [];
  for (const item of manifest.items) {
    items.push({
      ...item,
      saved: saved.get(item.index) ?? item.saved ?? (await savedFromDisk(fs, dir, item)),
      afterSha256: after.get(item.index) ?? item.afterSha256,
      status: done.has(item.index) ? 'done' : item.status,
    });
  }
  // A shared file edited for several entries: every edit after the first reuses the first backup.
  const firstSaved = new Map<string, Saved>();
  for (const item of items) {
    if (item.saved !== null && !firstSaved.has(item.path)) firstSaved.set(item.path, item.saved);
    else if (item.saved === null && after.has(item.index)) item.saved = firstSaved.get(item.path) ?? null;
  }

  const at = ctx.now().toISOString();
  const report: UndoItem[] = [];
  for (const group of groupsToRestore(items, () => true)) {
    let result: UndoItem;
    try {
      const state = await currentState(fs, group);
      if (state.kind === 'original') {
        result = { path: group.path, status: 'skipped', reason: 'not changed by the interrupted reset' };
      } else if (state.kind === 'foreign') {
        result = {
          path: group.path,
          status: 'skipped',
          reason: `changed by another program since the interrupted reset; its backup stays in ${dir}`,
        };
      } else {
        await putBack(fs, dir, group, `${manifest.id}-recover`);
        result = { path: group.path, status: 'restored', reason: null };
      }
    } catch (err) {
      result = {
        path: group.path,
        status: 'failed',
        reason: err instanceof ResetError ? err.message : describeFsError(err, group.path, 'restoring'),
      };
    }
    for (const item of group.items) item.undo = { status: result.status, reason: result.reason, at };
    report.push(result);
  }
  await writeManifest(fs, dir, { ...manifest, status: 'rolled-back', restoredAt: at, items });
  await fs.unlink(journalPath(dir)).catch(() => undefined);
  return { backupId: manifest.id, createdAt: manifest.createdAt, label: manifest.label, items: report };
}

/** Rolls back every interrupted reset; the caller holds the data-folder lock. */
export async function recoverLocked(ctx: Context, fs: FsPort, dataDir: string): Promise<RecoveryReport[]> {
  const reports: RecoveryReport[] = [];
  for (const stored of await listStored(fs, dataDir)) {
    if (stored.manifest?.status !== 'in-progress') continue;
    reports.push(await rollBack(ctx, fs, stored.dir, stored.manifest));
  }
  return reports;
}

/** For the CLI and the app at start-up: finish off whatever a crashed run left behind. */
export async function recoverInterrupted(ctx: Context, deps: ResetDeps): Promise<RecoveryReport[]> {
  const fs = deps.fs ?? nodeFsPort;
  const lock = await acquireResetLock(fs, deps.dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    return await recoverLocked(ctx, fs, deps.dataDir);
  } finally {
    await lock.release();
  }
}

/**
 * Crash recovery. A reset that died mid-way left its manifest marked `in-progress` and a journal
 * of what it backed up and rewrote. The next mutating run (a reset, an undo, a purge) rolls it
 * back: every path the dead run changed gets its original back (from the backup), leftover temp
 * files go. Rolling back rather than completing means the user sees their files exactly as before
 * the reset and decides again with a fresh scan; nothing is ever left half-written because every
 * rewrite was a temp file + rename.
 *
 * A roll-back that cannot put a path back (the file is locked, the disk is full) is not final:
 * the manifest stays `in-progress` and the journal stays, so the next run (or `undo <id>`) tries
 * again, and no other reset runs on top of it meanwhile. Only when every path is back (or was
 * since changed by someone else, whose newer file is kept) is the backup marked `rolled-back`.
 * Read-only commands never recover: they only say that a roll-back is waiting.
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
import { ResetError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { readJournal } from './journal';
import { acquireResetLock, readResetLock } from './reset-lock';
import { currentState, groupsToRestore, putBack, recordOutcome, restoreFailed } from './restore';
import type { ResetDeps } from './types';

export interface RecoveryReport {
  backupId: string;
  createdAt: string;
  label: string;
  items: UndoItem[];
  /** False when some path could not be put back: the roll-back is tried again next time. */
  complete: boolean;
}

/** Reasons of a roll-back item that mean "nothing left to do here". */
export const NOT_CHANGED = 'not changed by the interrupted reset';
export const PUT_BACK_EARLIER = 'put back by an earlier attempt to roll back the interrupted reset';

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
        uid: null,
        gid: null,
      };
    }
  } catch {
    // no plain backup for this item
  }
  const link = `${plain}.symlink`;
  try {
    const linkTarget = (await fs.readFile(path.join(dir, link))).toString('utf8');
    return {
      kind: 'symlink',
      mode: 0o777,
      bytes: 0,
      sha256: null,
      linkTarget,
      file: link,
      uid: null,
      gid: null,
    };
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
    const earlier = group.items.every((i) => i.undo?.status === 'restored');
    try {
      const state = await currentState(fs, group);
      if (state.kind === 'original') {
        result = earlier
          ? { path: group.path, status: 'restored', reason: PUT_BACK_EARLIER }
          : { path: group.path, status: 'skipped', reason: NOT_CHANGED };
      } else if (state.kind === 'foreign') {
        result = {
          path: group.path,
          status: 'skipped',
          reason: `changed by another program since the interrupted reset; its backup stays in ${dir} (undo ${manifest.id} --force puts it back)`,
        };
      } else {
        await putBack(fs, dir, group, `${manifest.id}-recover`);
        result = { path: group.path, status: 'restored', reason: null };
      }
    } catch (err) {
      result = restoreFailed(err, group.path);
    }
    recordOutcome(group, result, at);
    report.push(result);
  }
  const complete = report.every((r) => r.status !== 'failed');
  // Restored as a whole only when every path is back; a newer file someone wrote is left to undo --force.
  const everything = report.every((r) => r.status === 'restored' || r.reason === NOT_CHANGED);
  if (complete) {
    await writeManifest(fs, dir, {
      ...manifest,
      status: 'rolled-back',
      restoredAt: everything ? at : null,
      items,
    });
    await fs.unlink(journalPath(dir)).catch(() => undefined);
  } else {
    // Still in progress: the journal stays, and the next run tries the paths that failed again.
    await writeManifest(fs, dir, { ...manifest, items });
  }
  return {
    backupId: manifest.id,
    createdAt: manifest.createdAt,
    label: manifest.label,
    items: report,
    complete,
  };
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

/** Refuses to go on while an interrupted reset is only partly rolled back. */
export function refuseIfPending(reports: readonly RecoveryReport[]): void {
  const pending = reports.find((r) => !r.complete);
  if (pending === undefined) return;
  const failed = pending.items
    .filter((i) => i.status === 'failed')
    .map((i) => `${i.path}: ${i.reason ?? ''}`)
    .join('; ');
  throw new ResetError(
    `an earlier reset (${pending.label}, ${pending.createdAt}) was interrupted and could not be fully rolled back (${failed}); ` +
      `nothing else was changed. Once that is fixed, run \`mcp-auth-doctor undo ${pending.backupId}\` (or any reset) to finish the roll-back`,
  );
}

/** For the CLI and the app: finish off whatever a crashed run left behind. */
export async function recoverInterrupted(ctx: Context, deps: ResetDeps): Promise<RecoveryReport[]> {
  const fs = deps.fs ?? nodeFsPort;
  const dataDir = path.resolve(deps.dataDir);
  const lock = await acquireResetLock(fs, dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    const reports = await recoverLocked(ctx, fs, dataDir);
    if (reports.length > 0) deps.onRecovered?.(reports);
    return reports;
  } finally {
    await lock.release();
  }
}

export interface InterruptedReset {
  backupId: string;
  createdAt: string;
  label: string;
  dir: string;
}

/**
 * Read-only: interrupted resets waiting to be rolled back (none while a live process holds the
 * lock: then they are its work in progress). Creates nothing, takes no lock, changes nothing.
 */
export async function interruptedResets(deps: ResetDeps): Promise<InterruptedReset[]> {
  const fs = deps.fs ?? nodeFsPort;
  const dataDir = path.resolve(deps.dataDir);
  const lock = await readResetLock(fs, dataDir, deps.processes?.isAlive ?? realIsAlive);
  if (lock.held) return [];
  return (await listStored(fs, dataDir))
    .filter((s) => s.manifest?.status === 'in-progress')
    .map((s) => ({ backupId: s.id, createdAt: s.manifest!.createdAt, label: s.manifest!.label, dir: s.dir }));
}

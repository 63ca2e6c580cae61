/**
 * Listing backups and letting old ones go. A reset purges backups older than the retention
 * period (14 days unless told otherwise); `backups purge` does it on demand. A backup whose reset
 * is still running (or waits to be rolled back) is never purged.
 *
 * A backup folder whose manifest cannot be read is "damaged": nothing can restore it
 * automatically, but its `files/` still hold the original bytes, so it is listed with its folder
 * (the user can copy files back by hand), never dropped silently. Only an explicit purge removes
 * one, and only once it is past the retention period too (the caller says so); the purge a reset
 * runs by itself leaves damaged backups alone.
 */
import path from 'node:path';
import type { Context } from '../context';
import type { BackupSummary } from '../model/reset';
import { isAlive as realIsAlive } from '../system/processes';
import { byCreation, idTime, listStored, type Manifest, type StoredBackup } from './backup-store';
import { nodeFsPort, type FsPort } from './fs-port';
import { readableLabel } from './backup-label';
import { recoverLocked } from './recovery';
import { acquireResetLock } from './reset-lock';
import { DEFAULT_RETENTION_DAYS, type ResetDeps } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function labelOf(manifest: Manifest): string {
  const label = readableLabel(manifest) ?? manifest.label;
  if (manifest.status === 'rolled-back') {
    return manifest.restoredAt !== null
      ? `${label} (interrupted, rolled back)`
      : `${label} (interrupted, rolled back except files changed since; undo ${manifest.id} --force puts those back)`;
  }
  if (manifest.status === 'in-progress') return `${label} (interrupted, not yet rolled back)`;
  return label;
}

function summary(stored: StoredBackup & { manifest: Manifest }, retentionDays: number): BackupSummary {
  const m = stored.manifest;
  const counted = new Set<string>();
  let bytes = 0;
  for (const item of m.items) {
    if (item.saved?.file === null || item.saved === null || counted.has(item.saved.file)) continue;
    counted.add(item.saved.file);
    bytes += item.saved.bytes;
  }
  return {
    id: m.id,
    createdAt: m.createdAt,
    label: labelOf(m),
    itemCount: m.items.filter((i) => i.status === 'done').length,
    bytes,
    restoredAt: m.restoredAt,
    path: stored.dir,
    retentionDays,
  };
}

function hasManifest(s: StoredBackup): s is StoredBackup & { manifest: Manifest } {
  return s.manifest !== null;
}

/** Newest first. Damaged folders (no readable manifest) are listed by `listDamagedBackups`. */
export async function listBackups(deps: ResetDeps): Promise<BackupSummary[]> {
  const fs = deps.fs ?? nodeFsPort;
  const stored = (await listStored(fs, path.resolve(deps.dataDir))).filter(hasManifest);
  const days = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  return stored.sort((a, b) => byCreation(b.manifest, a.manifest)).map((s) => summary(s, days));
}

export interface DamagedBackup {
  id: string;
  /** From the id (all a damaged backup still tells); null when even that is unusable. */
  createdAt: string | null;
  /** The folder: `files/` in it holds the original bytes. */
  path: string;
  /** Why it cannot be restored automatically. */
  problem: string;
}

/** Backup folders whose manifest cannot be read, newest first. Read-only. */
export async function listDamagedBackups(deps: ResetDeps): Promise<DamagedBackup[]> {
  const fs = deps.fs ?? nodeFsPort;
  return (await listStored(fs, path.resolve(deps.dataDir)))
    .filter((s) => s.manifest === null)
    .map((s) => {
      const t = idTime(s.id);
      return {
        id: s.id,
        createdAt: Number.isFinite(t) ? new Date(t).toISOString() : null,
        path: s.dir,
        problem: s.problem ?? 'its manifest cannot be read',
      };
    })
    .reverse();
}

export interface PurgeOptions {
  olderThanDays?: number;
  ids?: string[];
  /**
   * Whether damaged backups past the period go too (default true, as `backups purge` lists them
   * with their folders first). The app does not show damaged backups, so it keeps them.
   */
  damaged?: boolean;
}

export async function purgeLocked(
  ctx: Context,
  fs: FsPort,
  dataDir: string,
  options: PurgeOptions & { damaged: boolean },
): Promise<string[]> {
  const removed: string[] = [];
  const ids = options.ids !== undefined ? new Set(options.ids) : null;
  const cutoff = ctx.now().getTime() - (options.olderThanDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
  for (const stored of await listStored(fs, dataDir)) {
    const m = stored.manifest;
    if (m?.status === 'in-progress') continue;
    const created = m !== null ? Date.parse(m.createdAt) : idTime(stored.id);
    const old = Number.isFinite(created) && created <= cutoff;
    const chosen = ids !== null ? ids.has(stored.id) : old && (m !== null || options.damaged);
    if (!chosen) continue;
    await fs.removeTree(stored.dir);
    removed.push(stored.id);
  }
  return removed;
}

/**
 * `backups purge`: removes backups older than the period (or the given ids), damaged ones past
 * the period included. It rolls back an interrupted reset first (it is a mutating command).
 */
export async function purgeBackups(
  ctx: Context,
  deps: ResetDeps,
  options: PurgeOptions = {},
): Promise<string[]> {
  const fs = deps.fs ?? nodeFsPort;
  const dataDir = path.resolve(deps.dataDir);
  const lock = await acquireResetLock(fs, dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    const recovered = await recoverLocked(ctx, fs, dataDir);
    if (recovered.length > 0) deps.onRecovered?.(recovered);
    // A backup whose roll-back is unfinished stays (in-progress is never purged); others may go.
    return await purgeLocked(ctx, fs, dataDir, {
      olderThanDays: options.olderThanDays ?? deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
      ...(options.ids !== undefined ? { ids: options.ids } : {}),
      damaged: options.damaged ?? true,
    });
  } finally {
    await lock.release();
  }
}

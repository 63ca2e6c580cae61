/**
 * Listing backups and letting old ones go. A reset purges backups older than the retention
 * period (14 days unless told otherwise); `backups purge` does it on demand. A backup whose reset
 * is still running is never purged (the lock guarantees none is running while we purge).
 */
import type { Context } from '../context';
import type { BackupSummary } from '../model/reset';
import { isAlive as realIsAlive } from '../system/processes';
import { byCreation, listStored, type Manifest, type StoredBackup } from './backup-store';
import { nodeFsPort, type FsPort } from './fs-port';
import { acquireResetLock } from './reset-lock';
import { DEFAULT_RETENTION_DAYS, type ResetDeps } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function labelOf(manifest: Manifest): string {
  if (manifest.status === 'rolled-back') return `${manifest.label} (interrupted, rolled back)`;
  if (manifest.status === 'in-progress') return `${manifest.label} (interrupted, not yet recovered)`;
  return manifest.label;
}

function summary(stored: StoredBackup & { manifest: Manifest }): BackupSummary {
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
  };
}

function hasManifest(s: StoredBackup): s is StoredBackup & { manifest: Manifest } {
  return s.manifest !== null;
}

/** Newest first. Folders without a readable manifest are not listed (nothing could restore them). */
export async function listBackups(deps: ResetDeps): Promise<BackupSummary[]> {
  const fs = deps.fs ?? nodeFsPort;
  const stored = (await listStored(fs, deps.dataDir)).filter(hasManifest);
  return stored.sort((a, b) => byCreation(b.manifest, a.manifest)).map(summary);
}

export interface PurgeOptions {
  olderThanDays?: number;
  ids?: string[];
}

export async function purgeLocked(
  ctx: Context,
  fs: FsPort,
  dataDir: string,
  options: PurgeOptions,
): Promise<string[]> {
  const removed: string[] = [];
  const ids = options.ids !== undefined ? new Set(options.ids) : null;
  const cutoff = ctx.now().getTime() - (options.olderThanDays ?? DEFAULT_RETENTION_DAYS) * DAY_MS;
  for (const stored of await listStored(fs, dataDir)) {
    const m = stored.manifest;
    if (m?.status === 'in-progress') continue;
    const created = m !== null ? Date.parse(m.createdAt) : NaN;
    const chosen =
      ids !== null ? ids.has(stored.id) : m !== null && Number.isFinite(created) && created <= cutoff;
    if (!chosen) continue;
    await fs.removeTree(stored.dir);
    removed.push(stored.id);
  }
  return removed;
}

export async function purgeBackups(
  ctx: Context,
  deps: ResetDeps,
  options: PurgeOptions = {},
): Promise<string[]> {
  const fs = deps.fs ?? nodeFsPort;
  const lock = await acquireResetLock(fs, deps.dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    return await purgeLocked(ctx, fs, deps.dataDir, {
      olderThanDays: options.olderThanDays ?? deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
      ...(options.ids !== undefined ? { ids: options.ids } : {}),
    });
  } finally {
    await lock.release();
  }
}

/**
 * Undo: put back, byte for byte and with its mode, everything a reset removed. A path the client
 * has written since the reset is not overwritten unless forced; a forced undo first keeps the
 * newer file in a backup of its own (so that undo can be undone too), and for a shared file it
 * puts the removed entries back into the newer file rather than rolling the whole file back
 * (Claude Code's file also holds Claude's own login, which may have been renewed since).
 */
import type { Context } from '../context';
import { UNDO_SCHEMA, type UndoItem, type UndoResult } from '../model/reset';
import { isAlive as realIsAlive } from '../system/processes';
import { writeAtomic, tempPathFor } from './atomic-write';
import { BackupSession } from './backup-session';
import {
  MANIFEST_SCHEMA,
  isBackupId,
  listStored,
  writeManifest,
  type Manifest,
  type ManifestItem,
  type StoredBackup,
} from './backup-store';
import { ResetError, describeFsError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { reinsertJsonEntry } from './json-entry';
import { recoverLocked } from './recovery';
import { acquireResetLock } from './reset-lock';
import { currentState, groupsToRestore, putBack, readSaved, type PathGroup, type PathState } from './restore';
import { byCreation, newBackupId, nextSequence } from './backup-store';
import type { ResetDeps } from './types';
import { reinsertVscdbEntry } from './vscdb-entry';

export interface UndoOptions {
  /** Default: the newest backup not restored yet. */
  backupId?: string;
  force?: boolean;
}

export interface UndoOutcome extends UndoResult {
  /** Where a forced undo kept the newer files it replaced (undo that id to get them back). */
  replacedBackupId: string | null;
}

type Foreign = Extract<PathState, { kind: 'foreign' }>;

function pick(stored: StoredBackup[], backupId: string | undefined): StoredBackup & { manifest: Manifest } {
  if (backupId !== undefined) {
    if (!isBackupId(backupId)) throw new ResetError(`'${backupId}' is not a backup id (see: backups list)`);
    const found = stored.find((s) => s.id === backupId);
    if (found === undefined) throw new ResetError(`no backup ${backupId} (see: backups list)`);
    if (found.manifest === null)
      throw new ResetError(
        `backup ${backupId} has no readable manifest; restore its files by hand from ${found.dir}`,
      );
    if (found.manifest.status === 'rolled-back') {
      throw new ResetError(
        `backup ${backupId} belongs to an interrupted reset that was already rolled back; nothing to undo`,
      );
    }
    return found as StoredBackup & { manifest: Manifest };
  }
  const candidates = stored
    .filter(
      (s): s is StoredBackup & { manifest: Manifest } =>
        s.manifest?.status === 'complete' && s.manifest.restoredAt === null,
    )
    .sort((a, b) => byCreation(a.manifest, b.manifest));
  const newest = candidates[candidates.length - 1];
  if (newest === undefined) throw new ResetError('there is no backup left to restore (see: backups list)');
  return newest;
}

class Replacer {
  private session: BackupSession | null = null;
  private readonly items: ManifestItem[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly fs: FsPort,
    private readonly dataDir: string,
    private readonly source: Manifest,
  ) {}

  get id(): string | null {
    return this.session?.id ?? null;
  }

  private async open(): Promise<BackupSession> {
    if (this.session !== null) return this.session;
    const id = newBackupId(this.ctx.now());
    this.session = await BackupSession.start(this.fs, this.dataDir, {
      schema: MANIFEST_SCHEMA,
      id,
      createdAt: this.ctx.now().toISOString(),
      label: `files replaced by undo of ${this.source.id}`,
      home: this.source.home,
      platform: this.source.platform,
      target: { kind: 'undo-replaced', backupId: this.source.id },
      status: 'in-progress',
      restoredAt: null,
      sequence: await nextSequence(this.fs, this.dataDir),
      items: [],
    });
    return this.session;
  }

  /** Keeps the newer content, then writes `next` over it (or, with no `next`, puts the original back). */
  async replace(group: PathGroup, state: Foreign, backupDir: string, next: Buffer | null): Promise<void> {
    const session = await this.open();
    const index = this.items.length;
    const saved = await session.save(
      index,
      group.path,
      state.entry === 'symlink'
        ? { kind: 'symlink', mode: state.mode, linkTarget: state.linkTarget ?? '' }
        : { kind: 'file', mode: state.mode, data: state.data!, sha256: sha256Hex(state.data!) },
    );
    let after: string | null;
    if (next !== null) {
      after = sha256Hex(next);
      await session.editing(index, saved.sha256, after, tempPathFor(group.path, session.id));
      await writeAtomic(this.fs, group.path, next, state.mode, session.id);
    } else if (state.entry === 'symlink' || group.original.kind !== 'file') {
      await this.fs.unlink(group.path);
      await putBack(this.fs, backupDir, group, `${session.id}-undo`);
      after = group.original.sha256;
    } else {
      const data = await readSaved(this.fs, backupDir, group.original);
      after = sha256Hex(data);
      await session.editing(index, saved.sha256, after, tempPathFor(group.path, session.id));
      await writeAtomic(this.fs, group.path, data, group.original.mode, session.id);
    }
    await session.done(index);
    const first = group.items[0]!;
    this.items.push({
      index,
      credential: first.credential,
      client: first.client,
      action: 'replace-file',
      path: group.path,
      entry: null,
      format: null,
      keys: [],
      roots: group.roots,
      beforeSha256: saved.sha256,
      expectedMode: state.mode,
      saved,
      afterSha256: after,
      status: 'done',
      reason: null,
      undo: null,
    });
  }

  async finish(): Promise<void> {
    if (this.session !== null) await this.session.finish(this.items);
  }
}

async function mergedEntries(
  fs: FsPort,
  backupDir: string,
  group: PathGroup,
  current: Buffer,
): Promise<Buffer> {
  const original = await readSaved(fs, backupDir, group.original);
  let next = current;
  for (const item of group.items) {
    if (item.action !== 'remove-entry' || item.entry === null) continue;
    next =
      item.format === 'vscdb'
        ? await reinsertVscdbEntry(next, original, { pointer: item.entry, keys: item.keys }, group.path)
        : reinsertJsonEntry(next, original, item.entry, group.path);
  }
  return next;
}

async function undoGroup(
  fs: FsPort,
  backupDir: string,
  group: PathGroup,
  force: boolean,
  replacer: Replacer,
  runId: string,
  dirs: Set<string>,
): Promise<UndoItem> {
  const state = await currentState(fs, group);
  const isEntry = group.items.some((i) => i.action === 'remove-entry');
  if (state.kind === 'original') {
    return { path: group.path, status: 'skipped', reason: 'already as it was before the reset' };
  }
  if (state.kind === 'absent' || state.kind === 'ours') {
    await putBack(fs, backupDir, group, runId, dirs);
    return { path: group.path, status: 'restored', reason: null };
  }
  if (!force) {
    return {
      path: group.path,
      status: 'skipped',
      reason: isEntry
        ? `${group.path} has changed since the reset (the client wrote to it); undo --force puts the removed entries back into it, after backing up the current file`
        : `${group.path} was created again since the reset (probably by the client); undo --force replaces it, after backing up the current one`,
    };
  }
  if (
    state.entry === 'dir' ||
    state.entry === 'other' ||
    (group.original.kind === 'dir' && state.entry !== 'symlink')
  ) {
    return {
      path: group.path,
      status: 'skipped',
      reason: `${group.path} is now a ${state.entry === 'dir' ? 'folder' : 'file'}; not replaced`,
    };
  }
  const next =
    isEntry && state.entry === 'file' ? await mergedEntries(fs, backupDir, group, state.data!) : null;
  await replacer.replace(group, state, backupDir, next);
  return {
    path: group.path,
    status: 'restored',
    reason: isEntry
      ? `the removed entries were put back into the newer file (which was kept in backup ${replacer.id})`
      : `the newer file was replaced (and kept in backup ${replacer.id})`,
  };
}

export async function undoReset(
  ctx: Context,
  deps: ResetDeps,
  options: UndoOptions = {},
): Promise<UndoOutcome> {
  const fs = deps.fs ?? nodeFsPort;
  const lock = await acquireResetLock(fs, deps.dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    await recoverLocked(ctx, fs, deps.dataDir);
    const chosen = pick(await listStored(fs, deps.dataDir), options.backupId);
    const manifest = chosen.manifest;
    const replacer = new Replacer(ctx, fs, deps.dataDir, manifest);
    const at = ctx.now().toISOString();
    const items: UndoItem[] = [];
    const updated = manifest.items.map((i) => ({ ...i }));
    // Each folder is flushed once at the end rather than after every file it gets back.
    const dirs = new Set<string>();
    for (const group of groupsToRestore(updated, (item) => item.status === 'done')) {
      let result: UndoItem;
      try {
        result = await undoGroup(
          fs,
          chosen.dir,
          group,
          options.force === true,
          replacer,
          `${manifest.id}-undo`,
          dirs,
        );
      } catch (err) {
        result = {
          path: group.path,
          status: 'failed',
          reason: err instanceof ResetError ? err.message : describeFsError(err, group.path, 'restoring'),
        };
      }
      for (const item of group.items) item.undo = { status: result.status, reason: result.reason, at };
      items.push(result);
    }
    for (const dir of dirs) await fs.syncDir(dir);
    await replacer.finish();
    const complete = items.every(
      (i) => i.status === 'restored' || i.reason === 'already as it was before the reset',
    );
    await writeManifest(fs, chosen.dir, {
      ...manifest,
      items: updated,
      restoredAt: complete ? at : manifest.restoredAt,
    });
    await lock.release();
    return { schema: UNDO_SCHEMA, backupId: manifest.id, items, replacedBackupId: replacer.id };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

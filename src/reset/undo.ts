/**
 * Undo: put back, byte for byte and with its mode, everything a reset removed. A path the client
 * has written since the reset is not overwritten unless forced; a forced undo first keeps the
 * newer file in a backup of its own (so that undo can be undone too), and for a shared file it
 * puts the removed entries back into the newer file rather than rolling the whole file back
 * (Claude Code's file also holds Claude's own login, which may have been renewed since).
 */
import path from 'node:path';
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
import { ResetError } from './fs-errors';
import { nodeFsPort, type FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { reinsertJsonEntry } from './json-entry';
import { ownerOf } from './ownership';
import { recoverLocked, refuseIfPending, type RecoveryReport } from './recovery';
import { acquireResetLock } from './reset-lock';
import {
  currentState,
  groupsToRestore,
  putBack,
  readSaved,
  recordOutcome,
  restoreFailed,
  type PathGroup,
  type PathState,
} from './restore';
import { byCreation, newBackupId, nextSequence } from './backup-store';
import type { ResetDeps } from './types';
import { reinsertVscdbEntry } from './vscdb-entry';

export interface UndoOptions {
  /** Default: the newest reset backup not restored yet. */
  backupId?: string;
  force?: boolean;
}

export interface UndoOutcome extends UndoResult {
  /**
   * Where a forced undo kept the newer files it replaced. A bare `undo` never picks that backup
   * (it would undo the undo); it is restored by its id only.
   */
  replacedBackupId: string | null;
  /** The backup is of a reset that was interrupted: this undo rolled it back (or finished that). */
  interrupted: boolean;
}

type Foreign = Extract<PathState, { kind: 'foreign' }>;
type Readable = StoredBackup & { manifest: Manifest };

export const ALREADY_AS_BEFORE = 'already as it was before the reset';

function damagedNote(stored: readonly StoredBackup[]): string {
  const damaged = stored.filter((s) => s.manifest === null);
  if (damaged.length === 0) return '';
  const list = damaged.map((s) => `${s.dir} (${s.problem ?? 'unreadable manifest'})`).join('; ');
  return (
    `. ${damaged.length} backup folder(s) cannot be restored automatically because their manifest is damaged: ${list}. ` +
    'Their files/ folder still holds the original bytes, to copy back by hand'
  );
}

/** A rolled-back backup whose roll-back left paths (changed since) for `undo <id> --force`. */
const hasLeftovers = (m: Manifest): boolean => m.restoredAt === null;

function pickById(stored: StoredBackup[], backupId: string): Readable {
  if (!isBackupId(backupId)) throw new ResetError(`'${backupId}' is not a backup id (see: backups list)`);
  const found = stored.find((s) => s.id === backupId);
  if (found === undefined) throw new ResetError(`no backup ${backupId} (see: backups list)`);
  if (found.manifest === null) {
    throw new ResetError(
      `backup ${backupId} cannot be restored automatically: ${found.problem ?? 'its manifest cannot be read'}. ` +
        `Its files/ folder in ${found.dir} still holds the original bytes, to copy back by hand`,
    );
  }
  const m = found.manifest;
  if (m.status === 'rolled-back' && !hasLeftovers(m)) {
    throw new ResetError(
      `backup ${backupId} belongs to an interrupted reset that was already rolled back completely; nothing to undo`,
    );
  }
  return found as Readable;
}

/** The newest backup of a reset (not of an undo, not interrupted) that is not restored yet. */
function pickNewest(stored: StoredBackup[]): Readable {
  const candidates = stored
    .filter(
      (s): s is Readable =>
        s.manifest?.status === 'complete' &&
        s.manifest.restoredAt === null &&
        s.manifest.target.kind !== 'undo-replaced',
    )
    .sort((a, b) => byCreation(a.manifest, b.manifest));
  const newest = candidates[candidates.length - 1];
  if (newest === undefined) {
    throw new ResetError(`there is no backup left to restore (see: backups list)${damagedNote(stored)}`);
  }
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
        ? { kind: 'symlink', mode: state.mode, owner: state.owner, linkTarget: state.linkTarget ?? '' }
        : {
            kind: 'file',
            mode: state.mode,
            owner: state.owner,
            data: state.data!,
            sha256: sha256Hex(state.data!),
          },
    );
    let after: string | null;
    if (next !== null) {
      after = sha256Hex(next);
      await session.editing(index, saved.sha256, after, tempPathFor(group.path, session.id));
      await writeAtomic(this.fs, group.path, next, {
        mode: state.mode,
        owner: state.owner,
        runId: session.id,
      });
    } else if (state.entry === 'symlink' || group.original.kind !== 'file') {
      await this.fs.unlink(group.path);
      await putBack(this.fs, backupDir, group, `${session.id}-undo`);
      after = group.original.sha256;
    } else {
      const data = await readSaved(this.fs, backupDir, group.original);
      after = sha256Hex(data);
      await session.editing(index, saved.sha256, after, tempPathFor(group.path, session.id));
      await writeAtomic(this.fs, group.path, data, {
        mode: group.original.mode,
        owner: ownerOf(group.original) ?? state.owner,
        runId: session.id,
      });
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
    return { path: group.path, status: 'skipped', reason: ALREADY_AS_BEFORE };
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

function asOutcome(report: RecoveryReport): UndoOutcome {
  return {
    schema: UNDO_SCHEMA,
    backupId: report.backupId,
    items: report.items,
    replacedBackupId: null,
    interrupted: true,
  };
}

export async function undoReset(
  ctx: Context,
  deps: ResetDeps,
  options: UndoOptions = {},
): Promise<UndoOutcome> {
  const fs = deps.fs ?? nodeFsPort;
  const dataDir = path.resolve(deps.dataDir);
  const lock = await acquireResetLock(fs, dataDir, deps.processes?.isAlive ?? realIsAlive, ctx.now());
  try {
    const recovered = await recoverLocked(ctx, fs, dataDir);
    if (recovered.length > 0) deps.onRecovered?.(recovered);
    const asked = options.backupId;
    const sameRun = recovered.find((r) => r.backupId === asked);
    // `undo <id>` of an interrupted reset: rolling it back (again) is what undoing it means.
    if (sameRun !== undefined) return asOutcome(sameRun);
    // A bare undo right after a crash means "undo that reset": its roll-back is the answer, not
    // an older reset's undo.
    const newest = [...recovered].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)).at(-1);
    if (asked === undefined && newest !== undefined) return asOutcome(newest);
    refuseIfPending(recovered);

    const stored = await listStored(fs, dataDir);
    const chosen = asked !== undefined ? pickById(stored, asked) : pickNewest(stored);
    const manifest = chosen.manifest;
    const interrupted = manifest.status === 'rolled-back';
    const replacer = new Replacer(ctx, fs, dataDir, manifest);
    const at = ctx.now().toISOString();
    const items: UndoItem[] = [];
    const updated = manifest.items.map((i) => ({ ...i }));
    // After a roll-back, only the paths it left (changed since by someone else) are still to do.
    const include = interrupted
      ? (item: ManifestItem) => item.undo?.status !== 'restored'
      : (item: ManifestItem) => item.status === 'done';
    // Each folder is flushed once at the end rather than after every file it gets back.
    const dirs = new Set<string>();
    for (const group of groupsToRestore(updated, include)) {
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
        result = restoreFailed(err, group.path);
      }
      recordOutcome(group, result, at);
      items.push(result);
    }
    for (const dir of dirs) await fs.syncDir(dir);
    await replacer.finish();
    const complete = items.every((i) => i.status === 'restored' || i.reason === ALREADY_AS_BEFORE);
    await writeManifest(fs, chosen.dir, {
      ...manifest,
      items: updated,
      restoredAt: complete ? at : manifest.restoredAt,
    });
    return { schema: UNDO_SCHEMA, backupId: manifest.id, items, replacedBackupId: replacer.id, interrupted };
  } finally {
    await lock.release();
  }
}

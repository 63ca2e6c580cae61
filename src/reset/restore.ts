/**
 * Putting a path back the way a backup saw it — shared by undo and by crash recovery. A path's
 * items are taken together (a shared file edited for several entries has one original), and the
 * path's current state decides what is safe: still the original, changed by us, gone, or changed
 * by someone else since (then only a forced undo touches it).
 */
import path from 'node:path';
import type { UndoItem } from '../model/reset';
import { writeAtomic } from './atomic-write';
import type { ManifestItem, Saved } from './backup-store';
import { ResetError, describeFsError } from './fs-errors';
import { errorCode, type EntryStat, type FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { giveTo, ownerOf, statOwner, type Owner } from './ownership';
import { isWithin } from './roots';

export interface PathGroup {
  path: string;
  /** Ascending by index. */
  items: ManifestItem[];
  original: Saved;
  /** Hashes of content this reset wrote to the path. */
  ours: Set<string>;
  roots: string[];
}

/** A path whose putting back threw: our own refusal as it was worded, else the error in words. */
export function restoreFailed(err: unknown, filePath: string): UndoItem {
  return {
    path: filePath,
    status: 'failed',
    reason: err instanceof ResetError ? err.message : describeFsError(err, filePath, 'restoring'),
  };
}

/** Records a path's outcome on each of its manifest items. */
export function recordOutcome(group: PathGroup, result: UndoItem, at: string): void {
  for (const item of group.items) item.undo = { status: result.status, reason: result.reason, at };
}

/** Items that were backed up, grouped by path, in the order they must be put back (last first). */
export function groupsToRestore(
  items: readonly ManifestItem[],
  include: (item: ManifestItem) => boolean,
): PathGroup[] {
  const byPath = new Map<string, ManifestItem[]>();
  for (const item of [...items].sort((a, b) => a.index - b.index)) {
    if (item.saved === null || !include(item)) continue;
    byPath.set(item.path, [...(byPath.get(item.path) ?? []), item]);
  }
  const groups = [...byPath.values()].map((group) => ({
    path: group[0]!.path,
    items: group,
    original: group[0]!.saved!,
    ours: new Set(group.map((i) => i.afterSha256).filter((s): s is string => s !== null)),
    roots: group[0]!.roots,
  }));
  // Reverse order of the reset: a folder it removed comes back before the files that were in it.
  return groups.sort((a, b) => b.items[0]!.index - a.items[0]!.index);
}

export type PathState =
  | { kind: 'original' }
  | { kind: 'absent' }
  | { kind: 'ours' }
  | {
      kind: 'foreign';
      entry: 'file' | 'dir' | 'symlink' | 'other';
      data: Buffer | null;
      mode: number;
      owner: Owner | null;
      linkTarget: string | null;
    };

export async function currentState(fs: FsPort, group: PathGroup): Promise<PathState> {
  const st = await fs.lstat(group.path);
  if (st === null) return { kind: 'absent' };
  const { original } = group;
  const owner = statOwner(st);
  if (st.kind === 'symlink') {
    const linkTarget = await fs.readlink(group.path);
    if (original.kind === 'symlink' && linkTarget === original.linkTarget) return { kind: 'original' };
    return { kind: 'foreign', entry: 'symlink', data: null, mode: st.mode, owner, linkTarget };
  }
  if (st.kind === 'dir') {
    return original.kind === 'dir'
      ? { kind: 'original' }
      : { kind: 'foreign', entry: 'dir', data: null, mode: st.mode, owner, linkTarget: null };
  }
  if (st.kind === 'file') {
    const data = await fs.readFile(group.path);
    const sha = sha256Hex(data);
    if (original.kind === 'file' && sha === original.sha256) return { kind: 'original' };
    if (group.ours.has(sha)) return { kind: 'ours' };
    return { kind: 'foreign', entry: 'file', data, mode: st.mode, owner, linkTarget: null };
  }
  return { kind: 'foreign', entry: 'other', data: null, mode: st.mode, owner, linkTarget: null };
}

/** The bytes a backup kept, checked against the hash recorded when it was taken. */
export async function readSaved(fs: FsPort, backupDir: string, saved: Saved): Promise<Buffer> {
  if (saved.file === null) throw new ResetError('this backup entry holds no file');
  const file = path.join(backupDir, saved.file);
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (err) {
    throw new ResetError(`the backup copy ${file} cannot be read: ${describeFsError(err, file, 'reading')}`);
  }
  if (saved.sha256 !== null && sha256Hex(data) !== saved.sha256) {
    throw new ResetError(
      `the backup copy ${file} is damaged (its content changed since the backup); nothing restored`,
    );
  }
  return data;
}

/**
 * Makes sure the folder for `target` exists, creating missing levels owner-only — but only below
 * an existing folder that is really inside the client's roots. Levels it creates belong to
 * whoever owns that existing folder (the user, even when we run as root). Returns that owner.
 */
export async function ensureParent(
  fs: FsPort,
  target: string,
  roots: readonly string[],
): Promise<Owner | null> {
  const missing: string[] = [];
  let dir = path.dirname(target);
  let existing: EntryStat | null;
  for (;;) {
    existing = await fs.lstat(dir);
    if (existing !== null) break;
    missing.unshift(dir);
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const real = await fs.realpath(dir);
  if (!roots.some((root) => isWithin(root, real))) {
    throw new ResetError(
      `${target} would be restored outside the client's folders (through ${real}); not restored`,
    );
  }
  // Through a link the owner that counts is the real folder's; lstat saw the link.
  const folder = existing?.kind === 'symlink' ? await fs.lstat(real) : existing;
  const owner = folder !== null ? statOwner(folder) : null;
  for (const level of missing) {
    try {
      await fs.mkdir(level, 0o700);
      await giveTo(fs, level, owner);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
    }
  }
  return owner;
}

/**
 * Writes the original back (the path is absent, or holds content this reset wrote), with its
 * mode and owner. A backup taken before owners were recorded gets the owner of its folder.
 */
export async function putBack(
  fs: FsPort,
  backupDir: string,
  group: PathGroup,
  runId: string,
  deferDirSync?: Set<string>,
): Promise<void> {
  const { original } = group;
  const folderOwner = await ensureParent(fs, group.path, group.roots);
  const owner = ownerOf(original) ?? folderOwner;
  if (original.kind === 'dir') {
    await fs.mkdir(group.path, original.mode);
    await giveTo(fs, group.path, owner);
    return;
  }
  if (original.kind === 'symlink') {
    await fs.symlink(original.linkTarget ?? '', group.path);
    await giveTo(fs, group.path, owner);
    return;
  }
  const data = await readSaved(fs, backupDir, original);
  await writeAtomic(fs, group.path, data, {
    mode: original.mode,
    owner,
    runId,
    ...(deferDirSync !== undefined ? { deferDirSync } : {}),
  });
  const check = await fs.readFile(group.path);
  if (sha256Hex(check) !== original.sha256) {
    throw new ResetError(`${group.path} was written but does not read back as the backup; check the disk`);
  }
}

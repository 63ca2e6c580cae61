/**
 * One backup folder being filled by a running reset (or by a forced undo that must keep the files
 * it overwrites). Order of writes: the folder and the manifest (flushed) before any change; each
 * item's backup (flushed) before that item is acted on; a journal line after each step.
 */
import path from 'node:path';
import {
  DIR_MODE,
  FILE_MODE,
  backupDir,
  ensureBackupsRoot,
  journalPath,
  writeManifest,
  type Manifest,
  type ManifestItem,
  type Saved,
} from './backup-store';
import type { FsPort } from './fs-port';
import { sha256Hex } from './hash';
import { appendJournal } from './journal';
import type { Owner } from './ownership';

/** What is about to be changed, as read just before; `owner` null where files have none (Windows). */
export type Prepared = { mode: number; owner: Owner | null } & (
  { kind: 'file'; data: Buffer; sha256: string } | { kind: 'symlink'; linkTarget: string } | { kind: 'dir' }
);

export class BackupSession {
  private readonly savedByPath = new Map<string, Saved>();

  private constructor(
    private readonly fs: FsPort,
    readonly id: string,
    readonly dir: string,
    private readonly header: Omit<Manifest, 'items' | 'status'>,
  ) {}

  static async start(fs: FsPort, dataDir: string, manifest: Manifest): Promise<BackupSession> {
    await ensureBackupsRoot(fs, dataDir);
    const dir = backupDir(dataDir, manifest.id);
    await fs.mkdir(dir, DIR_MODE);
    await fs.mkdir(path.join(dir, 'files'), DIR_MODE);
    await writeManifest(fs, dir, manifest);
    const { items: _items, status: _status, ...header } = manifest;
    return new BackupSession(fs, manifest.id, dir, header);
  }

  /** The backup of a path already saved in this run (a shared file edited twice keeps its original). */
  savedFor(file: string): Saved | undefined {
    return this.savedByPath.get(file);
  }

  async save(index: number, file: string, prepared: Prepared): Promise<Saved> {
    const earlier = this.savedByPath.get(file);
    if (earlier !== undefined) return earlier;
    let saved: Saved;
    const owner = { uid: prepared.owner?.uid ?? null, gid: prepared.owner?.gid ?? null };
    if (prepared.kind === 'file') {
      if (sha256Hex(prepared.data) !== prepared.sha256) {
        throw new Error(`the bytes read from ${file} changed in memory before the backup`);
      }
      const name = path.join('files', String(index));
      await this.fs.writeFile(path.join(this.dir, name), prepared.data, { mode: FILE_MODE, exclusive: true });
      saved = {
        kind: 'file',
        mode: prepared.mode,
        bytes: prepared.data.length,
        sha256: prepared.sha256,
        linkTarget: null,
        file: name,
        ...owner,
      };
    } else if (prepared.kind === 'symlink') {
      const name = path.join('files', `${index}.symlink`);
      await this.fs.writeFile(path.join(this.dir, name), prepared.linkTarget, {
        mode: FILE_MODE,
        exclusive: true,
      });
      saved = {
        kind: 'symlink',
        mode: prepared.mode,
        bytes: 0,
        sha256: null,
        linkTarget: prepared.linkTarget,
        file: name,
        ...owner,
      };
    } else {
      saved = {
        kind: 'dir',
        mode: prepared.mode,
        bytes: 0,
        sha256: null,
        linkTarget: null,
        file: null,
        ...owner,
      };
    }
    await appendJournal(this.fs, this.dir, [{ i: index, step: 'saved', saved }]);
    this.savedByPath.set(file, saved);
    return saved;
  }

  /** Flushed before the rename, so recovery knows the new content is ours. */
  async editing(index: number, before: string | null, after: string, temp: string): Promise<void> {
    await appendJournal(this.fs, this.dir, [{ i: index, step: 'editing', before, after, temp }], true);
  }

  /** One append for all the items a step finished (a shared file edited for many entries). */
  async done(...indexes: number[]): Promise<void> {
    await appendJournal(
      this.fs,
      this.dir,
      indexes.map((i) => ({ i, step: 'done' as const })),
    );
  }

  async finish(items: ManifestItem[]): Promise<void> {
    await writeManifest(this.fs, this.dir, { ...this.header, status: 'complete', items });
    await this.fs.unlink(journalPath(this.dir)).catch(() => undefined);
  }

  /** Nothing was changed: the folder holds nothing worth keeping. */
  async discard(): Promise<void> {
    await this.fs.removeTree(this.dir);
  }
}

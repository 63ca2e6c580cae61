/**
 * Every file operation reset, undo and recovery perform goes through this port, so tests can
 * inject the failures this machine cannot produce (a file locked on Windows, a full disk,
 * permission denied while running as root) at exactly one call.
 */
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';

export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface EntryStat {
  kind: EntryKind;
  /** Permission bits only (`mode & 0o7777`). */
  mode: number;
  size: number;
  mtimeMs: number;
  /** Owner (0 on Windows, where ownership is not kept this way). */
  uid: number;
  gid: number;
}

export interface WriteOptions {
  mode: number;
  /** Fail with EEXIST instead of replacing an existing file. */
  exclusive?: boolean;
}

export interface FsPort {
  /** lstat: never follows a symbolic link. Null when nothing is there. */
  lstat(path: string): Promise<EntryStat | null>;
  readFile(path: string): Promise<Buffer>;
  readlink(path: string): Promise<string>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  /** Writes the whole file, sets `mode` exactly (no umask), and flushes it to disk. */
  writeFile(path: string, data: Buffer | string, options: WriteOptions): Promise<void>;
  /** Appends a journal line; flushed to disk only when `sync` is set. */
  appendFile(path: string, data: string, options?: { sync?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Removes an empty directory. */
  rmdir(path: string): Promise<void>;
  /** Creates one directory with exactly `mode`; EEXIST when it is there. */
  mkdir(path: string, mode: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Sets the owner without following a final link (no-op on Windows). */
  lchown(path: string, uid: number, gid: number): Promise<void>;
  /** Sets the modification time to now (the reset lock's heartbeat). */
  touch(path: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  /** Removes a whole backup folder (retention purge only; never used on a client's files). */
  removeTree(path: string): Promise<void>;
  /** Flushes a directory so a rename or unlink in it survives a power cut (no-op where unsupported). */
  syncDir(path: string): Promise<void>;
}

function kindOf(stat: Stats): EntryKind {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'dir';
  return 'other';
}

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

export const nodeFsPort: FsPort = {
  async lstat(path) {
    try {
      const st = await fs.lstat(path);
      return {
        kind: kindOf(st),
        mode: st.mode & 0o7777,
        size: st.size,
        mtimeMs: st.mtimeMs,
        uid: st.uid,
        gid: st.gid,
      };
    } catch (err) {
      if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return null;
      throw err;
    }
  },
  readFile: (path) => fs.readFile(path),
  readlink: (path) => fs.readlink(path),
  realpath: (path) => fs.realpath(path),
  readdir: (path) => fs.readdir(path),
  async writeFile(path, data, options) {
    const handle = await fs.open(path, options.exclusive === true ? 'wx' : 'w', options.mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(options.mode);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  async appendFile(path, data, options) {
    const handle = await fs.open(path, 'a', 0o600);
    try {
      await handle.writeFile(data);
      if (options?.sync === true) await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  rmdir: (path) => fs.rmdir(path),
  async mkdir(path, mode) {
    await fs.mkdir(path, { mode });
    await fs.chmod(path, mode);
  },
  chmod: (path, mode) => fs.chmod(path, mode),
  async lchown(path, uid, gid) {
    if (process.platform !== 'win32') await fs.lchown(path, uid, gid);
  },
  async touch(path) {
    const now = new Date();
    await fs.utimes(path, now, now);
  },
  symlink: (target, path) => fs.symlink(target, path),
  removeTree: (path) => fs.rm(path, { recursive: true, force: true }),
  async syncDir(path) {
    if (process.platform === 'win32') return;
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, 'r');
      await handle.sync();
    } catch {
      // Some file systems refuse fsync on a directory; the data files were flushed already.
    } finally {
      await handle?.close();
    }
  },
};

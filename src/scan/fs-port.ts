/**
 * The few file-system calls the scanner makes, as a port (tests inject failures through it: root
 * ignores file modes). The real one never follows a symlink: directories are listed with their
 * entries' own types (lstat semantics) and files are opened with O_NOFOLLOW where the OS has it,
 * so a link swapped in after the listing is refused, not followed. The size, mode and mtime come
 * from the open descriptor, so they describe the very bytes that were read.
 *
 * The calls are synchronous on purpose: a scan reads many small files, and a synchronous read is
 * several times cheaper than a promise round-trip through libuv's thread pool. The engine yields
 * to the event loop every few milliseconds so a caller's UI stays responsive.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

/** What the scan needs of a file's stat (fs.Stats has it; the read-ahead thread sends just this). */
export interface FileStat {
  size: number;
  mtimeMs: number;
  mode: number;
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

export interface ReadResult {
  stat: FileStat;
  /** Null when the file is over `maxBytes` or is not a regular file (then it is not read). */
  bytes: Buffer | null;
  /** sha256 hex of `bytes`, when the reader already has it (the read-ahead thread computes it). */
  sha256?: string;
}

export interface TextResult {
  stat: FileStat;
  /**
   * The bytes as UTF-8 text (BOM kept); null when they were not read (see `bytes`) or are not
   * valid UTF-8.
   */
  text: string | null;
  /** The bytes read (null as in ReadResult): the scan hashes these, not the text. */
  bytes: Buffer | null;
  /** As in ReadResult. */
  sha256?: string;
}

export interface ScanFs {
  lstat: (path: string) => Stats;
  readdir: (path: string) => Dirent[];
  /** Opens a regular file without following a final symlink, and reads it if within `maxBytes`. */
  readFile: (path: string, maxBytes: number) => ReadResult;
  /** The same for a file meant to be UTF-8 text, decoded when it is valid UTF-8. */
  readText: (path: string, maxBytes: number) => TextResult;
  realpath: (path: string) => string;
}

export const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
/**
 * Only what the listing saw as a regular file is opened, but something else can be swapped in
 * before the open: O_NONBLOCK keeps a FIFO from blocking it and O_NOCTTY keeps a terminal from
 * becoming the process's own (either is then closed unread: fstat says it is no regular file).
 * Neither changes how a regular file is read.
 */
export const OPEN_FLAGS =
  fs.constants.O_RDONLY | NOFOLLOW | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** A read's bytes as UTF-8 text too. */
export function asText(read: ReadResult): TextResult {
  const { bytes } = read;
  // isUtf8 is a vectorised check; decoding only then means the text is exactly the bytes.
  const text = bytes !== null && isUtf8(bytes) ? bytes.toString('utf8') : null;
  return read.sha256 === undefined
    ? { stat: read.stat, text, bytes }
    : { stat: read.stat, text, bytes, sha256: read.sha256 };
}

function readFileNoFollow(p: string, maxBytes: number): ReadResult {
  if (NOFOLLOW === 0) {
    // No O_NOFOLLOW (Windows): the lstat is what refuses a link.
    const linkStat = fs.lstatSync(p);
    if (!linkStat.isFile()) return { stat: linkStat, bytes: null };
  }
  const fd = fs.openSync(p, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return { stat, bytes: null };
    // One read of the size fstat reported (cheaper than readFileSync's stat-and-loop on an fd);
    // a file that grew meanwhile is read up to that size, a file that shrank to what is there.
    const bytes = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const n = fs.readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return { stat, bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) };
  } finally {
    fs.closeSync(fd);
  }
}

export const nodeScanFs: ScanFs = {
  lstat: (p) => fs.lstatSync(p),
  readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
  readFile: readFileNoFollow,
  readText: (p, maxBytes) => asText(readFileNoFollow(p, maxBytes)),
  realpath: (p) => fs.realpathSync.native(p),
};

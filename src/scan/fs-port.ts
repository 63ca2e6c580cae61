/**
 * The few file-system calls the scanner makes, as a port (tests inject failures through it: root
 * ignores file modes). The real one never follows a symlink: directories are listed with their
 * entries' own types (lstat semantics) and files are opened with O_NOFOLLOW where the OS has it,
 * so a link swapped in after the listing is refused, not followed.
 *
 * The calls are synchronous on purpose: a scan reads many small files, and a synchronous read is
 * several times cheaper than a promise round-trip through libuv's thread pool. The engine yields
 * to the event loop between batches so a caller's UI stays responsive.
 */
import fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

export interface ReadResult {
  stat: Stats;
  /** Null when the file is over `maxBytes` (then it is not read). */
  bytes: Buffer | null;
}

export interface TextResult {
  stat: Stats;
  /** Null when the file is over `maxBytes` or is not a regular file (then it is not read). */
  text: string | null;
}

export interface ScanFs {
  lstat: (path: string) => Stats;
  readdir: (path: string) => Dirent[];
  /** Opens a regular file without following a final symlink, and reads it if within `maxBytes`. */
  readFile: (path: string, maxBytes: number) => ReadResult;
  /** The same for a UTF-8 text file, decoded (invalid sequences become U+FFFD). */
  readText: (path: string, maxBytes: number) => TextResult;
  realpath: (path: string) => string;
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export const nodeScanFs: ScanFs = {
  lstat: (p) => fs.lstatSync(p),
  readdir: (p) => fs.readdirSync(p, { withFileTypes: true }),
  readFile(p, maxBytes) {
    const fd = fs.openSync(p, fs.constants.O_RDONLY | NOFOLLOW);
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
  },
  readText(p, maxBytes) {
    const stat = fs.lstatSync(p);
    if (!stat.isFile() || stat.size > maxBytes) return { stat, text: null };
    // O_NOFOLLOW: a link swapped in since the lstat is refused (ELOOP), never followed.
    // (Node takes numeric open flags here; its types only list the string forms.)
    const flag = (fs.constants.O_RDONLY | NOFOLLOW) as unknown as string;
    return { stat, text: fs.readFileSync(p, { encoding: 'utf8', flag }) };
  },
  realpath: (p) => fs.realpathSync.native(p),
};

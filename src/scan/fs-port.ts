/**
 * The few file-system calls the scanner makes, as a port. The real one never follows a symlink:
 * directories are listed with their entries' own types (lstat semantics) and files are opened with
 * O_NOFOLLOW where the OS has it, so a link swapped in after the listing is refused, not followed.
 */
import fs from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

export interface OpenedFile {
  stat: Stats;
  /** Reads the whole file; only called when the size is within the limit. */
  read: () => Promise<Buffer>;
  close: () => Promise<void>;
}

export interface ScanFs {
  lstat: (path: string) => Promise<Stats>;
  readdir: (path: string) => Promise<Dirent[]>;
  /** Opens a regular file for reading without following a final symlink. */
  open: (path: string) => Promise<OpenedFile>;
  realpath: (path: string) => Promise<string>;
}

const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export const nodeScanFs: ScanFs = {
  lstat: (p) => fs.promises.lstat(p),
  readdir: (p) => fs.promises.readdir(p, { withFileTypes: true }),
  async open(p) {
    const handle = await fs.promises.open(p, fs.constants.O_RDONLY | NOFOLLOW);
    try {
      const stat = await handle.stat();
      return { stat, read: () => handle.readFile(), close: () => handle.close() };
    } catch (err) {
      await handle.close();
      throw err;
    }
  },
  realpath: (p) => fs.promises.realpath(p),
};

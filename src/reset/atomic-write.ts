/**
 * Replace a file's content in one step: the new bytes go to a temp file next to it (flushed to
 * disk, given the final mode and owner), then a rename swaps it in. A reader, a crash or a full
 * disk sees either the old file or the new one, never half of either. The temp name is
 * predictable so an interrupted run's leftover can be found and removed by recovery.
 */
import path from 'node:path';
import type { FsPort } from './fs-port';
import { giveTo, type Owner } from './ownership';

export function tempPathFor(file: string, runId: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.mad-${runId}.tmp`);
}

export interface AtomicWrite {
  mode: number;
  /** Who the file must belong to (the original's owner); null: whoever we are. */
  owner: Owner | null;
  runId: string;
  afterTempWritten?: () => void;
  /** Where to leave the folder flush for later (a batch flushes each folder once at its end). */
  deferDirSync?: Set<string>;
}

export async function writeAtomic(
  fs: FsPort,
  file: string,
  data: Buffer,
  options: AtomicWrite,
): Promise<void> {
  const { mode, owner, runId, deferDirSync } = options;
  const temp = tempPathFor(file, runId);
  // A leftover from an earlier interrupted attempt of this same run would block the exclusive create.
  if ((await fs.lstat(temp))?.kind === 'file') await fs.unlink(temp);
  try {
    await fs.writeFile(temp, data, { mode, exclusive: true });
    await giveTo(fs, temp, owner);
    // chown(2) clears set-user/group-id bits: put them back after it.
    if (owner !== null && (mode & 0o6000) !== 0) await fs.chmod(temp, mode);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  options.afterTempWritten?.();
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  if (deferDirSync !== undefined) deferDirSync.add(path.dirname(file));
  else await fs.syncDir(path.dirname(file));
}

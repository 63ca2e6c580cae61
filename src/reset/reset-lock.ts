/**
 * One reset, undo or purge at a time per data folder (the desktop app and the CLI share it):
 * `reset.lock` holds the owner's pid. A lock whose process is gone belongs to a run that crashed;
 * the next run takes it over and recovers what that run left.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureDir } from './backup-store';
import { ResetError } from './fs-errors';
import { errorCode, type FsPort } from './fs-port';

/** Tokens of locks this process holds right now (an in-process simulated crash drops its token). */
const liveTokens = new Set<string>();

interface LockContent {
  pid: number;
  token: string;
  startedAt: string;
}

export interface HeldLock {
  /** Normal end: the lock file is removed. */
  release: () => Promise<void>;
  /** The holder "died" (test crash): the file stays behind, exactly as after a kill. */
  abandon: () => void;
}

function isStale(content: LockContent | null, isAlive: (pid: number) => boolean): boolean {
  if (content === null) return true;
  if (content.pid === process.pid) return !liveTokens.has(content.token);
  return !isAlive(content.pid);
}

async function readLock(fs: FsPort, file: string): Promise<LockContent | null> {
  try {
    const parsed = JSON.parse((await fs.readFile(file)).toString('utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string'
      ? (parsed as LockContent)
      : null;
  } catch {
    return null;
  }
}

export async function acquireResetLock(
  fs: FsPort,
  dataDir: string,
  isAlive: (pid: number) => boolean,
  now: Date,
): Promise<HeldLock> {
  await ensureDir(fs, dataDir);
  const file = path.join(dataDir, 'reset.lock');
  const token = randomBytes(8).toString('hex');
  const content: LockContent = { pid: process.pid, token, startedAt: now.toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(content), { mode: 0o600, exclusive: true });
      break;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST' || attempt > 0) throw err;
      const held = await readLock(fs, file);
      if (!isStale(held, isAlive)) {
        throw new ResetError(
          `another reset or undo is running (pid ${held?.pid ?? '?'}, since ${held?.startedAt ?? '?'}); wait for it to finish`,
        );
      }
      await fs.unlink(file).catch(() => undefined);
    }
  }
  liveTokens.add(token);
  return {
    async release() {
      liveTokens.delete(token);
      if ((await readLock(fs, file))?.token === token) await fs.unlink(file).catch(() => undefined);
    },
    abandon() {
      liveTokens.delete(token);
    },
  };
}

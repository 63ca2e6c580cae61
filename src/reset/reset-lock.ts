/**
 * One reset, undo or purge at a time per data folder (the desktop app and the CLI share it):
 * `reset.lock` holds the owner's pid, and its modification time is the owner's heartbeat.
 *
 * A lock is stale — left by a run that crashed — when its process is gone, or when it has had no
 * heartbeat for STALE_AFTER_MS (its pid may since have been reused by an unrelated program, which
 * a pid check alone would take for the owner forever). The holder touches the file every
 * HEARTBEAT_MS; a lock is only ever held while working (never while a prompt waits for the user),
 * so a live holder misses ten heartbeats in a row only if it is hung. The next run takes a stale
 * lock over and recovers what that run left.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ensureDir } from './backup-store';
import { ResetError } from './fs-errors';
import { errorCode, type FsPort } from './fs-port';

export const HEARTBEAT_MS = 60_000;
export const STALE_AFTER_MS = 10 * HEARTBEAT_MS;
/** A lock file still being written by its creator reads as empty for a moment. */
const BEING_WRITTEN_MS = 5_000;

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

export const lockPath = (dataDir: string): string => path.join(dataDir, 'reset.lock');

interface LockState {
  content: LockContent | null;
  /** Since the last heartbeat (or the file's creation). */
  ageMs: number;
}

function isStale(lock: LockState, isAlive: (pid: number) => boolean): boolean {
  const { content, ageMs } = lock;
  if (content === null) return ageMs > BEING_WRITTEN_MS;
  if (content.pid === process.pid) return !liveTokens.has(content.token);
  return !isAlive(content.pid) || ageMs > STALE_AFTER_MS;
}

async function readLock(fs: FsPort, file: string): Promise<LockState | null> {
  const st = await fs.lstat(file).catch(() => null);
  if (st === null) return null;
  const ageMs = Date.now() - st.mtimeMs;
  try {
    const parsed = JSON.parse((await fs.readFile(file)).toString('utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string'
      ? { content: parsed as LockContent, ageMs }
      : { content: null, ageMs };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    return { content: null, ageMs };
  }
}

/** Read-only: whether a live run holds the lock now. */
export async function readResetLock(
  fs: FsPort,
  dataDir: string,
  isAlive: (pid: number) => boolean,
): Promise<{ held: boolean; pid: number | null }> {
  const lock = await readLock(fs, lockPath(dataDir));
  if (lock === null || isStale(lock, isAlive)) return { held: false, pid: null };
  return { held: true, pid: lock.content?.pid ?? null };
}

export async function acquireResetLock(
  fs: FsPort,
  dataDir: string,
  isAlive: (pid: number) => boolean,
  now: Date,
): Promise<HeldLock> {
  await ensureDir(fs, dataDir);
  const file = lockPath(dataDir);
  const token = randomBytes(8).toString('hex');
  const content: LockContent = { pid: process.pid, token, startedAt: now.toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, JSON.stringify(content), { mode: 0o600, exclusive: true });
      break;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST' || attempt > 0) throw err;
      const held = await readLock(fs, file);
      if (held !== null && !isStale(held, isAlive)) {
        const who =
          held.content !== null
            ? `pid ${held.content.pid}, since ${held.content.startedAt}`
            : 'its lock file is being written';
        throw new ResetError(
          `another reset or undo is running (${who}; lock file ${file}); wait for it to finish. ` +
            `If none is running, the lock is taken over by itself ${Math.round(STALE_AFTER_MS / 60_000)} minutes after its last sign of life, or remove ${file}`,
        );
      }
      await fs.unlink(file).catch(() => undefined);
    }
  }
  liveTokens.add(token);
  const heartbeat = setInterval(() => {
    void fs.touch(file).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    async release() {
      clearInterval(heartbeat);
      liveTokens.delete(token);
      if ((await readLock(fs, file))?.content?.token === token) await fs.unlink(file).catch(() => undefined);
    },
    abandon() {
      clearInterval(heartbeat);
      liveTokens.delete(token);
    },
  };
}

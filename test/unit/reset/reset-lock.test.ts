/**
 * The data-folder lock: a live holder keeps it (with a heartbeat), a dead one loses it, and so
 * does a holder that has shown no sign of life for ten minutes — its pid may belong to some
 * unrelated program by now, which a pid check alone would trust forever.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyPlan, nodeFsPort, planReset, type FsPort } from '../../../src/reset/index';
import { acquireResetLock, HEARTBEAT_MS, STALE_AFTER_MS } from '../../../src/reset/reset-lock';
import { tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome, type TypicalHome } from './helpers/typical-home';

let t: TypicalHome;
let data: TempDir;
let lockFile: string;
/** Alive, and not ours: the test runner that started this worker. */
const LIVE_PID = process.ppid;

beforeEach(() => {
  t = typicalHome();
  data = tempDir();
  lockFile = path.join(data.dir, 'reset.lock');
});
afterEach(() => {
  vi.useRealTimers();
  t.home.cleanup();
  data.cleanup();
});

function plantLock(pid: number, ageMs: number): void {
  fs.writeFileSync(lockFile, JSON.stringify({ pid, token: 'other', startedAt: '2026-11-26T11:00:00.000Z' }));
  const then = new Date(Date.now() - ageMs);
  fs.utimesSync(lockFile, then, then);
}

async function resetA() {
  const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
  return applyPlan(t.home.ctx, plan, { dataDir: data.dir }, { dryRun: false });
}

describe('the reset lock', () => {
  it('a live holder with a recent heartbeat keeps it; the refusal names the lock file', async () => {
    plantLock(LIVE_PID, 60_000);
    await expect(resetA()).rejects.toThrow(
      new RegExp(
        `another reset or undo is running \\(pid ${LIVE_PID}, .*lock file ${lockFile.replace(/[.]/g, '\\.')}`,
      ),
    );
    expect(fs.existsSync(t.paths.aTokens)).toBe(true);
  });

  it('a lock whose pid is alive but which has had no heartbeat for ten minutes is stale (pid reused)', async () => {
    plantLock(LIVE_PID, STALE_AFTER_MS + 60_000);
    const result = await resetA();
    expect(result.items.every((i) => i.status === 'done')).toBe(true);
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('a lock whose process is gone is stale however fresh it is', async () => {
    plantLock(2 ** 22 + 12345, 0);
    expect((await resetA()).items.every((i) => i.status === 'done')).toBe(true);
  });

  it('the holder touches the lock while it works, so a long run is never taken for a dead one', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const touched: string[] = [];
    const port: FsPort = {
      ...nodeFsPort,
      touch: (p) => {
        touched.push(p);
        return nodeFsPort.touch(p);
      },
    };
    const lock = await acquireResetLock(port, data.dir, () => true, new Date());
    vi.advanceTimersByTime(HEARTBEAT_MS * 3);
    expect(touched).toEqual([lockFile, lockFile, lockFile]);
    await lock.release();
    vi.advanceTimersByTime(HEARTBEAT_MS * 3);
    expect(touched).toHaveLength(3);
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});

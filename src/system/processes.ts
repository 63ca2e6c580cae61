/**
 * The real process list, for the CLI and the Electron main process. Tests hand in their own
 * ProcessPort instead (see process-port.ts).
 */
import path from 'node:path';
import { contextFromProcess, type Context } from '../context';
import type { ProcessInfo, ProcessPort } from './process-port';

/** What ps-list returns that we use; declared here so a fake lister needs no ps-list types. */
export interface ListedProcess {
  pid: number;
  name: string;
  cmd?: string;
}

export type ProcessLister = () => Promise<readonly ListedProcess[]>;

/**
 * ps-list is ESM-only; a dynamic import keeps it loadable from the CommonJS CLI bundle, and means
 * nothing spawns `ps` until someone asks for the list.
 */
const psListLister: ProcessLister = async () => {
  const { default: psList } = await import('ps-list');
  return psList();
};

/**
 * Whether a process with this pid exists. Signal 0 checks without delivering anything; EPERM
 * means it exists but belongs to someone else, which still counts as alive for a lock file.
 */
export function isAlive(pid: number): boolean {
  // 0 and negative pids address process groups in kill(2): never a lock file's owner.
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createProcessPort(lister: ProcessLister = psListLister): ProcessPort {
  return {
    async list(): Promise<ProcessInfo[]> {
      const listed = await lister();
      return listed.map((p) => ({
        pid: p.pid,
        name: p.name,
        ...(p.cmd !== undefined && p.cmd !== '' ? { cmd: p.cmd } : {}),
      }));
    },
    isAlive,
  };
}

/** The machine's own process list (ps on macOS/Linux, fastlist on Windows, via ps-list). */
export const realProcessPort: ProcessPort = createProcessPort();

/**
 * The real process list when `ctx` is this machine's own home and OS; undefined for a copy read
 * with --home or --platform, where pids and process names mean nothing. Compared with this
 * process's own context, not with `ctx.env`: --home points HOME in `ctx.env` at the copy.
 */
export function processesForHome(
  ctx: Context,
  self: Context = contextFromProcess(),
): ProcessPort | undefined {
  const own = self.home !== '' && path.resolve(ctx.home) === path.resolve(self.home);
  return own && ctx.platform === self.platform ? realProcessPort : undefined;
}

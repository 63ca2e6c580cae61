/**
 * A file-system port that fails on cue: the Windows "file in use" lock, a full disk and
 * permission denied cannot be produced on this Linux box running as root, so they are injected at
 * the one call where they would happen.
 */
import { nodeFsPort, type FsPort } from '../../../../src/reset/fs-port';

export type FsOp = keyof FsPort;

export interface Fault {
  op: FsOp;
  /** Which path (the first argument; for rename, the destination) fails. */
  when: (path: string) => boolean;
  code: 'ENOSPC' | 'EBUSY' | 'EACCES' | 'EPERM' | 'EIO';
  /** How many times it fails (default: always). */
  times?: number;
}

export function errnoError(code: string, op: string, path: string): NodeJS.ErrnoException {
  const err = new Error(`${code}: simulated, ${op} '${path}'`) as NodeJS.ErrnoException;
  err.code = code;
  err.path = path;
  return err;
}

export function faultyFs(faults: Fault[], base: FsPort = nodeFsPort): FsPort & { hits: string[] } {
  const left = faults.map((f) => f.times ?? Infinity);
  const hits: string[] = [];
  const port = { hits } as FsPort & { hits: string[] };
  for (const op of Object.keys(base) as FsOp[]) {
    const original = base[op] as (...args: unknown[]) => Promise<unknown>;
    (port as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => {
      const path = String(op === 'rename' || op === 'symlink' ? args[1] : args[0]);
      const i = faults.findIndex((f, k) => f.op === op && left[k]! > 0 && f.when(path));
      if (i >= 0) {
        left[i]! -= 1;
        hits.push(`${op} ${path}`);
        return Promise.reject(errnoError(faults[i]!.code, op, path));
      }
      return original(...args);
    };
  }
  return port;
}

/**
 * Files a reset rewrites, and files an undo or a recovery recreates, keep their owner. Run as
 * root (sudo, a container, a system service), a new file would otherwise belong to root, and a
 * user whose 0600 credentials file became root's can no longer read their own login. As
 * write-file-atomic does, the owner is given to the temp file before it is renamed into place,
 * and only where that is possible: root may give a file to anyone; any other user only ever
 * creates files that are already theirs (a group change is tried, and allowed to fail).
 */
import { errorCode, type FsPort } from './fs-port';

export interface Owner {
  uid: number;
  gid: number;
}

/** Who we run as; null where files have no POSIX owner (Windows). */
export function processOwner(): Owner | null {
  if (typeof process.getuid !== 'function' || typeof process.getgid !== 'function') return null;
  return { uid: process.getuid(), gid: process.getgid() };
}

/** The owner recorded for a path, when there is one worth keeping. */
export function ownerOf(
  value: { uid?: number | null; gid?: number | null } | null | undefined,
): Owner | null {
  if (value === null || value === undefined) return null;
  const { uid, gid } = value;
  return typeof uid === 'number' && typeof gid === 'number' ? { uid, gid } : null;
}

/**
 * Gives `path` (never followed if it is a link) to `owner`. A file system without owners
 * (ENOSYS, or EINVAL/EPERM when we are not root) is not an error: the file is ours there anyway.
 */
export async function giveTo(fs: FsPort, path: string, owner: Owner | null): Promise<void> {
  const me = processOwner();
  if (owner === null || me === null) return;
  const root = me.uid === 0;
  // As root the new file's group may come from a setgid folder: set both, always (one syscall).
  if (!root && owner.uid === me.uid && owner.gid === me.gid) return;
  try {
    await fs.lchown(path, owner.uid, owner.gid);
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOSYS' || code === 'ENOTSUP' || (!root && (code === 'EINVAL' || code === 'EPERM'))) return;
    throw err;
  }
}

/** The owner an lstat saw, where files have owners. */
export function statOwner(st: { uid: number; gid: number }): Owner | null {
  return processOwner() === null ? null : { uid: st.uid, gid: st.gid };
}

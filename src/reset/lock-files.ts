/**
 * mcp-remote coordinates its processes with small JSON files holding a pid: `<hash>_lock.json`
 * (`{pid, port, timestamp}`, releases up to 0.1.x) and `<hash>_refresh_in_progress.json`
 * (`{pid, nonce, at}`, 0.15). While that process lives, the file is in use and is left alone.
 */
import path from 'node:path';
import type { ClientId } from '../model/scan';

const LOCK_NAME = /_(lock|refresh_in_progress)\.json$/;

export function lockOwnerPid(client: ClientId, file: string, bytes: Buffer): number | null {
  if (client !== 'mcp-remote' || !LOCK_NAME.test(path.basename(file))) return null;
  try {
    const pid = (JSON.parse(bytes.toString('utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

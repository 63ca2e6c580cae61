import { createHash } from 'node:crypto';

/** sha256 hex of bytes: how the scan and the backups name a file's content. */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

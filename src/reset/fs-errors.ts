/**
 * Turns a file-system error into one plain sentence naming the file. Messages are built here from
 * the error code only: a library's own message can quote file contents (JSON.parse does), and a
 * file's contents may be a secret.
 */
import { errorCode } from './fs-port';

export function describeFsError(err: unknown, path: string, doing: string): string {
  const code = errorCode(err);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied while ${doing} ${path}; nothing else was changed`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${path} is locked by another program (often the client itself) while ${doing} it; quit the client and try again`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full while ${doing} ${path}; free some space and try again`;
    case 'ELOOP':
      return `${path} is reached through a loop of symbolic links; not touched`;
    case 'EROFS':
      return `${path} is on a read-only disk`;
    case 'ENOENT':
      return `${path} disappeared while ${doing} it`;
    case 'EEXIST':
      return `${path} already exists`;
    case 'ENOTEMPTY':
      return `${path} is not empty`;
    case 'EMFILE':
    case 'ENFILE':
      return `too many open files while ${doing} ${path}; try again`;
    default:
      return `could not finish ${doing} ${path} (${code ?? 'unexpected error'})`;
  }
}

/** An error whose message is already safe to show (built by us, names the file). */
export class ResetError extends Error {
  override name = 'ResetError';
}

/**
 * Failures as the user reads them: plain words, no stack, no secret. Both the IPC layer and the
 * test bridge send errors through `toErrorPayload`, so the window never sees a raw Node error.
 */
import type { ApiErrorPayload } from '../contract';
import { redactText } from '../redact/index';

/** An error whose message is already written for the user. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A core module that has not been wired into the app yet: a plain refusal, never a fake result. */
export function notAvailable(what: string): ApiError {
  return new ApiError(`${what} is not available yet in this version of the app.`, 'not-available');
}

const MAX_MESSAGE = 500;

/**
 * Errors come from parsers and the file system; none should hold a secret, but a message built
 * from user input (a pasted URL, an error text) could: the shared redactor, as the CLI uses.
 */
export function scrubSecrets(text: string): string {
  return redactText(text);
}

const ERRNO_WORDS: Record<string, (path: string | null) => string> = {
  EACCES: (p) => `Permission denied${p ? `: ${p}` : ''}. Check that you can read and write it.`,
  EPERM: (p) => `The operating system refused the change${p ? ` to ${p}` : ''}.`,
  ENOENT: (p) => `Not found${p ? `: ${p}` : ''}. It may have been moved or deleted.`,
  EBUSY: (p) => `In use by another program${p ? `: ${p}` : ''}. Quit that program and try again.`,
  ENOSPC: () => 'The disk is full. Free some space and try again.',
  EROFS: (p) => `The disk is read-only${p ? `: ${p}` : ''}.`,
};

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** Maps anything thrown to `{message, code?}` the renderer may show as it is. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiError) return { message: scrubSecrets(firstLine(error.message)), code: error.code };
  if (error instanceof Error) {
    const errno = (error as NodeJS.ErrnoException).code;
    const path = (error as NodeJS.ErrnoException).path ?? null;
    if (errno !== undefined && errno in ERRNO_WORDS) {
      return { message: scrubSecrets(ERRNO_WORDS[errno]!(path)), code: errno };
    }
    const message = firstLine(error.message).trim();
    return { message: message !== '' ? scrubSecrets(message) : 'Something went wrong.', code: 'failed' };
  }
  return { message: 'Something went wrong.', code: 'failed' };
}

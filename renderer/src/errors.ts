/**
 * Turns whatever an API call threw into one sentence a person can read. Electron wraps errors
 * thrown in main as "Error invoking remote method '<channel>': Error: <message>"; only the
 * message is meant for the user.
 */
const IPC_PREFIX = /^Error invoking remote method '[^']*':\s*/;
const ERROR_NAME_PREFIX = /^(?:[A-Za-z]*Error:\s*)+/;

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

function clean(message: string): string {
  const text = message.replace(IPC_PREFIX, '').replace(ERROR_NAME_PREFIX, '').trim();
  // A stack trace or a multi-line dump is not a message for people.
  const firstLine = text.split('\n')[0]?.trim() ?? '';
  return firstLine === '' ? GENERIC_ERROR : firstLine;
}

export function toUserMessage(error: unknown): string {
  if (typeof error === 'string') return clean(error);
  if (error instanceof Error) return clean(error.message);
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = error.message;
    if (typeof message === 'string') return clean(message);
  }
  return GENERIC_ERROR;
}

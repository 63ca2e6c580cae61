/** What travels back over IPC: a value, or an error already in plain words. Shared with the preload. */
import type { ApiErrorPayload } from '../src/contract';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/**
 * The ONE way an operation is registered: `handle` checks the sender (our window, its main
 * frame, our page), validates the single argument with the operation's zod schema, calls the
 * core and wraps the outcome in an IpcResult so the renderer gets plain words, never a stack.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  OPERATION_NAMES,
  channelOf,
  type ApiRequest,
  type ApiResponse,
  type CoreApi,
  type OperationName,
} from '../src/contract';
import { toErrorPayload } from '../src/api/errors';
import type { IpcResult } from './ipc-result';
import { REQUEST_SCHEMAS, describeIssues } from './schemas';
import type { TrustedSenders } from './trusted-senders';

export type Log = (line: string) => void;

export function handle<K extends OperationName>(
  name: K,
  trusted: TrustedSenders,
  implementation: (request: ApiRequest<K>) => Promise<ApiResponse<K>>,
  log: Log = (line) => console.warn(line),
): void {
  const schema = REQUEST_SCHEMAS[name];
  ipcMain.handle(
    channelOf(name),
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<ApiResponse<K>>> => {
      const refusal = trusted.refusal(event);
      if (refusal !== null) {
        log(`[ipc] refused ${name}: ${refusal}`);
        return {
          ok: false,
          error: {
            message: 'This request did not come from the app window, so it was refused.',
            code: 'untrusted-sender',
          },
        };
      }
      if (args.length > 1) {
        return {
          ok: false,
          error: { message: `The app sent too many arguments to ${name}.`, code: 'bad-request' },
        };
      }
      const parsed = schema.safeParse(args[0] === undefined ? {} : args[0]);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            message: `The app sent an invalid request to ${name} (${describeIssues(parsed.error)}).`,
            code: 'bad-request',
          },
        };
      }
      try {
        return { ok: true, value: await implementation(parsed.data) };
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      }
    },
  );
}

/** Registers every operation of the contract; returns a function that removes them again. */
export function registerCoreApi(api: CoreApi, trusted: TrustedSenders, log?: Log): () => void {
  for (const name of OPERATION_NAMES) registerOne(name, api, trusted, log);
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}

function registerOne<K extends OperationName>(
  name: K,
  api: CoreApi,
  trusted: TrustedSenders,
  log?: Log,
): void {
  const implementation = api[name] as (request: ApiRequest<K>) => Promise<ApiResponse<K>>;
  handle(name, trusted, (request) => implementation(request), log);
}

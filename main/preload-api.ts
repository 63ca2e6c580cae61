/**
 * Builds the object the preload exposes: one function per operation, plus `on`. Kept apart from
 * preload.ts so it can be built against a fake ipcRenderer in tests. Listeners get the payload
 * only, never the IpcRendererEvent (which would hand the page `ipcRenderer` itself).
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  channelOf,
  type ApiEvents,
  type DesktopApi,
  type EventName,
  type OperationName,
} from '../src/contract';
import type { IpcResult } from './ipc-result';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

function invoker(ipc: IpcLike, name: OperationName) {
  return async (request: unknown): Promise<unknown> => {
    const result = (await ipc.invoke(channelOf(name), request)) as IpcResult<unknown>;
    if (result.ok) return result.value;
    const error = new Error(result.error.message);
    if (result.error.code !== undefined) Object.assign(error, { code: result.error.code });
    throw error;
  };
}

export function buildDesktopApi(ipc: IpcLike): Readonly<DesktopApi> {
  const api: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) api[name] = invoker(ipc, name);
  api.on = <E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): (() => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event))
      throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('A listener must be a function.');
    const channel = channelOf(event);
    const wrapped = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  return Object.freeze(api) as unknown as Readonly<DesktopApi>;
}

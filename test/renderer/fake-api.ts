/**
 * A fake DesktopApi for store tests: every operation is a vi.fn that fails loudly unless a test
 * gives it an answer, and `emit` plays the part of main pushing an event.
 */
import { vi, type Mock } from 'vitest';
import {
  OPERATION_NAMES,
  type ApiEvents,
  type ApiRequest,
  type ApiResponse,
  type DesktopApi,
  type EventName,
  type OperationName,
} from '../../src/contract';

export type FakeOps = { [K in OperationName]: Mock<(request: ApiRequest<K>) => Promise<ApiResponse<K>>> };

export interface FakeApi {
  api: DesktopApi;
  ops: FakeOps;
  emit: <E extends EventName>(event: E, payload: ApiEvents[E]) => void;
  listenerCount: () => number;
}

export function makeFakeApi(): FakeApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const ops = {} as Record<OperationName, Mock>;
  for (const name of OPERATION_NAMES) {
    ops[name] = vi.fn(() => Promise.reject(new Error(`${name} was not stubbed in this test`)));
  }
  const api = {
    ...ops,
    on(event: EventName, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as DesktopApi;
  return {
    api,
    ops: ops,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

/** A promise a test resolves when it chooses, to order overlapping calls. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
} {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

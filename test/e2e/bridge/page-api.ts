/**
 * What runs INSIDE the page (an init script, before the app's own script): it builds
 * `window.mcpAuthDoctor` the way the preload does (one frozen object, one function per
 * operation, `on` returning an unsubscribe, errors as plain Error messages) on top of a
 * Playwright binding that forwards each call to the real core in the test process.
 * Must be self-contained: Playwright sends its source text to the page.
 */
export interface BridgeResult {
  ok: boolean;
  value?: unknown;
  error?: { message: string; code?: string };
}

export const CALL_BINDING = '__mcpAuthDoctorBridgeCall';
export const EMIT_FUNCTION = '__mcpAuthDoctorBridgeEmit';

export function installPageApi(config: { operations: string[]; call: string; emit: string }): void {
  const w = window as unknown as Record<string, unknown>;
  const call = (name: string, request: unknown) =>
    (w[config.call] as (n: string, r: unknown) => Promise<BridgeResult>)(name, request);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of config.operations) {
    api[name] = async (request: unknown) => {
      const result = await call(name, request);
      if (result.ok) return result.value;
      const error = new Error(result.error?.message ?? 'Something went wrong.');
      if (result.error?.code !== undefined) Object.assign(error, { code: result.error.code });
      throw error;
    };
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  };
  Object.defineProperty(window, 'mcpAuthDoctor', { value: Object.freeze(api), enumerable: true });
  Object.defineProperty(window, config.emit, {
    value: (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  });
}

/**
 * The only module that touches the preload object. Everything else calls `getApi()`, so the
 * store can be driven by a fake in tests and by the real preload (or the e2e test bridge) in
 * the app.
 */
import type { DesktopApi } from '../../src/contract';

declare global {
  interface Window {
    /** Exposed by the preload (contextBridge) or, in the Chromium e2e specs, by the test bridge. */
    readonly mcpAuthDoctor?: DesktopApi;
  }
}

let override: DesktopApi | null = null;

/** Tests hand in a fake; `null` goes back to the preload object. */
export function setApiForTests(api: DesktopApi | null): void {
  override = api;
}

export class ApiMissingError extends Error {
  constructor() {
    super('The app could not reach its own engine. Please quit and open MCP Auth Doctor again.');
    this.name = 'ApiMissingError';
  }
}

export function getApi(): DesktopApi {
  if (override) return override;
  const exposed = typeof window === 'undefined' ? undefined : window.mcpAuthDoctor;
  if (!exposed) throw new ApiMissingError();
  return exposed;
}

/**
 * The core functions the façade calls, wired here as each module lands. A module that is not
 * wired yet is null, and its operations refuse with "not available yet" instead of inventing a
 * result. Tests may replace any of them.
 */
import type { ClientDeclaration } from '../clients/types';
import type { ScanFn } from '../scan/types';

export interface CoreModules {
  scan: ScanFn | null;
  /** Every client declaration (for the links the app may open). */
  clients: readonly ClientDeclaration[];
}

export function defaultCoreModules(): CoreModules {
  return {
    scan: null,
    clients: [],
  };
}

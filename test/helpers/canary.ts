/**
 * Canary secrets: planted in fixtures as tokens, refresh tokens, client secrets and verifiers.
 * Any output that contains one has leaked a secret.
 */
export const CANARY_PREFIX = 'CANARY';

let counter = 0;
/** A unique, recognisable secret string, e.g. `CANARY-access-3-9f2c`. */
export function canary(kind: string): string {
  counter += 1;
  return `${CANARY_PREFIX}-${kind}-${counter}-${Math.random().toString(16).slice(2, 8)}`;
}

/** Throws naming the leaked canary when `text` contains one. */
export function assertNoCanary(text: string, where = 'output'): void {
  const hit = new RegExp(`${CANARY_PREFIX}-[A-Za-z0-9_-]+`).exec(text);
  if (hit) throw new Error(`secret canary ${hit[0]} leaked into ${where}`);
}

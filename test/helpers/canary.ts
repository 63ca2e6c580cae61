/**
 * Canary secrets: planted in fixtures as tokens, refresh tokens, client secrets and verifiers.
 * Any output that contains one, or a piece of one, has leaked a secret.
 */
import { randomBytes } from 'node:crypto';

export const CANARY_PREFIX = 'CANARY';

/** A leak is a run of this many characters of a planted secret; shorter runs are noise. */
export const MIN_SECRET_FRAGMENT = 8;

const planted = new Set<string>();
let counter = 0;

/** A unique, recognisable secret string, e.g. `CANARY-access-3-9f2c01ab`. */
export function canary(kind: string): string {
  counter += 1;
  const value = `${CANARY_PREFIX}-${kind}-${counter}-${randomBytes(4).toString('hex')}`;
  planted.add(value);
  return value;
}

const shortKinds = new Map<string, string>();

/**
 * A short secret that looks like a real password (`pw12kqxtzr`): no prefix, too short and too
 * plain for the long-random-string rule, so only structure-aware redaction removes it. Found by
 * assertNoCanary through its last 8 characters (letters past `f`, so never part of a hex hash).
 */
export function shortCanary(kind: string): string {
  counter += 1;
  const letters = [...randomBytes(6)].map((b) => String.fromCharCode(103 + (b % 20))).join('');
  const value = `pw${counter}${letters}`;
  planted.add(value);
  shortKinds.set(value, kind);
  return value;
}

/**
 * Throws naming the leaked canary when `text` contains one: its start (the prefix), or its
 * distinctive end (a redactor that stops at the wrong character leaves the tail behind, e.g.
 * `bob:[redacted]@…-3-9f2c01ab@proxy`).
 */
export function assertNoCanary(text: string, where = 'output'): void {
  const hit = new RegExp(`${CANARY_PREFIX}-[A-Za-z0-9_-]+`).exec(text);
  if (hit) throw new Error(`secret canary ${hit[0]} leaked into ${where}`);
  for (const value of planted) {
    const tail = value.slice(-MIN_SECRET_FRAGMENT);
    if (text.includes(tail))
      throw new Error(`the end (…${tail}) of secret canary ${value} leaked into ${where}`);
  }
}

/**
 * Throws when any run of `min` or more characters of any of `secrets` appears in `text`: catches
 * a secret cut in two by a redactor as well as a whole one. Secrets shorter than `min` are checked
 * whole.
 */
export function assertNoSecretFragments(
  text: string,
  secrets: readonly string[],
  where = 'output',
  min = MIN_SECRET_FRAGMENT,
): void {
  for (const secret of secrets) {
    if (secret.length <= min) {
      if (secret !== '' && text.includes(secret)) throw new Error(`secret "${secret}" leaked into ${where}`);
      continue;
    }
    for (let i = 0; i + min <= secret.length; i++) {
      const fragment = secret.slice(i, i + min);
      if (text.includes(fragment)) {
        throw new Error(`"${fragment}", a piece of secret "${secret}", leaked into ${where}`);
      }
    }
  }
}

/**
 * What a secret becomes. The report shows `[redacted]`; the doctor shows a fingerprint
 * (`[redacted:sha256:…]`) so two values can be told apart. Both start with `[redacted`, which is
 * how every rule knows a value was already handled and leaves it (redaction is idempotent).
 */
import { createHash } from 'node:crypto';

export const REDACTED = '[redacted]';

/** Turns a secret value into what is shown instead. */
export type Mask = (secret: string) => string;

export const plainMask: Mask = () => REDACTED;

/** `sha256:<12 hex>`: the same value always gives the same fingerprint. */
export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)}`;
}

export const fingerprintMask: Mask = (secret) => `[redacted:${fingerprint(secret)}]`;

export function isRedacted(value: string): boolean {
  return value.startsWith('[redacted');
}

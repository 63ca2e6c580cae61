/** Structured records redacted: every string through the text redactor, secret-named fields blanked. */
import { isRedacted } from './mask';
import { isSecretRecordKey } from './names';
import type { TextRedactor } from './text';

/**
 * A deep copy of `input`. A field whose key names a secret (`access_token`, `authorization`,
 * `tokens: {…}` and all below it) keeps only an empty string as is; keys go through the text
 * redactor too, so a secret cannot hide in a key.
 */
export function redactValue<T>(input: T, text: TextRedactor): T {
  const walk = (value: unknown, secret: boolean): unknown => {
    if (typeof value === 'string') {
      if (secret) return value === '' || isRedacted(value) ? value : text.hide(value);
      return text(value);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, secret));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, val] of Object.entries(value as Record<string, unknown>)) {
        out[text(key)] = walk(val, secret || isSecretRecordKey(key));
      }
      return out;
    }
    return value;
  };
  return walk(input, false) as T;
}

/**
 * The report's redactor: the shared one (src/redact) with this context's home shown as `~` and
 * the values of its secret-named env variables removed wherever they turn up.
 */
import type { Platform } from '../context';
import { createTextRedactor, redactValue, REDACTED } from '../redact/index';

export { REDACTED };

export interface RedactorOptions {
  home: string;
  platform: Platform;
  /** Values of secret-looking variables here are removed wherever they turn up. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Other exact strings known to be secret. */
  secrets?: readonly string[];
}

export interface Redactor {
  text: (input: string) => string;
  /** A deep copy with every string redacted and secret-named fields blanked. */
  value: <T>(input: T) => T;
  /** How many secrets were removed so far (home paths not counted). */
  readonly count: number;
}

export function createRedactor(options: RedactorOptions): Redactor {
  const text = createTextRedactor({
    home: { home: options.home, platform: options.platform },
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.secrets !== undefined ? { secrets: options.secrets } : {}),
  });
  return {
    text: (input) => text(input),
    value: (input) => redactValue(input, text),
    get count() {
      return text.count;
    },
  };
}

/**
 * Turning exchanges into evidence: the request line (redacted URL), the status, only the headers
 * that explain the verdict (credentials and cookies shown as fingerprints), the timing and a note.
 */
import type { Evidence } from '../model/index';
import type { Exchange } from './exchange';
import { redactHeaderValue, redactText, redactUrl } from './redact';

/** Headers worth showing for any answer; a check may ask for more. */
export const BASE_HEADERS = [
  'content-type',
  'location',
  'www-authenticate',
  'server',
  'cf-mitigated',
  'cf-ray',
  'set-cookie',
  'retry-after',
] as const;

export function pickHeaders(
  headers: Record<string, string>,
  names: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) out[name] = redactHeaderValue(name, value);
  }
  return out;
}

/** A short description of a network failure, in words a user can act on. */
export function describeNetError(exchange: Exchange, timeoutMs: number): string {
  const error = exchange.error;
  if (!error) return '';
  switch (error.kind) {
    case 'timeout':
      return `no answer within ${timeoutMs} ms`;
    case 'deadline':
      return 'stopped: the overall deadline of the run was reached';
    case 'cancelled':
      return 'stopped: the run was cancelled';
    case 'dns':
      return `the host name does not resolve (${error.code ?? 'DNS error'})`;
    case 'refused':
      return 'connection refused: nothing listens on that host and port';
    case 'tls':
      return `TLS failed (${error.code ?? 'certificate error'}): ${error.message}`;
    case 'reset':
      return `the connection was closed without an answer (${error.code ?? 'reset'})`;
    default:
      return error.message;
  }
}

export function evidenceOf(
  exchange: Exchange,
  note: string,
  extraHeaders: readonly string[] = [],
  timeoutMs = 0,
): Evidence {
  const response = exchange.response;
  const netNote = exchange.error ? describeNetError(exchange, timeoutMs) : '';
  return {
    request: `${exchange.method} ${redactUrl(exchange.url)}`,
    status: response ? response.status : null,
    headers: response ? pickHeaders(response.headers, [...BASE_HEADERS, ...extraHeaders]) : {},
    note: redactText([note, netNote].filter((s) => s !== '').join('; ')),
    durationMs: Math.round(exchange.durationMs),
  };
}

/** Evidence that is not an HTTP request (a local cache entry, a URL parse, an environment note). */
export function localEvidence(request: string, note: string): Evidence {
  return { request: redactText(request), status: null, headers: {}, note: redactText(note) };
}

/**
 * One request and what came of it. The sender wraps the HTTP port with the per-request timeout,
 * the overall deadline and the caller's cancel, measures time, and turns network errors into a
 * small vocabulary the checks can explain (dns, refused, tls, timeout, ...).
 */
import { redactText, redactUrl } from './redact';
import type { HttpMethod, HttpPort, HttpResponse } from './types';

export type NetErrorKind =
  'timeout' | 'deadline' | 'cancelled' | 'dns' | 'refused' | 'tls' | 'reset' | 'other';

export interface NetError {
  kind: NetErrorKind;
  /** Redacted, one line. */
  message: string;
  code: string | null;
}

export interface Exchange {
  method: HttpMethod;
  /** The URL as sent (may hold what the user typed; show it only through redactUrl). */
  url: string;
  durationMs: number;
  response: HttpResponse | null;
  error: NetError | null;
}

export interface OutgoingRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export type Sender = (request: OutgoingRequest) => Promise<Exchange>;

export interface SenderOptions {
  port: HttpPort;
  timeoutMs: number;
  /** Aborted when the overall deadline passes. */
  deadline: AbortSignal;
  /** The caller's cancel. */
  cancel?: AbortSignal;
  userAgent: string;
}

const TLS_CODES =
  /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|HOSTNAME_MISMATCH|EPROTO)/;

function errorCode(err: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = err;
  // fetch-based ports wrap the system error in `cause`; node:http puts `code` on the error itself.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function classifyNetError(code: string | null): NetErrorKind {
  if (code === null) return 'other';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'reset';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timeout';
  if (TLS_CODES.test(code)) return 'tls';
  return 'other';
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

export function makeSender(options: SenderOptions): Sender {
  return async (request) => {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
    const signals = [timeout.signal, options.deadline, ...(options.cancel ? [options.cancel] : [])];
    const started = performance.now();
    const headers = { 'user-agent': options.userAgent, ...request.headers };
    try {
      const response = await options.port({
        method: request.method,
        url: request.url,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.any(signals),
      });
      return {
        method: request.method,
        url: request.url,
        durationMs: performance.now() - started,
        response,
        error: null,
      };
    } catch (err) {
      const code = errorCode(err);
      let kind: NetErrorKind = classifyNetError(code);
      if (options.cancel?.aborted) kind = 'cancelled';
      else if (options.deadline.aborted) kind = 'deadline';
      else if (timeout.signal.aborted) kind = 'timeout';
      const raw = err instanceof Error ? err.message : String(err);
      // Some error messages quote the URL; show it redacted like everything else.
      const message = oneLine(redactText(raw.split(request.url).join(redactUrl(request.url))));
      return {
        method: request.method,
        url: request.url,
        durationMs: performance.now() - started,
        response: null,
        error: { kind, message, code },
      };
    } finally {
      clearTimeout(timer);
    }
  };
}

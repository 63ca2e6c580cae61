/**
 * The doctor's public options and its ports. The HTTP port is injectable so tests (and the bench)
 * can add latency or count requests; the default speaks node:http(s) and never follows redirects.
 */
import type { Credential, DoctorEvent } from '../model/index';

export type HttpMethod = 'GET' | 'POST' | 'OPTIONS';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Folds the per-request timeout, the overall deadline and the caller's cancel together. */
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The start of the body (a few hundred KiB at most), decoded as UTF-8. */
  body: string;
}

/** Sends one request, follows no redirect, rejects on network errors and on abort. */
export type HttpPort = (request: HttpRequest) => Promise<HttpResponse>;

/** The cached credentials every client holds for this server URL (the scanner, filtered). */
export type CredentialLoader = (serverUrl: string) => Promise<Credential[]>;

export interface DoctorOptions {
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
  /** The whole run gives up after this long (default six request timeouts). */
  deadlineMs?: number;
  /** Opt-in: really register a client on the authorization server (creates state there). */
  probeRegistration?: boolean;
  /** Progress for the UI: each check starting and finishing. */
  onEvent?: (event: DoctorEvent) => void;
  /** Cancels the run: in-flight requests stop and runDoctor rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface DoctorDeps {
  http?: HttpPort;
  /** Without it, `local-credentials` is skipped. */
  loadCredentials?: CredentialLoader;
}

export const DEFAULT_TIMEOUT_MS = 5000;

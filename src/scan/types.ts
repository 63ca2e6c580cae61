/**
 * The scanner's API and its internal records. The public ScanReport (model/scan.ts) is what leaves
 * the core; the internal records below carry what reset needs (content hashes, roots, entries)
 * and never leave the core either (no secrets are in them: hashes of files, not contents).
 */
import type { Context } from '../context';
import type { ClientId, Credential, ScanReport } from '../model/scan';
import type { ProcessPort } from '../system/process-port';

export interface ScanOptions {
  /** Only these clients (default: all). */
  clients?: ClientId[];
  /** When absent, `running` is null for every client. */
  processes?: ProcessPort;
}

/** How a credential lives inside a shared store (edited, never deleted whole). */
export type SharedFormat = 'json' | 'vscdb';

export interface ScannedFile {
  path: string;
  /** sha256 hex of the bytes read at scan time; apply refuses when it differs. */
  sha256: string;
  bytes: number;
  mtimeMs: number;
  mode: number;
}

export interface ScannedCredential {
  credential: Credential;
  /** Files this credential owns whole (deleted by reset). */
  ownFiles: ScannedFile[];
  /** The shared file and pointer when the credential is one entry in it. */
  sharedEntry: { file: ScannedFile; pointer: string; format: SharedFormat } | null;
  /** Real paths of the client's declared roots: reset never acts outside them. */
  roots: string[];
}

export interface ScanResult {
  report: ScanReport;
  /** Keyed by credential id. */
  credentials: Map<string, ScannedCredential>;
}

export type ScanFn = (ctx: Context, options?: ScanOptions) => Promise<ScanResult>;

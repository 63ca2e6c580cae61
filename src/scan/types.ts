/**
 * The scanner's API and its internal records. The public ScanReport (model/scan.ts) is what leaves
 * the core; the internal records below carry what reset needs (content hashes, roots, entries)
 * and never leave the core either (no secrets are in them: hashes of files, not contents).
 */
import type { Context } from '../context';
import type { ClientId, Credential, ScanReport } from '../model/scan';
import type { ProcessPort } from '../system/process-port';
import type { ScanFs } from './fs-port';

export type { ScanFs } from './fs-port';

export interface ScanOptions {
  /** Only these clients (default: all). Every client's config is still read, to link caches. */
  clients?: ClientId[];
  /**
   * When absent, `running` is null for every client and lock files are judged by age only (e.g.
   * when reading a copy of someone else's home, whose pids mean nothing here).
   */
  processes?: ProcessPort;
  /** The file system, as a port so tests can inject failures (root ignores file modes). */
  fs?: ScanFs;
  /**
   * Reading files ahead on a second thread (read-ahead.ts), with the real file system only (not
   * with `fs`). `auto` (default): once a scan has met a few hundred files, so small homes never
   * start a thread; `always`: from the first file (tests); `never`: one thread.
   */
  readAhead?: 'auto' | 'always' | 'never';
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
  sharedEntry: {
    file: ScannedFile;
    pointer: string;
    format: SharedFormat;
    /** Further whole rows of the store that go with the entry (VS Code family `secret://…` keys). */
    keys?: string[];
  } | null;
  /** Real paths of the client's declared roots: reset never acts outside them. */
  roots: string[];
  /**
   * The server URL as the client's files or config spell it, secrets included. The public
   * `credential.serverUrl` is redacted (password and secret parameters masked), so matching a
   * URL the user typed (`reset --server`) compares against this one. Absent: same as public.
   */
  rawServerUrl?: string | null;
}

export interface ScanResult {
  report: ScanReport;
  /** Keyed by credential id. */
  credentials: Map<string, ScannedCredential>;
}

export type ScanFn = (ctx: Context, options?: ScanOptions) => Promise<ScanResult>;

/**
 * The public scan records. Their JSON shape is a promise to scripts (see cli-contract.md,
 * schema `mcp-auth-doctor/scan@1`): fields may be added, never renamed or removed.
 * Nothing here may ever hold a token, refresh token, client secret or PKCE verifier.
 */
import type { Platform } from '../context';
import type { ResetTarget } from './reset';

export const CLIENT_IDS = [
  'mcp-remote',
  'copilot-cli',
  'claude-desktop',
  'claude-code',
  'vscode',
  'cursor',
  'windsurf',
  'gemini-cli',
  'codex',
  'opencode',
  'mcp-inspector',
  'amazon-q',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export type PathRole = 'config' | 'credentials' | 'cache';
export type Transport = 'http' | 'sse' | 'stdio' | 'mcp-remote';
export type Registration = 'dcr' | 'cimd' | 'static' | 'unknown';
export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'malformed-file',
  'unreadable-path',
  'expired-token',
  'no-refresh-token',
  'orphaned-credential',
  'duplicate-credential',
  'stale-lock',
  'leftover-flow-state',
  'custom-port',
  'bridge-not-needed',
  'client-running',
  'secrets-in-keychain',
  // System checks (src/system): the machine, not a client's files.
  'browser-opener-missing',
  'browser-opener-unknown',
  'proxy-without-ca',
  'proxy-not-in-env',
  'extra-ca-missing',
  'tls-verification-disabled',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface ClientPath {
  path: string;
  role: PathRole;
  exists: boolean;
}

export interface ServerInfo {
  name: string;
  url: string | null;
  transport: Transport;
  /** The config file that declares it. */
  source: string;
}

export interface CredentialFile {
  path: string;
  bytes: number;
  modifiedAt: string;
}

export interface Credential {
  /** Stable across scans while the files are unchanged. */
  id: string;
  client: ClientId;
  serverUrl: string | null;
  serverName: string | null;
  issuer: string | null;
  /** A client_id is not a secret (a client_secret is). */
  oauthClientId: string | null;
  registration: Registration;
  scopes: string[];
  hasAccessToken: boolean;
  hasRefreshToken: boolean;
  expiresAt: string | null;
  updatedAt: string | null;
  files: CredentialFile[];
  /** JSON pointer of the entry inside a shared file, or null when the credential owns its files. */
  entry: string | null;
  /** `sha256:<12 hex>` of the secret material, so users can tell two credentials apart. */
  fingerprint: string | null;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  client: ClientId | null;
  credential: string | null;
  path: string | null;
  message: string;
  fix: string;
  /**
   * The resets that address this finding, most targeted first (design rule 3). Empty when the
   * fix is outside our reach (edit a config, quit an app, change the server).
   */
  actions?: FindingAction[];
}

export interface FindingAction {
  /** Button text, e.g. "Remove the stale lock file". */
  label: string;
  target: ResetTarget;
}

export interface ClientReport {
  id: ClientId;
  label: string;
  installed: boolean;
  running: boolean | null;
  paths: ClientPath[];
  servers: ServerInfo[];
  credentials: Credential[];
  /** Plain-language notes, e.g. "tokens live in the macOS Keychain". */
  notes: string[];
}

export const SCAN_SCHEMA = 'mcp-auth-doctor/scan@1';

export interface ScanReport {
  schema: typeof SCAN_SCHEMA;
  scannedAt: string;
  home: string;
  platform: Platform;
  clients: ClientReport[];
  findings: Finding[];
}

/**
 * A client is declared once, as data (like BleachBit's cleaners): where it keeps things on each
 * OS, which env variables move them, which processes mean "running", and which parser reads
 * which file. The scanner is generic over these declarations.
 */
import type { Context, Platform } from '../context';
import type { ClientId, PathRole, Registration, ServerInfo } from '../model/scan';

/** Per-OS path templates (see paths/expand.ts). `all` applies to every OS not listed. */
export type PerOs<T> = Partial<Record<Platform | 'all', T>>;

export interface RootDeclaration {
  /** Referenced by file declarations. */
  id: string;
  role: PathRole;
  /** Candidate locations; every one that exists is scanned. */
  paths: PerOs<string[]>;
  /**
   * Env variables (templates like `${CODEX_HOME}`) that replace `paths` when set, first set
   * one wins. A suffix may follow: `${MCP_REMOTE_CONFIG_DIR}`.
   */
  envOverride?: string[];
}

export interface FileDeclaration {
  root: string;
  /**
   * Path below the root, `/`-separated; `*` matches within one name segment
   * (e.g. `mcp-remote-*` + `/` + `*_tokens.json`). Never crosses a symlink.
   * An empty string means the root itself is the file (e.g. Claude Code's `~/.claude.json`).
   */
  match: string;
  role: PathRole;
  parser: FileParser;
  /** A file over this many bytes is reported, not read. Default 10 MiB. */
  maxBytes?: number;
  /**
   * The file is UTF-8 text (JSON, TOML, a verifier): the scanner decodes it once and the parser
   * gets `input.text` next to `input.bytes`; a file that is not valid UTF-8 gets no `text` (its
   * parser says so). Worth it where a home holds thousands.
   */
  text?: boolean;
  /**
   * Gate called before a matched file is read, once every client's config files are parsed:
   * false leaves the file alone entirely (not listed, not read, never reset). Amazon Q needs it:
   * `~/.aws/sso/cache` also holds AWS SSO tokens, and only names derived from configured MCP URLs
   * are ours. `servers` are the servers configured by every client.
   */
  accept?: (file: { path: string; relative: string }, servers: readonly ServerConfig[]) => boolean;
}

export interface ParseInput {
  path: string;
  /** Path relative to its root, `/`-separated. */
  relative: string;
  /** Raw bytes; parsers decode themselves (SQLite is binary). */
  bytes: Buffer;
  /** The file as text, when its declaration says `text` and it is valid UTF-8 (BOM kept). */
  text?: string;
  mtimeMs: number;
  ctx: Context;
}

/**
 * What one file contributes. Secret material goes into `secrets` only, where the scanner turns
 * it into a fingerprint and drops it; it never reaches a public record.
 */
export interface CredentialDraft {
  /** Files of one credential share a group key (mcp-remote's hash, Copilot's <H>, an entry key). */
  groupKey: string;
  /** JSON pointer when this credential is one entry in a shared file. */
  entry?: string | null;
  serverUrl?: string | null;
  serverName?: string | null;
  issuer?: string | null;
  oauthClientId?: string | null;
  registration?: Registration;
  scopes?: string[];
  hasAccessToken?: boolean;
  hasRefreshToken?: boolean;
  /** Absolute expiry, epoch ms. */
  expiresAtMs?: number | null;
  updatedAtMs?: number | null;
  /** PKCE verifiers, discovery state and similar leftovers of an unfinished sign-in. */
  flowState?: boolean;
  /**
   * A lock file's contents. `maxAgeMs`: how long the client honours it (mcp-remote: 30 minutes for
   * `_lock.json`, 30 s for its refresh lease); older, or held by a dead pid, it is stale.
   */
  lock?: { pid: number | null; timestampMs: number | null; port: number | null; maxAgeMs?: number };
  /** Token / secret strings to fingerprint. Never copied anywhere else. */
  secrets?: string[];
  /** Client-specific keys used to match configs (e.g. mcp-remote's hash). */
  matchKeys?: string[];
  /**
   * Whole rows of a shared store that belong to this credential and go with it on reset, besides
   * `entry` (VS Code family `state.vscdb`: the `secret://…` ItemTable keys of a provider).
   */
  sharedKeys?: string[];
}

export interface ParseProblem {
  message: string;
}

export interface ParsedFile {
  servers?: ServerConfig[];

  credentials?: CredentialDraft[];
  problems?: ParseProblem[];
  notes?: string[];
}

/** A configured server plus what the scanner needs to link it to caches. Internal. */
export interface ServerConfig extends ServerInfo {
  /** For servers launched through mcp-remote: the cache hashes their args produce. */
  mcpRemoteHashes?: string[];
  /** The URL mcp-remote is pointed at. */
  bridgedUrl?: string | null;
  /** Keys a credential draft's `matchKeys` may carry for this server (e.g. Amazon Q's cache key). */
  matchKeys?: string[];
}

export type FileParser = (input: ParseInput) => ParsedFile;

export interface ClientDeclaration {
  id: ClientId;
  label: string;
  roots: RootDeclaration[];
  files: FileDeclaration[];
  /** Executable names, per OS, that mean the client is running. */
  processNames: PerOs<string[]>;
  /** True when the running client rewrites its files (reset asks the user to quit it). */
  rewritesWhileRunning: boolean;
  /** Whether the client can speak HTTP/SSE natively (then mcp-remote is not needed). */
  nativeRemote: boolean;
  /** Whether the client reaches remote servers on ports other than 443. */
  customPorts: boolean;
  /**
   * False when the client signs in to servers its config does not list (e.g. MCP Inspector, where
   * people type a URL ad hoc): then an unlisted server is not evidence of a stale credential.
   */
  credentialsFollowConfig?: boolean;
  /**
   * Where servers can be configured that the scan does not read (e.g. Claude Code's per-project
   * `.mcp.json`), in words: said in every orphaned-credential finding of this client, so nobody
   * resets a sign-in that is still used from there.
   */
  unreadConfig?: string;
  /** Facts the user should know, e.g. "tokens also live in the Keychain on macOS". */
  notes?: PerOs<string[]>;
  /** The client's own reset action, in words. */
  ownReset?: string;
  /** What is assumed where the format is not verified. */
  assumptions?: string[];
  /** https links we may open for the user (docs, settings pages). */
  links?: { label: string; url: string }[];
  /**
   * Where this client keeps secrets outside files on an OS (keychain, credential manager), in
   * words with the item's name. The scan says so (finding `secrets-in-keychain`, info) instead of
   * pretending none exist.
   */
  keychain?: PerOs<string>;
  /**
   * Async set-up the scanner awaits before calling this client's parsers (parsers are
   * synchronous; e.g. loading the sql.js WebAssembly that reads `state.vscdb`).
   */
  prepare?: () => Promise<void>;
}

/**
 * Turns parser drafts into credentials: drafts of one client, one root and one group key are one
 * credential (mcp-remote's `<hash>_client_info.json` + `_tokens.json` + verifiers + lock; Copilot's
 * `<H>.json` + `<H>.tokens.json`; one `mcpOAuth` entry of Claude Code's shared file). Secrets are
 * folded into a fingerprint here and go no further.
 */
import path from 'node:path';
import type { ClientDeclaration, CredentialDraft } from '../clients/types';
import type { Credential, Registration } from '../model/scan';
import { isoTime } from './iso-time';
import { ScratchList } from './scratch-list';
import { sha256Hex } from './read';
import type { ScannedCredential, ScannedFile, SharedFormat } from './types';

export interface DraftSource {
  draft: CredentialDraft;
  file: ScannedFile;
}

/** What the findings need beyond the public record; never leaves the scanner. */
export interface BuiltCredential {
  client: ClientDeclaration;
  scanned: ScannedCredential;
  matchKeys: string[];
  lock: NonNullable<CredentialDraft['lock']> | null;
  lockFile: ScannedFile | null;
  flowFiles: readonly ScannedFile[];
  /** False when no file could say (encrypted stores): then "no refresh token" is not a finding. */
  refreshKnown: boolean;
  /** The instant `credential.expiresAt` states (whole ms), so findings need not parse it back. */
  expiresAtMs: number | null;
}

function sharedFormat(filePath: string): SharedFormat {
  return path.basename(filePath).toLowerCase().endsWith('.vscdb') ? 'vscdb' : 'json';
}

/**
 * Short, stable id: the same files (or the same entry content) give the same id. 48 bits of two
 * 32-bit FNV-1a passes, as 12 hex digits. The inputs already carry sha256 digests of the files;
 * this only has to spread them into a short, stable name (no secret goes in it, and reset
 * re-checks each file's sha256 before it acts), and it is several times cheaper than a second
 * sha256 per credential on homes with thousands of them.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Over the concatenation of `pieces`, without building that string. */
function digest48(pieces: ScratchList<string>): string {
  let length = 0;
  for (let p = 0; p < pieces.size; p++) length += pieces.at(p).length;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ length;
  for (let p = 0; p < pieces.size; p++) {
    const piece = pieces.at(p);
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
  }
  // The first 12 of 16 hex digits: all of a, then the high half of b. By table: toString(16)
  // costs more than the whole loop above.
  return (
    HEX[a >>> 24]! +
    HEX[(a >>> 16) & 0xff]! +
    HEX[(a >>> 8) & 0xff]! +
    HEX[a & 0xff]! +
    HEX[b >>> 24]! +
    HEX[(b >>> 16) & 0xff]!
  );
}

/** Digest of `clientId \n groupKey \n <one line per source>`. */
function credentialId(
  clientId: string,
  groupKey: string,
  sources: DraftSource[],
  entry: string | null,
): string {
  const pieces = PIECES;
  pieces.reset();
  pieces.add(clientId);
  pieces.add('\n');
  pieces.add(groupKey);
  for (const { draft, file } of sources) {
    pieces.add('\n');
    if (entry !== null && draft.entry) {
      // The entry, not the whole shared file: other entries changing must not change this id.
      pieces.add(`${file.path}#${draft.entry}:${sha256Hex(JSON.stringify(draft))}`);
    } else {
      pieces.add(file.path);
      pieces.add(':');
      pieces.add(file.sha256);
    }
  }
  const digest = digest48(pieces);
  pieces.reset();
  return `${clientId}-${digest}`;
}

export function fingerprintOf(secrets: readonly string[]): string | null {
  return secrets.length === 0 ? null : `sha256:${sha256Hex(secrets.join('\n')).slice(0, 12)}`;
}

/** Scratch lists for one buildCredential call at a time (it is synchronous, calls back nothing). */
const PIECES = new ScratchList<string>();
const FILES = new ScratchList<ScannedFile>();
const FLOW_FILES = new ScratchList<ScannedFile>();
const SCOPES = new ScratchList<string>();
const SECRETS = new ScratchList<string>();
const MATCH_KEYS = new ScratchList<string>();
const SHARED_KEYS = new ScratchList<string>();
const NO_FILES: readonly ScannedFile[] = Object.freeze([]);

function resetScratch(): void {
  PIECES.reset();
  FILES.reset();
  FLOW_FILES.reset();
  SCOPES.reset();
  SECRETS.reset();
  MATCH_KEYS.reset();
  SHARED_KEYS.reset();
}

/** Adds the non-empty values of `from` that `into` lacks, in order. */
function addUnique(into: ScratchList<string>, from: string[] | undefined): void {
  if (from === undefined) return;
  for (const v of from) if (v !== '' && !into.has(v)) into.add(v);
}

const byPath = (a: DraftSource, b: DraftSource): number =>
  a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0;

/** `sources` is sorted in place (by file path): the caller hands them over. */
export function buildCredential(
  client: ClientDeclaration,
  groupKey: string,
  sources: DraftSource[],
  roots: string[],
): BuiltCredential {
  // Most groups are two files: swapped by hand, as the sort builtin would, without its set-up.
  if (sources.length === 2) {
    if (byPath(sources[1]!, sources[0]!) < 0) sources.reverse();
  } else if (sources.length > 2) sources.sort(byPath);
  resetScratch(); // in case a previous call ended in an exception
  // One pass, merging in file order: the first value a file gives for a field wins.
  let shared: DraftSource | null = null;
  let lockSource: DraftSource | null = null;
  let serverUrl: string | null = null;
  let serverName: string | null = null;
  let issuer: string | null = null;
  let oauthClientId: string | null = null;
  let registration: Registration | null = null;
  let expiresAtMs: number | null = null;
  let updatedAtMs: number | null = null;
  let hasAccessToken = false;
  let hasRefreshToken = false;
  let refreshKnown = false;
  let latestMtime = -Infinity;
  const files = FILES;
  const scopes = SCOPES;
  const secrets = SECRETS;
  const matchKeys = MATCH_KEYS;
  const sharedKeys = SHARED_KEYS;
  const flowFiles = FLOW_FILES;
  for (const source of sources) {
    const { draft: d, file } = source;
    if (!files.has(file)) {
      files.add(file);
      if (file.mtimeMs > latestMtime) latestMtime = file.mtimeMs;
    }
    if (shared === null && typeof d.entry === 'string' && d.entry !== '') shared = source;
    if (lockSource === null && d.lock !== undefined) lockSource = source;
    serverUrl ??= d.serverUrl ?? null;
    serverName ??= d.serverName ?? null;
    issuer ??= d.issuer ?? null;
    oauthClientId ??= d.oauthClientId ?? null;
    registration ??= d.registration ?? null;
    expiresAtMs ??= d.expiresAtMs ?? null;
    updatedAtMs ??= d.updatedAtMs ?? null;
    if (d.hasAccessToken === true) hasAccessToken = true;
    if (d.hasRefreshToken === true) hasRefreshToken = true;
    if (d.hasRefreshToken !== undefined) refreshKnown = true;
    addUnique(scopes, d.scopes);
    if (d.secrets) for (const v of d.secrets) if (v !== '') secrets.add(v);
    addUnique(matchKeys, d.matchKeys);
    addUnique(sharedKeys, d.sharedKeys);
    if (d.flowState === true && !flowFiles.has(file)) flowFiles.add(file);
  }
  const fileList = files.copy();
  const secretList = secrets.copy();
  const entry = shared?.draft.entry ?? null;
  const ownFiles = shared === null ? fileList : fileList.filter((f) => f !== shared.file);
  const publicFiles = fileList.map((f) => ({
    path: f.path,
    bytes: f.bytes,
    modifiedAt: isoTime(f.mtimeMs)!,
  }));
  // Usually the update is the newest file's time: its string serves both.
  const updatedMs = updatedAtMs ?? latestMtime;
  let updatedAt: string | null = null;
  for (let i = 0; i < fileList.length && updatedAt === null; i++) {
    if (fileList[i]!.mtimeMs === updatedMs) updatedAt = publicFiles[i]!.modifiedAt;
  }
  if (updatedAt === null && updatedAtMs !== null) updatedAt = isoTime(updatedAtMs);
  const expiresAt = isoTime(expiresAtMs);
  const credential: Credential = {
    id: credentialId(client.id, groupKey, sources, entry),
    client: client.id,
    serverUrl,
    serverName,
    issuer,
    oauthClientId,
    registration: registration ?? 'unknown',
    scopes: scopes.copy(),
    hasAccessToken,
    hasRefreshToken,
    expiresAt,
    updatedAt,
    files: publicFiles,
    entry,
    fingerprint: fingerprintOf(secretList),
  };
  const built: BuiltCredential = {
    client,
    scanned: {
      credential,
      ownFiles,
      sharedEntry:
        shared === null
          ? null
          : {
              file: shared.file,
              pointer: entry!,
              format: sharedFormat(shared.file.path),
              ...(sharedKeys.size > 0 ? { keys: sharedKeys.copy() } : {}),
            },
      roots,
    },
    matchKeys: matchKeys.copy(),
    lock: lockSource?.draft.lock ?? null,
    lockFile: lockSource?.file ?? null,
    flowFiles: flowFiles.size === 0 ? NO_FILES : flowFiles.copy(),
    refreshKnown,
    expiresAtMs: expiresAt === null ? null : Math.trunc(expiresAtMs!),
  };
  resetScratch(); // secrets among them: nothing of this credential stays behind
  return built;
}

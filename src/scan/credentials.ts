/**
 * Turns parser drafts into credentials: drafts of one client, one root and one group key are one
 * credential (mcp-remote's `<hash>_client_info.json` + `_tokens.json` + verifiers + lock; Copilot's
 * `<H>.json` + `<H>.tokens.json`; one `mcpOAuth` entry of Claude Code's shared file). Secrets are
 * folded into a fingerprint here and go no further.
 */
import path from 'node:path';
import type { ClientDeclaration, CredentialDraft } from '../clients/types';
import type { Credential, Registration } from '../model/scan';
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
  flowFiles: ScannedFile[];
  /** False when no file could say (encrypted stores): then "no refresh token" is not a finding. */
  refreshKnown: boolean;
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

function sharedFormat(filePath: string): SharedFormat {
  return path.basename(filePath).toLowerCase().endsWith('.vscdb') ? 'vscdb' : 'json';
}

/** Short, stable id: the same files (or the same entry content) give the same id. */
/**
 * 48 bits of two 32-bit FNV-1a passes, as 12 hex digits. The inputs already carry sha256 digests
 * of the files; this only has to spread them into a short, stable name (no secret goes in it, and
 * reset re-checks each file's sha256 before it acts), and it is several times cheaper than a
 * second sha256 per credential on homes with thousands of them.
 */
function digest48(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return ((a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')).slice(0, 12);
}

function credentialId(
  clientId: string,
  groupKey: string,
  sources: DraftSource[],
  entry: string | null,
): string {
  const parts = [clientId, groupKey];
  for (const { draft, file } of sources) {
    if (entry !== null && draft.entry) {
      // The entry, not the whole shared file: other entries changing must not change this id.
      parts.push(`${file.path}#${draft.entry}:${sha256Hex(JSON.stringify(draft))}`);
    } else {
      parts.push(`${file.path}:${file.sha256}`);
    }
  }
  return `${clientId}-${digest48(parts.join('\n'))}`;
}

export function fingerprintOf(secrets: string[]): string | null {
  return secrets.length === 0 ? null : `sha256:${sha256Hex(secrets.join('\n')).slice(0, 12)}`;
}

export function buildCredential(
  client: ClientDeclaration,
  groupKey: string,
  sources: DraftSource[],
  roots: string[],
): BuiltCredential {
  const ordered =
    sources.length < 2 ? sources : [...sources].sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
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
  const files: ScannedFile[] = [];
  const scopes: string[] = [];
  const secrets: string[] = [];
  const matchKeys: string[] = [];
  const sharedKeys: string[] = [];
  const flowFiles: ScannedFile[] = [];
  const addAll = (into: string[], from: string[] | undefined): void => {
    if (from) for (const v of from) if (v !== '' && !into.includes(v)) into.push(v);
  };
  for (const source of ordered) {
    const { draft: d, file } = source;
    if (!files.includes(file)) {
      files.push(file);
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
    addAll(scopes, d.scopes);
    if (d.secrets) for (const v of d.secrets) if (v !== '') secrets.push(v);
    addAll(matchKeys, d.matchKeys);
    addAll(sharedKeys, d.sharedKeys);
    if (d.flowState === true && !flowFiles.includes(file)) flowFiles.push(file);
  }
  const entry = shared?.draft.entry ?? null;
  const ownFiles = shared === null ? files : files.filter((f) => f !== shared.file);
  const credential: Credential = {
    id: credentialId(client.id, groupKey, ordered, entry),
    client: client.id,
    serverUrl,
    serverName,
    issuer,
    oauthClientId,
    registration: registration ?? 'unknown',
    scopes,
    hasAccessToken,
    hasRefreshToken,
    expiresAt: iso(expiresAtMs),
    updatedAt: iso(updatedAtMs ?? (files.length > 0 ? latestMtime : null)),
    files: files.map((f) => ({
      path: f.path,
      bytes: f.bytes,
      modifiedAt: new Date(f.mtimeMs).toISOString(),
    })),
    entry,
    fingerprint: fingerprintOf(secrets),
  };
  return {
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
              ...(sharedKeys.length > 0 ? { keys: sharedKeys } : {}),
            },
      roots,
    },
    matchKeys,
    lock: lockSource?.draft.lock ?? null,
    lockFile: lockSource?.file ?? null,
    flowFiles,
    refreshKnown,
  };
}

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
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

function firstDefined<T>(
  sources: DraftSource[],
  pick: (d: CredentialDraft) => T | null | undefined,
): T | null {
  for (const { draft } of sources) {
    const value = pick(draft);
    if (value !== undefined && value !== null) return value;
  }
  return null;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function sharedFormat(filePath: string): SharedFormat {
  return path.basename(filePath).toLowerCase().endsWith('.vscdb') ? 'vscdb' : 'json';
}

/** Short, stable id: the same files (or the same entry content) give the same id. */
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
  return `${clientId}-${sha256Hex(parts.join('\n')).slice(0, 12)}`;
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
  const ordered = [...sources].sort((a, b) =>
    a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0,
  );
  const shared = ordered.find((s) => typeof s.draft.entry === 'string' && s.draft.entry !== '') ?? null;
  const entry = shared?.draft.entry ?? null;
  const files = unique(ordered.map((s) => s.file));
  const ownFiles = shared === null ? files : files.filter((f) => f !== shared.file);
  const secrets = ordered.flatMap((s) => s.draft.secrets ?? []).filter((s) => s !== '');
  const mtimes = files.map((f) => f.mtimeMs);
  const registration: Registration = firstDefined(ordered, (d) => d.registration) ?? 'unknown';
  const lockSource = ordered.find((s) => s.draft.lock !== undefined) ?? null;

  const credential: Credential = {
    id: credentialId(client.id, groupKey, ordered, entry),
    client: client.id,
    serverUrl: firstDefined(ordered, (d) => d.serverUrl),
    serverName: firstDefined(ordered, (d) => d.serverName),
    issuer: firstDefined(ordered, (d) => d.issuer),
    oauthClientId: firstDefined(ordered, (d) => d.oauthClientId),
    registration,
    scopes: unique(ordered.flatMap((s) => s.draft.scopes ?? [])),
    hasAccessToken: ordered.some((s) => s.draft.hasAccessToken === true),
    hasRefreshToken: ordered.some((s) => s.draft.hasRefreshToken === true),
    expiresAt: iso(firstDefined(ordered, (d) => d.expiresAtMs)),
    updatedAt: iso(
      firstDefined(ordered, (d) => d.updatedAtMs) ?? (mtimes.length > 0 ? Math.max(...mtimes) : null),
    ),
    files: files.map((f) => ({
      path: f.path,
      bytes: f.bytes,
      modifiedAt: new Date(f.mtimeMs).toISOString(),
    })),
    entry,
    fingerprint: fingerprintOf(secrets),
  };
  const sharedKeys = unique(ordered.flatMap((s) => s.draft.sharedKeys ?? []));
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
    matchKeys: unique(ordered.flatMap((s) => s.draft.matchKeys ?? [])),
    lock: lockSource?.draft.lock ?? null,
    lockFile: lockSource?.file ?? null,
    flowFiles: unique(ordered.filter((s) => s.draft.flowState === true).map((s) => s.file)),
  };
}

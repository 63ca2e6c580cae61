/**
 * VS Code's MCP OAuth state in `User/globalStorage/state.vscdb` (microsoft/vscode
 * `dynamicAuthenticationProviderStorageService.ts`):
 *   - `ItemTable['dynamicAuthProviders']`: JSON array of {providerId, label, authorizationServer,
 *     clientId} — the list "Authentication: Remove Dynamic Authentication Providers" shows;
 *   - `secret://dynamicAuthProvider:clientRegistration:<providerId>`: {clientId, clientSecret};
 *   - `secret://{"isDynamicAuthProvider":true,"authProviderId":…,"clientId":…}`: the sessions.
 * Secret values are encrypted with the OS keychain (Electron safeStorage): we report which exist
 * and fingerprint the ciphertext, nothing more. One credential per provider; its `entry` points at
 * the array element and `sharedKeys` names every secret row that goes with it.
 */
import type { CredentialDraft, FileParser, ParsedFile } from '../types';
import type { Registration } from '../../model/scan';
import { isRecord, pointer, text } from './json-text';
import { SECRET_PREFIX, readItemTable, rowText, type ItemRows } from './vscode-state-db';

export const PROVIDERS_KEY = 'dynamicAuthProviders';
const REGISTRATION_PREFIX = `${SECRET_PREFIX}dynamicAuthProvider:clientRegistration:`;
const SESSION_PREFIX = `${SECRET_PREFIX}{"isDynamicAuthProvider":`;

interface ProviderId {
  /** The authorization server, or the issuer of an enterprise-managed (`xaa:`) provider. */
  issuer: string | null;
  /** The protected resource (the MCP server) when the id carries one. */
  resource: string | null;
}

/** `<authServer>`, `<authServer> <resource>` or `xaa:<issuer>` (mainThreadAuthentication). */
export function splitProviderId(providerId: string): ProviderId {
  if (providerId.startsWith('xaa:')) return { issuer: providerId.slice(4) || null, resource: null };
  const space = providerId.indexOf(' ');
  if (space === -1) return { issuer: providerId, resource: null };
  return { issuer: providerId.slice(0, space) || null, resource: providerId.slice(space + 1).trim() || null };
}

interface SessionRow {
  rowKey: string;
  providerId: string;
  clientId: string | null;
}

function sessionRows(rows: ItemRows): SessionRow[] {
  const found: SessionRow[] = [];
  for (const rowKey of rows.keys()) {
    if (!rowKey.startsWith(SESSION_PREFIX)) continue;
    try {
      const parsed: unknown = JSON.parse(rowKey.slice(SECRET_PREFIX.length));
      if (!isRecord(parsed) || parsed.isDynamicAuthProvider !== true) continue;
      const providerId = text(parsed.authProviderId);
      if (providerId === undefined) continue;
      found.push({ rowKey, providerId, clientId: text(parsed.clientId) ?? null });
    } catch {
      // A secret whose key is not JSON is some other extension's; not ours to list.
    }
  }
  return found;
}

function registrationOf(clientId: string | null): Registration {
  // A client id that is an https URL is a Client ID Metadata Document; DCR and a client id the
  // user typed in look alike from here.
  return clientId !== null && clientId.startsWith('https://') ? 'cimd' : 'unknown';
}

interface ProviderGroup {
  providerId: string;
  index: number | null;
  issuer: string | null;
  clientId: string | null;
  secretRows: string[];
  hasSessions: boolean;
}

function draftOf(group: ProviderGroup, rows: ItemRows): CredentialDraft {
  const { issuer, resource } = splitProviderId(group.providerId);
  return {
    groupKey: `vscode-auth-provider:${group.providerId}`,
    entry:
      group.index !== null
        ? pointer(PROVIDERS_KEY, group.index)
        : pointer(group.secretRows[0] ?? group.providerId),
    serverUrl: resource,
    issuer: group.issuer ?? issuer,
    oauthClientId: group.clientId,
    registration: registrationOf(group.clientId),
    hasAccessToken: group.hasSessions,
    // Refresh tokens sit inside the encrypted sessions; whether there is one is unknown here.
    secrets: group.secretRows
      .map((key) => rowText(rows.get(key)))
      .filter((v): v is string => v !== undefined && v !== ''),
    sharedKeys: group.secretRows,
  };
}

/** Drafts for every provider in the list, plus sessions/registrations whose provider is gone. */
export function dynamicProviderDrafts(rows: ItemRows, problems: { message: string }[]): CredentialDraft[] {
  const groups = new Map<string, ProviderGroup>();
  const listText = rowText(rows.get(PROVIDERS_KEY));
  if (listText !== undefined) {
    let list: unknown;
    try {
      list = JSON.parse(listText);
    } catch {
      problems.push({ message: `the ${PROVIDERS_KEY} entry is not valid JSON` });
    }
    if (list !== undefined && !Array.isArray(list)) {
      problems.push({ message: `the ${PROVIDERS_KEY} entry is not a JSON array` });
    } else if (Array.isArray(list)) {
      list.forEach((item: unknown, index) => {
        const providerId = isRecord(item) ? text(item.providerId) : undefined;
        if (!isRecord(item) || providerId === undefined) {
          problems.push({ message: `${PROVIDERS_KEY}[${index}] has no providerId` });
          return;
        }
        if (groups.has(providerId)) return; // VS Code keeps one entry per provider; ignore repeats
        groups.set(providerId, {
          providerId,
          index,
          // `issuer` is the field's name before VS Code's migration to `authorizationServer`.
          issuer: text(item.authorizationServer) ?? text(item.issuer) ?? null,
          clientId: text(item.clientId) ?? null,
          secretRows: [],
          hasSessions: false,
        });
      });
    }
  }
  const groupFor = (providerId: string, clientId: string | null): ProviderGroup => {
    let group = groups.get(providerId);
    if (group === undefined) {
      group = { providerId, index: null, issuer: null, clientId, secretRows: [], hasSessions: false };
      groups.set(providerId, group);
    }
    return group;
  };
  for (const session of sessionRows(rows)) {
    const group = groupFor(session.providerId, session.clientId);
    group.secretRows.push(session.rowKey);
    group.hasSessions = true;
  }
  for (const rowKey of rows.keys()) {
    if (!rowKey.startsWith(REGISTRATION_PREFIX)) continue;
    const providerId = rowKey.slice(REGISTRATION_PREFIX.length);
    if (providerId !== '') groupFor(providerId, null).secretRows.push(rowKey);
  }
  return [...groups.values()].map((group) => draftOf(group, rows));
}

export const parseVsCodeStateDb: FileParser = (input): ParsedFile => {
  const result = readItemTable(input.bytes, 'state.vscdb', {
    keys: [PROVIDERS_KEY],
    prefixes: [REGISTRATION_PREFIX, SESSION_PREFIX],
  });
  if (!result.ok) return { problems: [result.problem] };
  const problems: { message: string }[] = [];
  const credentials = dynamicProviderDrafts(result.rows, problems);
  const notes = result.walMode
    ? ['state.vscdb is in WAL mode: changes VS Code has not yet written back into it are not shown']
    : [];
  return { credentials, problems, notes };
};

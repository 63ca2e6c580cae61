/**
 * mcp-remote's cache folder (`~/.mcp-auth/mcp-remote-<version>/`, clients.md §1 and the run of
 * 0.15.1 recorded there): flat files named `<md5 hash>_<kind>`, one group per hash and folder.
 *   client_info.json            DCR result: client_id, client_secret?, issuer (0.15), software_version
 *   tokens.json                 OAuthTokens: access_token, refresh_token?, expires_in, expires_at (0.15, ms), issuer
 *   code_verifier[_<state>].txt PKCE verifier of a sign-in in progress
 *   discovery_state_<state>.json discovery results of a sign-in in progress
 *   lock.json                   {pid, port, timestamp} (older releases; honoured 30 minutes)
 *   refresh_in_progress.json    {pid, nonce, at} (0.15 refresh lease; honoured 30 s)
 *   debug.log, *.tmp            written with --debug; leftovers of an interrupted atomic write
 * The hash (the file-name prefix) is the link to the host config that launches mcp-remote.
 */
import { readJsonFast } from '../shared/json';
import type { CredentialDraft, FileParser, ParsedFile } from '../types';
import { textOf, finiteNumber, isRecord, scopeList, secretValues, text } from './json-text';

const HASHED_NAME = /^[0-9a-f]{32}_./;
const LOCK_MAX_AGE_MS = 30 * 60 * 1000;
const REFRESH_LEASE_MAX_AGE_MS = 30 * 1000;

function jsonObject(
  input: { bytes: Buffer; text?: string },
  what: string,
): Record<string, unknown> | ParsedFile {
  const json = readJsonFast(input, what);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty) return { problems: [{ message: `${what} is empty` }] };
  if (!isRecord(json.value)) return { problems: [{ message: `${what} is not a JSON object` }] };
  return json.value;
}

const isParsed = (v: Record<string, unknown> | ParsedFile): v is ParsedFile =>
  'problems' in v && Array.isArray(v.problems);

function registrationOf(clientId: string | undefined): CredentialDraft['registration'] {
  if (clientId === undefined) return 'unknown';
  // A Client ID Metadata Document client is identified by the https URL of that document.
  return /^https:\/\//i.test(clientId) ? 'cimd' : 'dcr';
}

/** A file of the group that says nothing more (a module-level function: no closure per file). */
const bare = (groupKey: string, hash: string): CredentialDraft => ({ groupKey, matchKeys: [hash] });

export const parseMcpRemoteFile: FileParser = (input): ParsedFile => {
  // Thousands of these files can sit in one folder: no splitting, no spreads, no match arrays.
  const slash = input.relative.lastIndexOf('/');
  const name = slash < 0 ? input.relative : input.relative.slice(slash + 1);
  if (!HASHED_NAME.test(name)) return {};
  const hash = name.slice(0, 32);
  const kind = name.slice(33);
  // `<folder>/<hash>`: where there is a folder, a slice of the relative path (the scan hashes
  // this key for every file; a slice hashes faster than a string built from pieces).
  const groupKey = slash < 0 ? `./${hash}` : input.relative.slice(0, slash + 33);
  const what = name;

  if (kind === 'client_info.json') {
    const obj = jsonObject(input, what);
    // A broken file still belongs to its server's group, so resetting that server removes it.
    if (isParsed(obj)) return { credentials: [bare(groupKey, hash)], problems: obj.problems };
    const clientId = text(obj.client_id);
    return {
      credentials: [
        {
          groupKey,
          matchKeys: [hash],
          oauthClientId: clientId ?? null,
          issuer: text(obj.issuer) ?? null,
          registration: registrationOf(clientId),
          secrets: secretValues(obj.client_secret),
        },
      ],
      ...(clientId === undefined ? { problems: [{ message: `${what} has no client_id` }] } : {}),
    };
  }
  if (kind === 'tokens.json') {
    const obj = jsonObject(input, what);
    if (isParsed(obj)) return { credentials: [bare(groupKey, hash)], problems: obj.problems };
    const expiresIn = finiteNumber(obj.expires_in);
    // 0.15 records an absolute expiry; older releases only the lifetime, counted from the write.
    const expiresAtMs =
      finiteNumber(obj.expires_at) ?? (expiresIn !== undefined ? input.mtimeMs + expiresIn * 1000 : null);
    return {
      credentials: [
        {
          groupKey,
          matchKeys: [hash],
          issuer: text(obj.issuer) ?? null,
          scopes: scopeList(obj.scope),
          hasAccessToken: text(obj.access_token) !== undefined,
          hasRefreshToken: text(obj.refresh_token) !== undefined,
          expiresAtMs,
          updatedAtMs: input.mtimeMs,
          secrets: secretValues(obj.access_token, obj.refresh_token, obj.id_token),
        },
      ],
    };
  }
  if (/^code_verifier(_.+)?\.txt$/.test(kind)) {
    const decoded = textOf(input, what);
    const verifier = decoded.ok ? decoded.text.trim() : '';
    return {
      credentials: [
        { groupKey, matchKeys: [hash], flowState: true, secrets: verifier === '' ? [] : [verifier] },
      ],
    };
  }
  if (/^discovery_state(_.+)?\.json$/.test(kind)) {
    const obj = jsonObject(input, what);
    if (isParsed(obj))
      return { credentials: [{ groupKey, matchKeys: [hash], flowState: true }], problems: obj.problems };
    const metadata = isRecord(obj.authorizationServerMetadata) ? obj.authorizationServerMetadata : {};
    return {
      credentials: [
        {
          groupKey,
          matchKeys: [hash],
          flowState: true,
          issuer: text(metadata.issuer) ?? text(obj.authorizationServerUrl) ?? null,
        },
      ],
    };
  }
  if (kind === 'lock.json' || kind === 'refresh_in_progress.json') {
    const obj = jsonObject(input, what);
    const lease = kind === 'refresh_in_progress.json';
    const record = isParsed(obj) ? {} : obj;
    return {
      credentials: [
        {
          groupKey,
          matchKeys: [hash],
          lock: {
            pid: finiteNumber(record.pid) ?? null,
            port: finiteNumber(record.port) ?? null,
            timestampMs: finiteNumber(lease ? record.at : record.timestamp) ?? null,
            maxAgeMs: lease ? REFRESH_LEASE_MAX_AGE_MS : LOCK_MAX_AGE_MS,
          },
        },
      ],
      ...(isParsed(obj) ? { problems: obj.problems } : {}),
    };
  }
  // debug.log, leftover *.tmp writes and kinds of later releases: part of the group, not read.
  return { credentials: [bare(groupKey, hash)] };
};

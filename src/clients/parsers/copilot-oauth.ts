/**
 * GitHub Copilot CLI's `mcp-oauth-config/` folder (clients.md §2): per server a hash `<H>` and
 *   <H>.json         registration: serverUrl, authorizationServerUrl, clientId, clientSecret?,
 *                    redirectUri, issuedAt (epoch s), isStatic, resourceUrl?
 *   <H>.tokens.json  accessToken, refreshToken, expiresAt (epoch SECONDS), scope (only when the
 *                    OS keychain could not be used)
 *   <H>.verifier     PKCE verifier of a sign-in in progress
 *   <H>.secret       a static client secret (only without a keychain)
 * `<H>` is not recomputed (its 1.0.x derivation is unverified): files are grouped by it and the
 * server is read from `serverUrl` inside `<H>.json`.
 */
import { readJsonFast } from '../shared/json';
import type { CredentialDraft, FileParser, ParsedFile } from '../types';
import { textOf, finiteNumber, isRecord, scopeList, secretValues, text } from './json-text';

const FILE_NAME = /^([^.]+)(\.tokens\.json|\.json|\.verifier|\.secret)$/;

function object(
  input: { bytes: Buffer; text?: string },
  what: string,
): Record<string, unknown> | { problem: string } {
  const json = readJsonFast(input, what);
  if (!json.ok) return { problem: json.problem.message };
  if (json.empty) return { problem: `${what} is empty` };
  if (!isRecord(json.value)) return { problem: `${what} is not a JSON object` };
  return json.value;
}

const failed = (v: Record<string, unknown> | { problem: string }): v is { problem: string } =>
  typeof v.problem === 'string' && Object.keys(v).length === 1;

export const parseCopilotOAuthFile: FileParser = (input): ParsedFile => {
  const parts = input.relative.split('/');
  const name = parts[parts.length - 1] ?? '';
  const match = FILE_NAME.exec(name);
  if (!match) return {};
  const hash = match[1]!;
  const suffix = match[2]!;
  const base: CredentialDraft = { groupKey: `${parts.slice(0, -1).join('/')}/${hash}` };

  if (suffix === '.json') {
    const obj = object(input, name);
    if (failed(obj)) return { credentials: [base], problems: [{ message: obj.problem }] };
    const issuedAt = finiteNumber(obj.issuedAt);
    return {
      credentials: [
        {
          ...base,
          serverUrl: text(obj.serverUrl) ?? null,
          issuer: text(obj.authorizationServerUrl) ?? null,
          oauthClientId: text(obj.clientId) ?? null,
          registration:
            obj.isStatic === true ? 'static' : text(obj.clientId) !== undefined ? 'dcr' : 'unknown',
          updatedAtMs: issuedAt !== undefined ? issuedAt * 1000 : null,
          secrets: secretValues(obj.clientSecret),
        },
      ],
    };
  }
  if (suffix === '.tokens.json') {
    const obj = object(input, name);
    if (failed(obj)) return { credentials: [base], problems: [{ message: obj.problem }] };
    const expiresAt = finiteNumber(obj.expiresAt);
    return {
      credentials: [
        {
          ...base,
          scopes: scopeList(obj.scope),
          hasAccessToken: text(obj.accessToken) !== undefined,
          hasRefreshToken: text(obj.refreshToken) !== undefined,
          expiresAtMs: expiresAt !== undefined ? expiresAt * 1000 : null,
          secrets: secretValues(obj.accessToken, obj.refreshToken),
        },
      ],
    };
  }
  const decoded = textOf(input, name);
  const value = decoded.ok ? decoded.text.trim() : '';
  const secrets = value === '' ? [] : [value];
  return {
    credentials: [suffix === '.verifier' ? { ...base, flowState: true, secrets } : { ...base, secrets }],
  };
};

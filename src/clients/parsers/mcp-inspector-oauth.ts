/**
 * MCP Inspector 2.x's OAuth state `~/.mcp-inspector/storage/oauth.json`
 * (modelcontextprotocol/inspector `core/auth/oauth-persist.ts`, `store.ts`, `node/oauth-secrets.ts`),
 * shared by its web app, CLI and TUI:
 *   { secretsNamespace?, servers: { <server URL>: ServerOAuthState }, idpSessions }
 * or the older zustand envelope { state: { servers, idpSessions }, version }.
 * ServerOAuthState: clientInformation, clientRegistrationKind, preregisteredClientInformation,
 * tokens (OAuthTokens, no absolute expiry), codeVerifier, scope, serverMetadata, and since
 * SEP-2352 `byIssuer: { <issuer>: { clientInformation, clientRegistrationKind, tokens } }`.
 * Newer releases move tokens and client secrets to the OS keychain or
 * `~/.mcp-inspector/secrets.json` and leave only this index in the file.
 * Each server URL is one credential; IdP sessions (enterprise sign-in) are not MCP credentials.
 */
import type { CredentialDraft, FileParser, ParsedFile, ParseProblem } from '../types';
import type { Registration } from '../../model/scan';
import { isRecord, pointer, readJson, scopeList, secretValues, text } from './json-text';

const WHAT = 'oauth.json';

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

interface Slot {
  issuer: string | null;
  clientInformation: Record<string, unknown>;
  kind: string | undefined;
  tokens: Record<string, unknown> | null;
}

/** The issuer-bound slots, then the legacy unkeyed fields as one more slot. */
function slotsOf(state: Record<string, unknown>): Slot[] {
  const slots: Slot[] = [];
  for (const [issuer, slot] of Object.entries(record(state.byIssuer))) {
    const s = record(slot);
    slots.push({
      issuer,
      clientInformation: record(s.clientInformation),
      kind: text(s.clientRegistrationKind),
      tokens: isRecord(s.tokens) ? s.tokens : null,
    });
  }
  if (isRecord(state.clientInformation) || isRecord(state.tokens)) {
    const tokens = isRecord(state.tokens) ? state.tokens : null;
    slots.push({
      issuer: text(tokens?.issuer) ?? text(record(state.serverMetadata).issuer) ?? null,
      clientInformation: record(state.clientInformation),
      kind: text(state.clientRegistrationKind),
      tokens,
    });
  }
  return slots;
}

function registrationOf(
  kind: string | undefined,
  clientId: string | undefined,
  preregistered: boolean,
): Registration {
  const k = kind?.toLowerCase();
  if (k === 'cimd') return 'cimd';
  if (k === 'dcr' || k === 'dynamic') return 'dcr';
  if (k === 'static' || k === 'preregistered' || preregistered) return 'static';
  if (clientId?.startsWith('https://')) return 'cimd';
  return 'unknown';
}

function draftOf(serverUrl: string, state: Record<string, unknown>, base: string[]): CredentialDraft {
  const slots = slotsOf(state);
  const prereg = record(state.preregisteredClientInformation);
  const withTokens = slots.find((s) => s.tokens !== null);
  const main = withTokens ?? slots[0];
  const clientId = text(main?.clientInformation.client_id) ?? text(prereg.client_id);
  const tokens = slots.map((s) => s.tokens).filter((t): t is Record<string, unknown> => t !== null);
  const codeVerifier = text(state.codeVerifier);
  return {
    groupKey: `mcp-inspector:${serverUrl}`,
    entry: pointer(...base, serverUrl),
    serverUrl,
    issuer: main?.issuer ?? text(record(state.serverMetadata).issuer) ?? null,
    oauthClientId: clientId ?? null,
    registration: registrationOf(
      main?.kind,
      clientId,
      text(prereg.client_id) !== undefined && main === undefined,
    ),
    scopes: scopeList(withTokens?.tokens?.scope ?? state.scope),
    // Without tokens in the file they may still sit in the keychain / secrets.json: unknown.
    ...(tokens.length > 0
      ? {
          hasAccessToken: tokens.some((t) => text(t.access_token) !== undefined),
          hasRefreshToken: tokens.some((t) => text(t.refresh_token) !== undefined),
        }
      : {}),
    expiresAtMs: null,
    flowState: codeVerifier !== undefined,
    secrets: secretValues(
      ...tokens.flatMap((t) => [t.access_token, t.refresh_token, t.id_token]),
      ...slots.map((s) => s.clientInformation.client_secret),
      prereg.client_secret,
      codeVerifier,
    ),
  };
}

export const parseInspectorOAuth: FileParser = (input): ParsedFile => {
  const json = readJson(input.bytes, WHAT);
  if (!json.ok) return { problems: [json.problem] };
  if (json.empty)
    return { problems: [{ message: `${WHAT} is empty; MCP Inspector will treat it as holding no state` }] };
  if (!isRecord(json.value)) return { problems: [{ message: `${WHAT} is not a JSON object` }] };
  const legacy = isRecord(json.value.state) && 'version' in json.value;
  const root = legacy ? record(json.value.state) : json.value;
  const base = legacy ? ['state', 'servers'] : ['servers'];
  if (!('servers' in root) && !('idpSessions' in root)) {
    return { problems: [{ message: `${WHAT} has no "servers" map; MCP Inspector does not recognise it` }] };
  }
  const problems: ParseProblem[] = [];
  const credentials: CredentialDraft[] = [];
  for (const [serverUrl, state] of Object.entries(record(root.servers))) {
    if (!isRecord(state)) {
      problems.push({ message: `${WHAT} entry for ${serverUrl} is not an object` });
      continue;
    }
    credentials.push(draftOf(serverUrl, state, base));
  }
  const split = text(json.value.secretsNamespace) !== undefined;
  const notes = split
    ? [
        'MCP Inspector keeps these tokens and client secrets in the OS keychain or ~/.mcp-inspector/secrets.json; oauth.json only indexes them',
      ]
    : [];
  return { credentials, problems, notes };
};

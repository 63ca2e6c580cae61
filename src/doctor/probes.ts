/**
 * The requests the checks share, each sent once (memoised) and as early as its inputs allow:
 * everything that only needs the MCP URL starts at once (the challenge POST, the User-Agent
 * variants, the CORS probes and both well-known metadata guesses), the rest as soon as the answer
 * it depends on arrives. No request ever carries a token, a cookie or an Authorization header.
 */
import { createHash, randomBytes } from 'node:crypto';
import { VERSION } from '../version';
import { resourceIndicator } from './checks/url';
import type { Exchange, Sender } from './exchange';
import { isJson } from './edge-detect';
import { getFollowingWithinOrigin, type MetadataAnswer } from './metadata-fetch';
import { asMetadataCandidates, resourceMetadataCandidates, type AsMetadataCandidate } from './well-known';
import { bearerChallenge } from './www-authenticate';

export const PROTOCOL_VERSION = '2025-06-18';
export const INSPECTOR_ORIGIN = 'http://localhost:6274';
/** Not listened on: redirects towards it are never followed. */
export const PROBE_REDIRECT_URI = 'http://127.0.0.1:33418/callback';
export const PROBE_CLIENT_ID = 'mcp-auth-doctor-probe';

/** Client-like agents for the edge/WAF differential (the doctor's own agent is the baseline). */
export const CLIENT_AGENTS: ReadonlyArray<{ label: string; agent: string }> = [
  { label: 'a Node.js client (mcp-remote, SDK-based clients)', agent: 'node' },
  { label: 'a Python client', agent: 'python-httpx/0.28.1' },
  { label: 'an AI assistant agent', agent: 'Claude-User (+https://support.anthropic.com/)' },
];

export type JsonObject = Record<string, unknown>;

export interface PrmAttempt {
  source: 'header' | 'path-inserted' | 'root';
  url: string;
  /** Same-origin redirects followed on the way (as fetch-based clients follow them). */
  redirects: Exchange[];
  /** The last answer (after the redirects). */
  exchange: Exchange;
  doc: JsonObject | null;
  /** Why the answer is not usable metadata; null when it is. */
  problem: string | null;
}

export interface PrmResult {
  /** `resource_metadata` from the 401 challenge, if any. */
  headerUrl: string | null;
  /** In the order a 2025-11-25 client would try them (header first when present). */
  attempts: PrmAttempt[];
  /** What a client following the spec would use; null when nothing usable was found. */
  used: PrmAttempt | null;
}

export interface AsAttempt {
  candidate: AsMetadataCandidate;
  /** Same-origin redirects followed on the way. */
  redirects: Exchange[];
  /** The last answer (after the redirects). */
  exchange: Exchange;
  doc: JsonObject | null;
  problem: string | null;
}

/** What clients on the 2025-03-26 revision see: they ignore PRM and look at the MCP origin. */
export interface LegacyOriginView {
  origin: string;
  /** RFC 8414 at the MCP origin. */
  attempt: AsAttempt;
}

export interface AsResult {
  /** The issuer string the metadata URLs were built from (PRM `authorization_servers[0]`). */
  issuer: string | null;
  /**
   * True when no usable PRM named an authorization server and the MCP origin was used instead
   * (the SDK's fallback, and the 2025-03-26 rule).
   */
  legacy: boolean;
  /** In legacy mode: why no protected resource metadata named the authorization server. */
  prmMissing: string | null;
  otherServers: string[];
  attempts: AsAttempt[];
  /**
   * The document a client that walks the locations like the TypeScript SDK uses: it moves past
   * no answer and any answer below 500 that is not a success, and stops at the first success
   * (used when it is metadata) or server error. Null when discovery fails.
   */
  used: AsAttempt | null;
  /** Where that walk stopped without a usable document (a success that is not metadata, or a 5xx). */
  stoppedAt: AsAttempt | null;
  /** What 2025-03-26 clients find at the MCP origin (null when discovery could not start). */
  legacyOrigin: LegacyOriginView | null;
  /** Why discovery could not start, when it could not. */
  notStarted: string | null;
}

export interface AuthorizeHop {
  exchange: Exchange;
}

export interface Probes {
  challenge(): Promise<Exchange>;
  agentVariants(): Promise<Array<{ label: string; agent: string; exchange: Exchange }>>;
  corsPreflight(): Promise<Exchange>;
  corsActual(): Promise<Exchange>;
  /** A `tools/call` without a token: tells "not protected" from "partial auth". */
  toolsCall(): Promise<Exchange>;
  resourceMetadata(): Promise<PrmResult>;
  authServerMetadata(): Promise<AsResult>;
  /** The authorization endpoint and up to three redirects after it (GET, no cookies). */
  authorize(): Promise<AuthorizeHop[] | null>;
  token(): Promise<Exchange | null>;
  registration(): Promise<Exchange | null>;
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

export function parseJsonObject(exchange: Exchange): JsonObject | null {
  const body = exchange.response?.body;
  if (body === undefined) return null;
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as JsonObject)
      : null;
  } catch {
    return null;
  }
}

export type JsonShape = 'object' | 'array' | 'other' | 'invalid';

/** What the body is as JSON: the metadata must be an object. */
export function jsonShape(body: string): JsonShape {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return 'invalid';
  }
  if (Array.isArray(value)) return 'array';
  return value !== null && typeof value === 'object' ? 'object' : 'other';
}

/** Why a metadata answer is unusable, in words; null when it is a JSON object with status 200. */
export function metadataProblem(exchange: Exchange, unfollowed: string | null = null): string | null {
  const r = exchange.response;
  if (!r) return 'no answer';
  if (r.status === 404) return '404 Not Found';
  if (r.status === 401 || r.status === 403)
    return `${r.status}: the metadata URL itself asks for authentication or is blocked`;
  if (r.status >= 300 && r.status < 400)
    return `${r.status} redirect to ${r.headers.location ?? '(no Location)'}${unfollowed ? ` (${unfollowed})` : ''}`;
  if (r.status !== 200) return `HTTP ${r.status}`;
  const type = r.headers['content-type'] ?? 'no content type';
  switch (jsonShape(r.body)) {
    case 'object':
      return null;
    case 'array':
      return `200 but the document is a JSON array, not an object (${type})`;
    case 'other':
      return `200 but the document is a bare JSON value, not an object (${type})`;
    default:
      return isJson(r) ? `200 but the JSON does not parse (${type})` : `200 but not JSON (${type})`;
  }
}

function prmProblem(answer: MetadataAnswer): string | null {
  const exchange = answer.final;
  const base = metadataProblem(exchange, answer.unfollowed);
  if (base !== null) return base;
  const doc = parseJsonObject(exchange)!;
  if (typeof doc.resource !== 'string') return 'the document has no `resource`';
  const servers = doc.authorization_servers;
  if (!Array.isArray(servers) || servers.length === 0 || !servers.every((s) => typeof s === 'string'))
    return 'the document has no `authorization_servers` list';
  return null;
}

const base64url = (buf: Buffer): string => buf.toString('base64url');

export interface ProbeSetup {
  target: URL;
  send: Sender;
  probeRegistration: boolean;
}

export function createProbes({ target, send, probeRegistration }: ProbeSetup): Probes {
  const mcpUrl = target.href;
  // Sent to the authorization server: never with the secret-looking query parameters of the MCP URL.
  const { resource } = resourceIndicator(target);
  const initializeBody = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'mcp-auth-doctor', version: VERSION },
    },
  });
  const mcpHeaders = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL_VERSION,
  };
  const postInitialize = (extra: Record<string, string> = {}): Promise<Exchange> =>
    send({ method: 'POST', url: mcpUrl, headers: { ...mcpHeaders, ...extra }, body: initializeBody });

  const metadataGets = new Map<string, Promise<MetadataAnswer>>();
  const getMetadata = (url: string): Promise<MetadataAnswer> => {
    let p = metadataGets.get(url);
    if (!p) {
      p = getFollowingWithinOrigin(send, {
        url,
        headers: { accept: 'application/json', 'mcp-protocol-version': PROTOCOL_VERSION },
      });
      metadataGets.set(url, p);
    }
    return p;
  };
  const asAttempt = async (candidate: AsMetadataCandidate): Promise<AsAttempt> => {
    const answer = await getMetadata(candidate.url);
    const problem = metadataProblem(answer.final, answer.unfollowed);
    return {
      candidate,
      redirects: answer.redirects,
      exchange: answer.final,
      doc: problem === null ? parseJsonObject(answer.final) : null,
      problem,
    };
  };
  // Where 2025-03-26 clients look, whatever the resource metadata says.
  const legacyCandidates = asMetadataCandidates(new URL(target.origin));
  const legacyOriginAttempt = once(() => asAttempt(legacyCandidates[0]!));

  const challenge = once(() => postInitialize());

  const agentVariants = once(() =>
    Promise.all(
      CLIENT_AGENTS.map(async ({ label, agent }) => ({
        label,
        agent,
        exchange: await postInitialize({ 'user-agent': agent }),
      })),
    ),
  );

  const corsPreflight = once(() =>
    send({
      method: 'OPTIONS',
      url: mcpUrl,
      headers: {
        origin: INSPECTOR_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,mcp-protocol-version',
      },
    }),
  );
  const corsActual = once(() => postInitialize({ origin: INSPECTOR_ORIGIN }));
  const toolsCall = once(() =>
    send({
      method: 'POST',
      url: mcpUrl,
      headers: mcpHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'mcp-auth-doctor-probe', arguments: {} },
      }),
    }),
  );

  const resourceMetadata = once(async (): Promise<PrmResult> => {
    const wellKnown = resourceMetadataCandidates(target);
    // Guess the well-known locations while the challenge is in flight: most headers point there.
    const guesses: Array<{ source: 'path-inserted' | 'root'; url: string }> = [
      ...(wellKnown.pathInserted ? [{ source: 'path-inserted' as const, url: wellKnown.pathInserted }] : []),
      { source: 'root', url: wellKnown.root },
    ];
    for (const g of guesses) void getMetadata(g.url);
    void legacyOriginAttempt();
    const first = await challenge();
    const header = bearerChallenge(first.response?.headers['www-authenticate']);
    let headerUrl: string | null = header?.params.resource_metadata?.value ?? null;
    if (headerUrl !== null) {
      try {
        headerUrl = new URL(headerUrl, mcpUrl).href;
      } catch {
        headerUrl = null;
      }
    }
    const ordered = [
      ...(headerUrl !== null ? [{ source: 'header' as const, url: headerUrl }] : []),
      ...guesses.filter((g) => g.url !== headerUrl),
    ];
    const attempts = await Promise.all(
      ordered.map(async ({ source, url }): Promise<PrmAttempt> => {
        const answer = await getMetadata(url);
        const problem = prmProblem(answer);
        return {
          source,
          url,
          redirects: answer.redirects,
          exchange: answer.final,
          doc: problem === null ? parseJsonObject(answer.final) : null,
          problem,
        };
      }),
    );
    // A client uses the header URL when there is one; otherwise the first well-known that works.
    const used =
      headerUrl !== null
        ? attempts[0]!.problem === null
          ? attempts[0]!
          : null
        : (attempts.find((a) => a.problem === null) ?? null);
    return { headerUrl, attempts, used };
  });

  const authServerMetadata = once(async (): Promise<AsResult> => {
    const prm = await resourceMetadata();
    const fromPrm = prm.used ?? prm.attempts.find((a) => a.problem === null) ?? null;
    const notStarted = (reason: string, issuer: string | null = null): AsResult => ({
      issuer,
      legacy: false,
      prmMissing: null,
      otherServers: [],
      attempts: [],
      used: null,
      stoppedAt: null,
      legacyOrigin: null,
      notStarted: reason,
    });
    let issuer: string;
    let legacy = false;
    let prmMissing: string | null = null;
    let otherServers: string[] = [];
    if (fromPrm?.doc) {
      const servers = fromPrm.doc.authorization_servers as string[];
      issuer = servers[0]!;
      otherServers = servers.slice(1);
    } else {
      const first = await challenge();
      const status = first.response?.status;
      if (status !== 401) {
        return notStarted(
          status === undefined
            ? 'the MCP endpoint did not answer'
            : `the MCP endpoint answered HTTP ${status}, not a 401 that starts a sign-in, and no protected resource metadata names an authorization server`,
        );
      }
      // No usable PRM: the SDK (and the 2025-03-26 rule) take the MCP server's origin instead.
      const header = prm.headerUrl !== null ? prm.attempts[0] : undefined;
      prmMissing = header
        ? `The protected resource metadata the 401 challenge points at (${header.url}) cannot be used (${header.problem})`
        : 'There is no protected resource metadata';
      issuer = target.origin;
      legacy = true;
    }
    let issuerUrl: URL;
    try {
      issuerUrl = new URL(issuer);
    } catch {
      return notStarted(`the authorization server "${issuer}" is not a URL`, issuer);
    }
    const [attempts, legacyAttempt] = await Promise.all([
      Promise.all(asMetadataCandidates(issuerUrl).map(asAttempt)),
      legacyOriginAttempt(),
    ]);
    const walk = walkLikeSdk(attempts);
    return {
      issuer,
      legacy,
      prmMissing,
      otherServers,
      attempts,
      used: walk.used,
      stoppedAt: walk.stoppedAt,
      legacyOrigin: { origin: target.origin, attempt: legacyAttempt },
      notStarted: null,
    };
  });

  const endpoint = async (field: string): Promise<string | null> => {
    const as = await authServerMetadata();
    const value = as.used?.doc?.[field];
    if (typeof value !== 'string') return null;
    try {
      return new URL(value).href;
    } catch {
      return null;
    }
  };

  const authorize = once(async (): Promise<AuthorizeHop[] | null> => {
    const start = await endpoint('authorization_endpoint');
    if (start === null) return null;
    const verifier = base64url(randomBytes(32));
    const url = new URL(start);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', PROBE_CLIENT_ID);
    url.searchParams.set('redirect_uri', PROBE_REDIRECT_URI);
    url.searchParams.set('code_challenge', base64url(createHash('sha256').update(verifier).digest()));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', base64url(randomBytes(12)));
    url.searchParams.set('resource', resource);
    const hops: AuthorizeHop[] = [];
    let next: string | null = url.href;
    const callbackOrigin = new URL(PROBE_REDIRECT_URI).origin;
    while (next !== null && hops.length < 4) {
      const exchange = await send({ method: 'GET', url: next, headers: { accept: 'text/html' } });
      hops.push({ exchange });
      next = null;
      const r = exchange.response;
      const location = r && r.status >= 300 && r.status < 400 ? r.headers.location : undefined;
      if (location !== undefined) {
        try {
          const target2 = new URL(location, exchange.url);
          const web = target2.protocol === 'https:' || target2.protocol === 'http:';
          if (web && target2.origin !== callbackOrigin) next = target2.href;
        } catch {
          next = null;
        }
      }
    }
    return hops;
  });

  const token = once(async (): Promise<Exchange | null> => {
    const url = await endpoint('token_endpoint');
    if (url === null) return null;
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'mcp-auth-doctor-not-a-real-code',
      redirect_uri: PROBE_REDIRECT_URI,
      client_id: PROBE_CLIENT_ID,
      code_verifier: base64url(randomBytes(32)),
      resource,
    });
    return send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
  });

  const registration = once(async (): Promise<Exchange | null> => {
    if (!probeRegistration) return null;
    const url = await endpoint('registration_endpoint');
    if (url === null) return null;
    return send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(REGISTRATION_REQUEST),
    });
  });

  return {
    challenge,
    agentVariants,
    corsPreflight,
    corsActual,
    toolsCall,
    resourceMetadata,
    authServerMetadata,
    authorize,
    token,
    registration,
  };
}

/**
 * The walk of the TypeScript SDK's `discoverAuthorizationServerMetadata` (1.32): no answer and any
 * non-success below 500 (a 404, another 4xx, a redirect it did not follow) → next location; a
 * success → stop and use it (a client then fails if it is not metadata); a 5xx → stop, fail.
 */
export function walkLikeSdk(attempts: AsAttempt[]): { used: AsAttempt | null; stoppedAt: AsAttempt | null } {
  for (const attempt of attempts) {
    const status = attempt.exchange.response?.status;
    if (status === undefined) continue;
    if (status >= 200 && status < 300) {
      return attempt.problem === null
        ? { used: attempt, stoppedAt: null }
        : { used: null, stoppedAt: attempt };
    }
    if (status >= 500) return { used: null, stoppedAt: attempt };
  }
  return { used: null, stoppedAt: null };
}

/** A native public client, as desktop and CLI MCP clients register (handshake check 10). */
export const REGISTRATION_REQUEST = {
  client_name: 'MCP Auth Doctor registration probe',
  redirect_uris: ['http://127.0.0.1:33418/callback', 'http://localhost:33418/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
  application_type: 'native',
} as const;

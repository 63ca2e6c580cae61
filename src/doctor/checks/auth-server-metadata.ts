/**
 * Handshake check 5: authorization server metadata, fetched at every location of the order MCP
 * 2025-11-25 mandates. The verdict follows the clients people run (the TypeScript SDK's walk: move
 * past anything below 500 that is not a success, follow redirects on the origin); where a stricter
 * or older client would stop, it warns and says which:
 * - clients built for 2025-06-18 try RFC 8414 only;
 * - clients that only move on past a 404 stop at any other error;
 * - 2025-03-26 clients ignore protected resource metadata, look for RFC 8414 at the MCP origin and
 *   otherwise guess /authorize, /token and /register there (a note, not a warning: that revision
 *   cannot follow a resource to another authorization server at all).
 */
import type { Evidence } from '../../model/index';
import { detectEdge } from '../edge-detect';
import { describeNetError, evidenceOf } from '../evidence';
import { ANOTHER_ORIGIN } from '../metadata-fetch';
import { jsonShape, type AsAttempt, type AsResult, type JsonObject } from '../probes';
import { describeCandidate, isLoopbackHost } from '../well-known';
import { outcome, skip, type CheckDefinition } from './kit';

/** Problems with a metadata document that stop a client from using it. */
export function asDocumentProblems(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof doc.issuer !== 'string') problems.push('no issuer');
  for (const field of ['authorization_endpoint', 'token_endpoint']) {
    const value = doc[field];
    if (typeof value !== 'string' || !URL.canParse(value)) problems.push(`no usable ${field}`);
  }
  const types = doc.response_types_supported;
  if (!Array.isArray(types) || !types.includes('code'))
    problems.push('response_types_supported does not list "code"');
  return problems;
}

const URL_FIELDS = ['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint'] as const;

/** `field value` for every issuer or endpoint that is plain http to a host that is not this machine. */
export function plainHttpFields(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of URL_FIELDS) {
    const value = doc[field];
    if (typeof value !== 'string' || !URL.canParse(value)) continue;
    const u = new URL(value);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) out.push(`${field} ${value}`);
  }
  return out;
}

/** Endpoints on a public host but not on the default port (hosted connectors only reach 443). */
function nonStandardPorts(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['authorization_endpoint', 'token_endpoint', 'registration_endpoint']) {
    const value = doc[field];
    if (typeof value !== 'string' || !URL.canParse(value)) continue;
    const u = new URL(value);
    if (u.port !== '' && !isLoopbackHost(u.hostname)) out.push(`${field} ${u.host}`);
  }
  return out;
}

function attemptEvidence(a: AsAttempt, label: string, used: boolean, timeoutMs: number): Evidence[] {
  const hops = a.redirects.map((hop) =>
    evidenceOf(hop, `${label}: redirect followed (same origin, as clients follow it)`, [], timeoutMs),
  );
  const after = a.redirects.length > 0 ? ' (after the redirect)' : '';
  const verdict = a.problem ? `: ${a.problem}` : ': usable';
  return [
    ...hops,
    evidenceOf(a.exchange, `${label}${after}${verdict}${used ? ' (used)' : ''}`, [], timeoutMs),
  ];
}

const answered = (a: AsAttempt): boolean => a.exchange.response !== null;
/** A redirect to another origin the walk did not follow (clients on plain fetch follow it). */
const leavesOrigin = (a: AsAttempt): boolean => a.problem?.includes(ANOTHER_ORIGIN) === true;
const notFound = (a: AsAttempt): boolean => !answered(a) || a.exchange.response!.status === 404;
const where = (a: AsAttempt): string => `${a.candidate.url} (${a.problem ?? 'usable'})`;

/** What 2025-03-26 clients, which ignore the resource metadata, end up with. */
function legacyClientsNote(as: AsResult, used: AsAttempt): string {
  const view = as.legacyOrigin;
  if (view === null) return '';
  const origin = view.origin;
  const lo = view.attempt;
  const prefix =
    'Clients still on the 2025-03-26 revision ignore the resource metadata and look at the MCP server’s origin:';
  if (lo.doc !== null) {
    if (lo.candidate.url === used.candidate.url || lo.doc.issuer === used.doc?.issuer)
      return `${prefix} they find the same metadata at ${lo.candidate.url}.`;
    return `${prefix} they use the metadata at ${lo.candidate.url} (issuer ${String(lo.doc.issuer)}) instead.`;
  }
  const doc = used.doc as JsonObject;
  const guessesMatch =
    doc.authorization_endpoint === `${origin}/authorize` && doc.token_endpoint === `${origin}/token`;
  const alreadyShown = as.attempts.some((a) => a.candidate.url === lo.candidate.url);
  const nothing = alreadyShown
    ? `they find nothing usable at ${lo.candidate.url}`
    : `they find no metadata at ${lo.candidate.url} (${lo.problem})`;
  return `${prefix} ${nothing} and guess ${origin}/authorize, /token and /register, which ${guessesMatch ? 'are the advertised endpoints' : 'are not the advertised endpoints, so those clients cannot sign in'}.`;
}

function discoveryFailure(as: AsResult, timeoutMs: number): { explanation: string; fix: string } {
  const stop = as.stoppedAt;
  if (stop !== null) {
    const r = stop.exchange.response!;
    if (r.status >= 500) {
      return {
        explanation: `Discovery stops at ${stop.candidate.url}: HTTP ${r.status}. Clients give up on a server error there instead of trying the next location (the TypeScript SDK reports "HTTP ${r.status} trying to load … metadata").`,
        fix: 'Fix the server error at that URL, or make it answer 404 so clients move on to the next location.',
      };
    }
    const edge = detectEdge(r);
    const parseError =
      jsonShape(r.body) === 'invalid'
        ? ' Clients then fail with errors like "Failed to parse JSON" or "Unexpected token \'<\'".'
        : ' Clients reject it when they validate the document.';
    return {
      explanation: `Discovery stops at ${stop.candidate.url}: it answers ${stop.problem}${edge ? ` (${edge.detail})` : ''}. Clients use the first location that answers with success, so they never reach the others.${parseError}`,
      fix: 'Make that URL return the metadata as a JSON object (or 404 so clients move on), and keep firewalls and SSO off /.well-known/*.',
    };
  }
  const blocked = as.attempts.some((a) => {
    const s = a.exchange.response?.status;
    return s === 401 || s === 403;
  });
  const tried = as.attempts.map(
    (a) => `${a.candidate.url}: ${a.problem ?? describeNetError(a.exchange, timeoutMs)}`,
  );
  return {
    explanation: `No authorization server metadata for ${as.issuer} at any of the places clients look (${tried.join('; ')}).${blocked ? ' Some of these URLs are blocked or ask for authentication, which clients cannot give before signing in.' : ''}`,
    fix: blocked
      ? 'Let unauthenticated requests reach /.well-known/* on the authorization server (exempt them from auth middleware, firewall and SSO), and serve RFC 8414 metadata at the first URL listed.'
      : 'Serve RFC 8414 metadata at the first URL listed (or an alias of the OIDC document), or fix authorization_servers in the resource metadata to the real issuer.',
  };
}

/** No usable protected resource metadata: what the MCP-origin fallback finds, client by client. */
function legacyOutcome(as: AsResult, evidence: Evidence[]): ReturnType<typeof outcome> {
  const origin = as.legacyOrigin?.origin ?? as.issuer ?? '';
  const missing = as.prmMissing ?? 'There is no protected resource metadata';
  const fixedPaths = `${origin}/authorize, /token and /register`;
  if (as.used === null) {
    return skip(
      `${missing}, so no authorization server is named, and the MCP origin has no authorization server metadata either (${as.attempts.map(where).join('; ')}). Clients that fall back to the 2025-03-26 rule guess ${fixedPaths}.`,
      evidence,
    );
  }
  const rfc8414 = as.used === as.attempts[0];
  const legacyNote = rfc8414
    ? 'Clients on the 2025-03-26 revision find it too.'
    : `Clients on the 2025-03-26 revision look for RFC 8414 only (${as.attempts[0]!.candidate.url}) and otherwise guess ${fixedPaths}.`;
  return outcome(
    'warn',
    `${missing}. Clients fall back to the MCP server’s origin: SDK-based clients (the TypeScript SDK tries RFC 8414, then OpenID configuration there) find ${as.used.candidate.url}. ${legacyNote} Clients that follow MCP 2025-06-18 or later strictly need the resource metadata to find the authorization server and cannot start.`,
    'Publish protected resource metadata naming this authorization server (see the resource-metadata check).',
    evidence,
    'server',
  );
}

export const authServerMetadataCheck: CheckDefinition = {
  id: 'auth-server-metadata',
  title: 'Authorization server metadata (RFC 8414 / OIDC)',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const as = await probes.authServerMetadata();
    const evidence: Evidence[] = as.attempts.flatMap((a) =>
      attemptEvidence(a, describeCandidate(a.candidate), a === as.used, timeoutMs),
    );
    const lo = as.legacyOrigin?.attempt;
    if (lo && !as.attempts.some((a) => a.candidate.url === lo.candidate.url)) {
      evidence.push(
        ...attemptEvidence(
          lo,
          'where 2025-03-26 clients look (RFC 8414 at the MCP origin)',
          false,
          timeoutMs,
        ),
      );
    }
    if (as.notStarted !== null) {
      const badIssuer = as.issuer !== null;
      return badIssuer
        ? outcome(
            'fail',
            `The protected resource metadata lists an authorization server that is not a URL ("${as.issuer}").`,
            'List the authorization server’s issuer URL (https://…) in authorization_servers.',
            evidence,
            'server',
          )
        : skip(`Discovery cannot start: ${as.notStarted}.`, evidence);
    }
    if (as.legacy) return legacyOutcome(as, evidence);
    const others =
      as.otherServers.length > 0
        ? ` The resource also lists ${as.otherServers.join(', ')}; clients pick one, and keep separate registrations per server.`
        : '';
    if (as.used === null && as.attempts.length > 0 && !as.attempts.some(answered)) {
      return outcome(
        'fail',
        `The authorization server ${as.issuer} did not answer: ${describeNetError(as.attempts[0]!.exchange, timeoutMs)}.`,
        'Check that the authorization server is up and reachable from where your clients run (DNS, firewall, VPN, TLS certificate).',
        evidence,
        'authorization-server',
      );
    }
    if (as.used === null) {
      const { explanation, fix } = discoveryFailure(as, timeoutMs);
      return outcome('fail', explanation, fix, evidence, 'authorization-server');
    }
    const used = as.used;
    const doc = used.doc!;
    const problems = asDocumentProblems(doc);
    if (problems.length > 0) {
      return outcome(
        'fail',
        `The metadata at ${used.candidate.url} is incomplete: ${problems.join('; ')}.`,
        'Fix the authorization server metadata: issuer, authorization_endpoint, token_endpoint and response_types_supported with "code" are required.',
        evidence,
        'authorization-server',
      );
    }
    const plainHttp = plainHttpFields(doc);
    if (plainHttp.length > 0) {
      return outcome(
        'fail',
        `The metadata at ${used.candidate.url} uses plain http on a public host (${plainHttp.join(', ')}): sign-in codes and tokens would travel unencrypted, and OAuth requires https there (RFC 8414 for the issuer, OAuth 2.1 for every endpoint).`,
        'Serve the authorization server over https and list https URLs in its metadata.',
        evidence,
        'authorization-server',
      );
    }

    const warnings: string[] = [];
    const fixes: string[] = [];
    const first = as.attempts[0]!;
    if (used !== first) {
      const skipped = as.attempts.slice(0, as.attempts.indexOf(used));
      const stoppers = skipped.filter((a) => !notFound(a) && !leavesOrigin(a));
      warnings.push(
        `Found only at ${used.candidate.url} (${describeCandidate(used.candidate)}), after ${skipped.map(where).join('; ')}. Clients following MCP 2025-11-25 or later that move past these answers, as the TypeScript SDK does, find it.`,
      );
      const trip = [
        leavesOrigin(first)
          ? `clients built for 2025-06-18, which try RFC 8414 only (${first.candidate.url}), find it only if they follow that redirect to another origin`
          : `clients built for 2025-06-18, which try RFC 8414 only (${first.candidate.url}), fail to discover the authorization server`,
      ];
      if (stoppers.length > 0) {
        trip.push(`clients that only move on past a 404 stop at ${stoppers[0]!.candidate.url} and fail`);
      }
      warnings.push(`But ${trip.join('; and ')}.`);
      fixes.push(
        `Also serve the document at ${first.candidate.url} (or redirect that URL to it on the same host)${stoppers.length > 0 ? `, or at least make ${stoppers.map((a) => a.candidate.url).join(' and ')} answer 404` : ''}.`,
      );
    }
    const offPort = nonStandardPorts(doc);
    if (offPort.length > 0) {
      warnings.push(
        `The authorization server is reached on a port other than 443 (${offPort.join(', ')}): claude.ai and Claude Desktop connectors only reach port 443, for the authorization server too; CLI clients are fine.`,
      );
      fixes.push('Serve the authorization server’s endpoints on port 443 (a reverse proxy works).');
    }
    const legacyNote = legacyClientsNote(as, used);
    if (warnings.length > 0) {
      return outcome(
        'warn',
        `${warnings.join(' ')}${others} ${legacyNote}`.trim(),
        fixes.join(' '),
        evidence,
        'authorization-server',
      );
    }
    const via =
      used.redirects.length > 0 ? ' (through a redirect on the same host, which clients follow)' : '';
    return outcome(
      'pass',
      `Found at ${used.candidate.url}${via}, the first place clients following MCP 2025-06-18 or later look.${others} ${legacyNote}`.trim(),
      '',
      evidence,
    );
  },
};

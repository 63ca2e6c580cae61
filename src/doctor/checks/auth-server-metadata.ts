/**
 * Handshake check 5: authorization server metadata, fetched at every location of the order MCP
 * 2025-11-25 mandates, so the doctor can say which one a client uses and which client generations
 * would miss it (2025-06-18 clients try RFC 8414 only).
 */
import type { Evidence } from '../../model/index';
import { describeNetError, evidenceOf } from '../evidence';
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

export const authServerMetadataCheck: CheckDefinition = {
  id: 'auth-server-metadata',
  title: 'Authorization server metadata (RFC 8414 / OIDC)',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const as = await probes.authServerMetadata();
    const evidence: Evidence[] = as.attempts.map((a) =>
      evidenceOf(
        a.exchange,
        `${describeCandidate(a.candidate)}${a.problem ? `: ${a.problem}` : ': usable'}${a === as.used ? ' (used)' : ''}`,
        [],
        timeoutMs,
      ),
    );
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
    const others =
      as.otherServers.length > 0
        ? ` The resource also lists ${as.otherServers.join(', ')}; clients pick one, and keep separate registrations per server.`
        : '';
    if (as.legacy) {
      if (as.used === null) {
        return skip(
          'Without protected resource metadata there is no authorization server to look up, and the MCP origin has no RFC 8414 document either (the 2025-03-26 fallback).',
          evidence,
        );
      }
      return outcome(
        'warn',
        `There is no protected resource metadata, but the MCP origin serves authorization server metadata (${as.used.candidate.url}). Only clients following the old 2025-03-26 rule find it this way.`,
        'Publish protected resource metadata naming this authorization server (see the resource-metadata check).',
        evidence,
        'server',
      );
    }
    if (
      as.used === null &&
      as.attempts.length > 0 &&
      as.attempts.every((a) => a.exchange.response === null)
    ) {
      return outcome(
        'fail',
        `The authorization server ${as.issuer} did not answer: ${describeNetError(as.attempts[0]!.exchange, timeoutMs)}.`,
        'Check that the authorization server is up and reachable from where your clients run (DNS, firewall, VPN, TLS certificate).',
        evidence,
        'authorization-server',
      );
    }
    if (as.used === null) {
      const blocking = as.attempts.find((a) => a.exchange.response && a.exchange.response.status !== 404);
      return outcome(
        'fail',
        blocking
          ? `Discovery stops at ${blocking.candidate.url}: ${blocking.problem}. Clients then fail with errors like "Failed to parse JSON".`
          : `No authorization server metadata for ${as.issuer} at any of the places clients look (${as.attempts.map((a) => a.candidate.url).join(', ')}).`,
        blocking
          ? 'Make that URL return the metadata as JSON (or 404 so clients move on), and keep firewalls and SSO off /.well-known/*.'
          : 'Serve RFC 8414 metadata at the first URL listed (or an alias of the OIDC document), or fix authorization_servers in the resource metadata to the real issuer.',
        evidence,
        'authorization-server',
      );
    }
    const problems = asDocumentProblems(as.used.doc!);
    if (problems.length > 0) {
      return outcome(
        'fail',
        `The metadata at ${as.used.candidate.url} is incomplete: ${problems.join('; ')}.`,
        'Fix the authorization server metadata: issuer, authorization_endpoint, token_endpoint and response_types_supported with "code" are required.',
        evidence,
        'authorization-server',
      );
    }
    const warnings: string[] = [];
    const fixes: string[] = [];
    if (as.used !== as.attempts[0]) {
      warnings.push(
        `Found only at ${as.used.candidate.url} (${describeCandidate(as.used.candidate)}). Clients following MCP 2025-11-25 or later find it; clients built for 2025-06-18, which try RFC 8414 only (${as.attempts[0]!.candidate.url}), fail to discover the authorization server.`,
      );
      fixes.push(`Also serve the document at ${as.attempts[0]!.candidate.url} (or redirect that URL to it).`);
    }
    const offPort = nonStandardPorts(as.used.doc!);
    if (offPort.length > 0) {
      warnings.push(
        `The authorization server is reached on a port other than 443 (${offPort.join(', ')}): claude.ai and Claude Desktop connectors only reach port 443, for the authorization server too; CLI clients are fine.`,
      );
      fixes.push('Serve the authorization server’s endpoints on port 443 (a reverse proxy works).');
    }
    if (warnings.length > 0) {
      return outcome(
        'warn',
        `${warnings.join(' ')}${others}`,
        fixes.join(' '),
        evidence,
        'authorization-server',
      );
    }
    return outcome(
      'pass',
      `Found at ${as.used.candidate.url}, the first place every client generation looks.${others}`,
      '',
      evidence,
    );
  },
};

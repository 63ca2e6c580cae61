/**
 * Handshake check 4: Protected Resource Metadata (RFC 9728), found the way clients look for it
 * (the header URL, else path-inserted, else root well-known), with a `resource` that matches the
 * URL the client called and at least one authorization server.
 */
import type { CheckStatus, Evidence } from '../../model/index';
import { detectEdge } from '../edge-detect';
import { evidenceOf } from '../evidence';
import type { PrmAttempt } from '../probes';
import { comparableServerUrl } from '../well-known';
import { canonicalResource } from './url';
import { outcome, skip, worst, type CheckDefinition } from './kit';

const SOURCE_NOTE: Record<PrmAttempt['source'], string> = {
  header: 'the URL named by resource_metadata in the 401 challenge',
  'path-inserted': 'path-inserted well-known URL (tried by 2025-11-25+ clients without a header)',
  root: 'root well-known URL (tried last)',
};

const GUARDED_FIX =
  'Exempt /.well-known/oauth-protected-resource* from the server’s auth middleware and firewall: clients read it before they have a token.';
const isGuarded = (status: number | undefined): boolean => status === 401 || status === 403;

/**
 * How the metadata's `resource` relates to the MCP URL the client called. The spelling
 * differences (`trailing-slash`, `case`, `default-port`, several of them: `spelling`) name the
 * same endpoint for a client that parses URLs, a different one for a client comparing strings.
 */
export type ResourceMatch =
  'exact' | 'trailing-slash' | 'case' | 'default-port' | 'spelling' | 'prefix' | 'different';

type SpellingDifference = 'trailing-slash' | 'case' | 'default-port';

/** The spelling differences between two URLs that name the same endpoint once parsed. */
export function spellingDifferences(resource: string, target: URL): SpellingDifference[] {
  const out: SpellingDifference[] = [];
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(resource.trim());
  if (m === null) return out;
  const [, scheme = '', authority = ''] = m;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (scheme !== scheme.toLowerCase() || hostPort !== hostPort.toLowerCase()) out.push('case');
  const r = new URL(resource);
  const defaultPort = r.protocol === 'https:' ? '443' : r.protocol === 'http:' ? '80' : null;
  if (defaultPort !== null && new RegExp(`:${defaultPort}$`).test(hostPort)) out.push('default-port');
  if (r.pathname !== target.pathname) out.push('trailing-slash');
  return out;
}

/** How the metadata's `resource` relates to the MCP URL the client called. */
export function matchResource(resource: string, target: URL): ResourceMatch {
  if (resource === target.href || resource === canonicalResource(target)) return 'exact';
  const a = comparableServerUrl(resource);
  const b = comparableServerUrl(target.href);
  if (a === null || b === null) return 'different';
  if (a === b) {
    const kinds = spellingDifferences(resource, target);
    return kinds.length === 1 ? kinds[0]! : 'spelling';
  }
  const r = new URL(resource);
  const rPath = r.pathname.replace(/\/$/, '');
  if (r.origin === target.origin && (target.pathname === rPath || target.pathname.startsWith(`${rPath}/`)))
    return 'prefix';
  return 'different';
}

export const resourceMetadataCheck: CheckDefinition = {
  id: 'resource-metadata',
  title: 'Protected resource metadata (RFC 9728)',
  needsTarget: true,
  async run({ target, probes, timeoutMs }) {
    const [prm, first] = await Promise.all([probes.resourceMetadata(), probes.challenge()]);
    const evidence: Evidence[] = prm.attempts.flatMap((a) => [
      ...a.redirects.map((hop) =>
        evidenceOf(
          hop,
          `${SOURCE_NOTE[a.source]}: redirect followed (same origin), as fetch-based clients follow it`,
          [],
          timeoutMs,
        ),
      ),
      evidenceOf(
        a.exchange,
        `${SOURCE_NOTE[a.source]}${a.redirects.length > 0 ? ' (after the redirect)' : ''}${a.problem ? `: ${a.problem}` : ': usable'}`,
        [],
        timeoutMs,
      ),
    ]);
    if (!first.response && prm.attempts.every((a) => !a.exchange.response)) {
      return skip('The server did not answer; see the reachability check.', evidence);
    }
    const working = prm.attempts.find((a) => a.problem === null);
    if (prm.headerUrl !== null && prm.used === null) {
      const header = prm.attempts[0]!;
      return outcome(
        'fail',
        `The 401 challenge points at ${header.url}, which gives ${header.problem}. Clients follow that URL and stop there.${working ? ` (The metadata does exist at ${working.url}.)` : ''}`,
        isGuarded(header.exchange.response?.status)
          ? GUARDED_FIX
          : working
            ? `Point resource_metadata in the challenge at ${working.url}.`
            : 'Serve the protected resource metadata at the URL the challenge names.',
        evidence,
        'server',
      );
    }
    const used = prm.used;
    if (used === null) {
      const guarded = prm.attempts.filter((a) => isGuarded(a.exchange.response?.status));
      if (first.response && first.response.status !== 401 && guarded.length === 0) {
        return skip(
          'The server does not ask for OAuth and publishes no protected resource metadata.',
          evidence,
        );
      }
      // A 403 with no Bearer challenge is a firewall's answer, not the server's auth middleware.
      const byEdge = guarded.some((a) => a.exchange.response && detectEdge(a.exchange.response) !== null);
      return outcome(
        'fail',
        guarded.length > 0
          ? `The metadata URLs themselves are blocked or ask for authentication (${guarded.map((a) => `${a.url}: HTTP ${a.exchange.response!.status}`).join('; ')}), so no client can discover how to sign in.`
          : `No protected resource metadata was found (${prm.attempts.map((a) => a.problem).join('; ')}). The server does not implement RFC 9728, which every MCP client since 2025-06-18 needs.`,
        guarded.length > 0
          ? GUARDED_FIX
          : `Serve {"resource": "${canonicalResource(target!)}", "authorization_servers": ["<issuer>"]} at ${prm.attempts[0]?.url ?? '/.well-known/oauth-protected-resource'}.`,
        evidence,
        byEdge ? 'edge' : 'server',
      );
    }

    const doc = used.doc!;
    const resource = doc.resource as string;
    let status: CheckStatus = 'pass';
    const problems: string[] = [];
    const fixes: string[] = [];
    const expected = canonicalResource(target!);
    // The SDK accepts a resource that is a prefix of the URL it called, never a longer one.
    const longerPath = new URL(resource).pathname.length > target!.pathname.length;
    switch (matchResource(resource, target!)) {
      case 'exact':
        break;
      case 'trailing-slash':
        if (longerPath) {
          status = worst(status, 'fail');
          problems.push(
            `resource is "${resource}" while the MCP URL is "${expected}": the resource has an extra trailing slash, and clients reject it (the TypeScript SDK: "Protected resource … does not match expected …")`,
          );
        } else {
          status = worst(status, 'warn');
          problems.push(
            `resource is "${resource}" while the MCP URL is "${expected}": they differ only by the MCP URL’s trailing slash; the TypeScript SDK accepts that, clients that compare the strings (as RFC 9728 §3.3 asks) reject it`,
          );
        }
        fixes.push(
          `Set resource to exactly "${expected}" (or configure clients with the URL the resource names).`,
        );
        break;
      case 'case':
        status = worst(status, 'warn');
        problems.push(
          `resource is "${resource}" while the MCP URL is "${expected}": they differ only in upper/lower case of the scheme or host; clients that parse URLs (the TypeScript SDK) accept it, clients that compare the strings (as RFC 9728 §3.3 asks) reject it`,
        );
        fixes.push(`Write resource in lower case: "${expected}".`);
        break;
      case 'default-port':
        status = worst(status, 'warn');
        problems.push(
          `resource is "${resource}" while the MCP URL is "${expected}": the resource writes out the default port :${target!.protocol === 'https:' ? '443' : '80'}, which the URL leaves out; clients that parse URLs (the TypeScript SDK) accept it, clients that compare the strings (as RFC 9728 §3.3 asks) reject it`,
        );
        fixes.push(`Drop the default port from resource: "${expected}".`);
        break;
      case 'spelling':
        status = worst(status, longerPath ? 'fail' : 'warn');
        problems.push(
          `resource is "${resource}" while the MCP URL is "${expected}": the same endpoint spelled differently (${spellingDifferences(resource, target!).join(', ')}); ${longerPath ? 'its extra trailing slash makes every client reject it (the TypeScript SDK: "Protected resource … does not match expected …")' : 'clients that compare the strings (as RFC 9728 §3.3 asks) reject it'}`,
        );
        fixes.push(`Set resource to exactly "${expected}".`);
        break;
      case 'prefix':
        status = worst(status, 'warn');
        problems.push(
          `resource is "${resource}", a prefix of the MCP URL "${expected}": the TypeScript SDK accepts that, strict clients reject it`,
        );
        fixes.push(`Set resource to exactly "${expected}" (serve the document at the path-inserted URL).`);
        break;
      case 'different':
        status = worst(status, 'fail');
        problems.push(
          `resource is "${resource}" but the MCP URL is "${expected}": clients reject metadata for another resource (check the server’s public base URL and X-Forwarded-Proto handling behind a proxy)`,
        );
        fixes.push(`Set resource to "${expected}".`);
        break;
    }
    if (used.source === 'root' && target!.pathname !== '/' && prm.headerUrl === null) {
      status = worst(status, 'warn');
      problems.push(
        'the metadata is only at the root well-known URL: clients look at the path-inserted URL first and only some fall back to the root',
      );
      fixes.push(
        `Also serve it at ${prm.attempts.find((a) => a.source === 'path-inserted')?.url ?? 'the path-inserted URL'}.`,
      );
    }
    const scopes = Array.isArray(doc.scopes_supported) ? (doc.scopes_supported as unknown[]) : [];
    if (scopes.includes('offline_access')) {
      status = worst(status, 'warn');
      problems.push(
        'scopes_supported lists offline_access, which belongs to the authorization server, not the resource',
      );
      fixes.push('Remove offline_access from the resource metadata scopes_supported.');
    }
    const bearerMethods = doc.bearer_methods_supported;
    if (Array.isArray(bearerMethods) && !bearerMethods.includes('header')) {
      status = worst(status, 'warn');
      problems.push(
        'bearer_methods_supported does not include "header", the only way MCP clients send tokens',
      );
      fixes.push('Add "header" to bearer_methods_supported.');
    }
    const servers = doc.authorization_servers as string[];
    if (status === 'pass') {
      return outcome(
        'pass',
        `Found at ${used.url}${used.redirects.length > 0 ? ` (redirected on the same host to ${used.exchange.url}, which fetch-based clients follow)` : ''}; resource matches and it names ${servers.length === 1 ? 'the authorization server' : `${servers.length} authorization servers`} (${servers.join(', ')}).`,
        '',
        evidence,
      );
    }
    return outcome(
      status,
      `Protected resource metadata at ${used.url}: ${problems.join('; ')}.`,
      fixes.join(' '),
      evidence,
      'server',
    );
  },
};

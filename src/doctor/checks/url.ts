/**
 * Handshake check 1: the URL itself. Scheme, fragment, secrets in the query, the deprecated SSE
 * path, and ports other than 443 (claude.ai and Claude Desktop connectors only reach 443).
 */
import { localEvidence } from '../evidence';
import { secretQueryParamNames } from '../../redact/index';
import { redactUrl } from '../redact';
import { isLoopbackHost } from '../well-known';
import { outcome, worst, type CheckDefinition, type CheckOutcome } from './kit';
import type { CheckStatus } from '../../model/index';

export function parseTarget(raw: string): { target: URL | null; problem: string | null } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { target: null, problem: 'it is not a URL (expected something like https://example.com/mcp)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { target: null, problem: `its scheme is "${url.protocol.replace(/:$/, '')}", not https` };
  }
  const target = new URL(url.href);
  target.hash = '';
  return { target, problem: null };
}

/** The canonical resource a client sends as RFC 8707 `resource` (lower-case, no fragment). */
export function canonicalResource(target: URL): string {
  const path = target.pathname === '/' ? '' : target.pathname;
  return `${target.protocol}//${target.host}${path}${target.search}`;
}

/**
 * The `resource` the doctor sends to the authorization server: the canonical resource without the
 * secret-looking query parameters of the MCP URL (a key in the URL must reach the MCP server only).
 */
export function resourceIndicator(target: URL): { resource: string; dropped: string[] } {
  const dropped = secretQueryParamNames(target);
  if (dropped.length === 0) return { resource: canonicalResource(target), dropped };
  const clean = new URL(target.href);
  for (const name of dropped) clean.searchParams.delete(name);
  return { resource: canonicalResource(clean), dropped };
}

/** An evidence note for the probes that send `resource`, when parameters were left out of it. */
export function droppedNote(target: URL | null): string {
  const dropped = target ? resourceIndicator(target).dropped : [];
  return dropped.length > 0
    ? `; resource sent without the secret-looking query parameter(s) ${dropped.join(', ')} of the MCP URL, which must reach the MCP server only`
    : '';
}

export const urlCheck: CheckDefinition = {
  id: 'url',
  title: 'Server URL is usable',
  needsTarget: false,
  run({ rawUrl }): Promise<CheckOutcome> {
    const { target, problem } = parseTarget(rawUrl);
    if (target === null) {
      return Promise.resolve(
        outcome(
          'fail',
          `The server URL cannot be used: ${problem}.`,
          'Copy the MCP endpoint URL from the server’s documentation, including https:// and the path (often /mcp).',
          [localEvidence(`PARSE ${redactUrl(rawUrl.trim())}`, problem ?? '')],
          'url',
        ),
      );
    }
    const original = new URL(rawUrl.trim());
    let status: CheckStatus = 'pass';
    const problems: string[] = [];
    const fixes: string[] = [];
    const notes: string[] = [`canonical resource: ${canonicalResource(target)}`];
    const loopback = isLoopbackHost(target.hostname);

    if (target.protocol === 'http:' && !loopback) {
      status = worst(status, 'fail');
      problems.push('it uses plain http to a non-local host, so tokens would travel unencrypted');
      fixes.push('Serve the MCP endpoint over https.');
    }
    if (original.hash !== '') {
      status = worst(status, 'fail');
      problems.push('it has a #fragment, which a resource identifier must not have (RFC 8707)');
      fixes.push('Remove everything from # on.');
    }
    if (original.username !== '' || original.password !== '') {
      status = worst(status, 'fail');
      problems.push('it carries a user name or password before the host');
      fixes.push('Remove the user:password@ part; use OAuth (or a header the client supports) instead.');
    }
    const secrets = secretQueryParamNames(target);
    if (secrets.length > 0) {
      status = worst(status, 'fail');
      problems.push(
        `its query carries what looks like a secret (${secrets.join(', ')}); tokens in URLs are forbidden by the MCP spec and not supported by Claude connectors`,
      );
      fixes.push(
        'Remove the secret from the URL and rotate it (URLs end up in logs); let the client sign in with OAuth.',
      );
    }
    if (/\/sse\/?$/.test(target.pathname)) {
      status = worst(status, 'warn');
      problems.push('the path ends in /sse, the deprecated HTTP+SSE transport');
      fixes.push('Use the server’s Streamable HTTP endpoint (usually /mcp) if it has one.');
    }
    const defaultPort = target.protocol === 'https:' ? '443' : '80';
    if (target.port !== '' && target.port !== defaultPort) {
      if (loopback) {
        notes.push(
          `local server on port ${target.port}: desktop and CLI clients on this machine can reach it; hosted connectors (claude.ai, Claude Desktop connectors) cannot reach a local URL at all`,
        );
      } else {
        status = worst(status, 'warn');
        problems.push(
          `it uses port ${target.port}: claude.ai and Claude Desktop connectors only reach port 443 and fail silently on others; CLI clients (Claude Code, mcp-remote, VS Code) are fine`,
        );
        fixes.push(
          'Put a reverse proxy on port 443 and forward /mcp and /.well-known/* to the server (the authorization server needs 443 too).',
        );
      }
    }
    const evidence = [localEvidence(`PARSE ${redactUrl(rawUrl.trim())}`, notes.join('; '))];
    if (status === 'pass') {
      return Promise.resolve(outcome('pass', 'The URL is a usable MCP endpoint address.', '', evidence));
    }
    return Promise.resolve(
      outcome(
        status,
        `The server URL has a problem: ${problems.join('; ')}.`,
        fixes.join(' '),
        evidence,
        'url',
      ),
    );
  },
};

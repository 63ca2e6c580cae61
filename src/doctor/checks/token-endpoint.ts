/**
 * Handshake check 12: a dry run of the code exchange with a made-up code must get OAuth JSON
 * (`invalid_grant`, `invalid_client`...). HTML, a firewall page or `invalid_target` here is the
 * classic "login works, then Authorization failed".
 */
import { detectEdge, isHtml } from '../edge-detect';
import { evidenceOf } from '../evidence';
import { parseJsonObject } from '../probes';
import { isLoopbackHost } from '../well-known';
import { droppedNote, resourceIndicator } from './url';
import { outcome, skip, type CheckDefinition } from './kit';

const clip = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const tokenEndpointCheck: CheckDefinition = {
  id: 'token-endpoint',
  title: 'Token endpoint answers in OAuth JSON',
  needsTarget: true,
  async run({ probes, timeoutMs, target }) {
    const exchange = await probes.token();
    if (exchange === null) return skip('No token endpoint to try (see auth-server-metadata).');
    const r = exchange.response;
    const doc = r ? parseJsonObject(exchange) : null;
    const error = typeof doc?.error === 'string' ? doc.error : null;
    const description = typeof doc?.error_description === 'string' ? clip(doc.error_description) : null;
    const note = `code exchange with a made-up code and client id (nothing real is sent)${droppedNote(target)}${error ? `; error: ${error}${description ? ` (${description})` : ''}` : ''}`;
    const evidence = [evidenceOf(exchange, note, [], timeoutMs)];
    const url = new URL(exchange.url);
    if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
      return outcome(
        'fail',
        `The token endpoint ${url.origin}${url.pathname} is plain http: tokens would travel unencrypted.`,
        'Serve the token endpoint over https and fix token_endpoint in the metadata.',
        evidence,
        'authorization-server',
      );
    }
    if (!r) {
      return outcome(
        'fail',
        'The token endpoint did not answer, so the sign-in would fail right after the user logs in.',
        'Check that the token endpoint is reachable (DNS, firewall, TLS) from where clients run.',
        evidence,
        'authorization-server',
      );
    }
    const edge = detectEdge(r);
    if (edge) {
      return outcome(
        'fail',
        `The token endpoint is answered by something in front of it: ${edge.detail}. The sign-in would fail right after the user logs in.`,
        'Let clients through to the token endpoint (a WAF skip rule or bot policy exception for /token).',
        evidence,
        'edge',
      );
    }
    if (error === 'invalid_target') {
      return outcome(
        'fail',
        `The token endpoint rejects the resource parameter (invalid_target): it does not know ${resourceIndicator(target!).resource} as a resource. MCP clients always send it.`,
        'Register the MCP server URL as a resource/audience on the authorization server (Auth0: enable the Resource Parameter Compatibility Profile; Entra ID does not support it — mcp-remote users can add --disable-resource-parameter).',
        evidence,
        'authorization-server',
      );
    }
    if (error !== null) {
      if (r.status === 400 || r.status === 401) {
        return outcome(
          'pass',
          `The token endpoint answers with an OAuth error (${error}) as expected for a made-up code.`,
          '',
          evidence,
        );
      }
      return outcome(
        'warn',
        `The token endpoint answers with OAuth JSON (${error}) but HTTP ${r.status}; OAuth errors use 400 (or 401 for client authentication).`,
        'Return token errors with status 400/401.',
        evidence,
        'authorization-server',
      );
    }
    if (r.status === 404 || r.status === 405) {
      return outcome(
        'fail',
        `There is no token endpoint at ${url.origin}${url.pathname} (HTTP ${r.status}).`,
        'Fix token_endpoint in the authorization server metadata.',
        evidence,
        'authorization-server',
      );
    }
    if (r.status >= 200 && r.status < 300) {
      return outcome(
        'warn',
        `The token endpoint answered HTTP ${r.status} to a made-up code instead of an OAuth error.`,
        'Check the token endpoint: it must reject unknown codes with {"error":"invalid_grant"}.',
        evidence,
        'authorization-server',
      );
    }
    return outcome(
      'fail',
      `The token endpoint answers HTTP ${r.status} ${isHtml(r) ? 'with an HTML page' : 'without OAuth JSON'}; clients cannot understand it and report a failed token exchange.`,
      'Make the token endpoint answer errors as OAuth JSON ({"error": "..."}) with status 400.',
      evidence,
      'authorization-server',
    );
  },
};

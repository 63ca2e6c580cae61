/**
 * Handshake check 3: an unauthenticated MCP request must get 401 with
 * `WWW-Authenticate: Bearer resource_metadata="<url>"` (a quoted string: a URL is not a token).
 */
import { detectEdge } from '../edge-detect';
import { evidenceOf } from '../evidence';
import { bearerChallenge } from '../www-authenticate';
import { outcome, skip, type CheckDefinition } from './kit';

const SERVER_FIX_HEADER =
  'Make the server answer an unauthenticated MCP request with 401 and the header WWW-Authenticate: Bearer resource_metadata="https://<host>/.well-known/oauth-protected-resource<path>".';

export const challengeCheck: CheckDefinition = {
  id: 'challenge',
  title: 'Unauthenticated request gets a 401 Bearer challenge',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const exchange = await probes.challenge();
    const evidence = [evidenceOf(exchange, 'POST initialize without Authorization', [], timeoutMs)];
    const r = exchange.response;
    if (!r) return skip('The server did not answer; see the reachability check.', evidence);
    if (r.status >= 300 && r.status < 400) {
      return skip('The server redirected instead of answering; see the reachability check.', evidence);
    }
    const edge = detectEdge(r);
    if (edge) {
      return outcome(
        'fail',
        `Instead of the server, something in front of it answered: ${edge.detail}. Clients then report errors such as "Unexpected content type: text/html".`,
        'See the edge-block check: let MCP clients through to /mcp and /.well-known/*.',
        evidence,
        'edge',
      );
    }
    if (r.status === 401) {
      const header = r.headers['www-authenticate'];
      if (header === undefined) {
        return outcome(
          'fail',
          'The server answers 401 without a WWW-Authenticate header. Clients built for MCP 2025-06-18 cannot find the metadata and never start the sign-in; newer clients fall back to guessing well-known URLs.',
          SERVER_FIX_HEADER,
          evidence,
          'server',
        );
      }
      const bearer = bearerChallenge(header);
      if (bearer === null) {
        return outcome(
          'fail',
          'The 401 challenge does not offer the Bearer scheme, so OAuth clients do not know they may sign in.',
          SERVER_FIX_HEADER,
          evidence,
          'server',
        );
      }
      const rm = bearer.params.resource_metadata;
      if (rm === undefined) {
        return outcome(
          'warn',
          'The 401 has a Bearer challenge but no resource_metadata. MCP 2025-06-18 clients need it; 2025-11-25 and later clients fall back to the well-known URLs.',
          SERVER_FIX_HEADER,
          evidence,
          'server',
        );
      }
      if (!URL.canParse(rm.value)) {
        return outcome(
          'fail',
          `resource_metadata in the challenge is not a URL ("${rm.value}").`,
          SERVER_FIX_HEADER,
          evidence,
          'server',
        );
      }
      if (!rm.quoted && !rm.tokenSafe) {
        return outcome(
          'warn',
          'resource_metadata is sent unquoted. A URL is not a valid unquoted value in this header: lenient clients accept it, strict parsers do not.',
          'Quote the value: WWW-Authenticate: Bearer resource_metadata="…".',
          evidence,
          'server',
        );
      }
      const scope = bearer.params.scope?.value ?? '';
      if (scope.split(/\s+/).includes('offline_access')) {
        return outcome(
          'warn',
          'The challenge asks for offline_access. That is an authorization-server scope, not a resource requirement; MCP servers should not put it in the challenge.',
          'Drop offline_access from the challenge scope; advertise it in the authorization server metadata instead.',
          evidence,
          'server',
        );
      }
      return outcome(
        'pass',
        'The server answers 401 with a Bearer challenge that points at its metadata.',
        '',
        evidence,
      );
    }
    if (r.status === 200 || r.status === 202 || r.status === 400) {
      const call = await probes.toolsCall();
      evidence.push(evidenceOf(call, 'POST tools/call without Authorization', [], timeoutMs));
      const partial = call.response?.status === 401 || call.response?.status === 403;
      return outcome(
        'warn',
        partial
          ? `The server answers initialize without a token (HTTP ${r.status}) but asks for one on tools/call ("partial auth"). Clients that start the sign-in only when they connect handle a 401 in the middle of a session badly (the sign-in is cut short).`
          : `The server handled MCP requests without asking for a token (HTTP ${r.status}): it is not protected by OAuth, so there is nothing to sign in to. If it should be protected, it is open to anyone.`,
        'If the server needs OAuth, make it answer every unauthenticated MCP request (initialize included) with 401 and a Bearer challenge.',
        evidence,
        'server',
      );
    }
    if (r.status === 404 || r.status === 405) {
      return outcome(
        'fail',
        `The server answers ${r.status} to an MCP POST: this is not the Streamable HTTP endpoint (wrong path, or an SSE-only URL).`,
        'Use the MCP endpoint path from the server’s documentation (often /mcp).',
        evidence,
        'url',
      );
    }
    if (r.status === 403) {
      return outcome(
        'fail',
        'The server refuses the request with 403 before any OAuth challenge (a firewall rule, or an Origin check).',
        'Let unauthenticated MCP requests reach the server so it can answer 401 with a challenge.',
        evidence,
        'server',
      );
    }
    return outcome(
      'fail',
      `The server answers HTTP ${r.status} instead of a 401 challenge.`,
      r.status >= 500
        ? 'Check the server’s logs: it fails on an unauthenticated request.'
        : SERVER_FIX_HEADER,
      evidence,
      'server',
    );
  },
};

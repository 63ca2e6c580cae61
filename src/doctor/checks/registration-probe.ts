/**
 * Handshake check 10, opt-in because it creates a client on the authorization server: register a
 * native public client with loopback redirect URIs, as desktop and CLI clients do, and see whether
 * the server accepts it unchanged. The answer may hold a client secret or a registration access
 * token: neither is ever shown (only the client id, which is not a secret).
 */
import { detectEdge } from '../edge-detect';
import { evidenceOf } from '../evidence';
import { parseJsonObject, REGISTRATION_REQUEST } from '../probes';
import { fingerprint } from '../../redact/index';
import { outcome, skip, type CheckDefinition } from './kit';

const CALLBACKS =
  'Callback URLs clients use: Claude (web and Desktop connectors) https://claude.ai/api/mcp/auth_callback and https://claude.com/api/mcp/auth_callback; MCP Inspector http://localhost:6274/oauth/callback (and /oauth/callback/debug); mcp-remote http://localhost:3334/oauth/callback (another port when 3334 is busy); Claude Code http://localhost:<port>/callback. Best: accept any port on loopback redirect URIs (RFC 8252 §7.3).';

export const registrationProbeCheck: CheckDefinition = {
  id: 'registration-probe',
  title: 'Dynamic registration accepts a native client (opt-in)',
  needsTarget: true,
  async run({ probes, probeRegistration, timeoutMs }) {
    if (!probeRegistration) {
      return skip(
        'Not run: it registers a real client on the authorization server. Run with --probe-registration to try it.',
      );
    }
    const exchange = await probes.registration();
    if (exchange === null)
      return skip('The authorization server has no registration endpoint (see registration).');
    const r = exchange.response;
    const doc = r ? parseJsonObject(exchange) : null;
    const notes = [
      `registered ${REGISTRATION_REQUEST.redirect_uris.join(' and ')} as a native public client`,
    ];
    if (typeof doc?.client_id === 'string') notes.push(`client_id: ${doc.client_id}`);
    if (typeof doc?.client_secret === 'string')
      notes.push(`a client_secret was issued (${fingerprint(doc.client_secret)})`);
    if (typeof doc?.error === 'string') notes.push(`error: ${doc.error}`);
    const evidence = [evidenceOf(exchange, notes.join('; '), [], timeoutMs)];
    if (!r) {
      return outcome(
        'fail',
        'The registration endpoint did not answer.',
        'Check that the registration endpoint is reachable.',
        evidence,
        'authorization-server',
      );
    }
    const edge = detectEdge(r);
    if (edge) {
      return outcome(
        'fail',
        `The registration endpoint is answered by something in front of it: ${edge.detail}.`,
        'Let clients through to /register (a WAF skip rule or bot policy exception).',
        evidence,
        'edge',
      );
    }
    if ((r.status === 200 || r.status === 201) && typeof doc?.client_id === 'string') {
      const echoed = Array.isArray(doc.redirect_uris) ? (doc.redirect_uris as unknown[]) : null;
      const changed = echoed !== null && REGISTRATION_REQUEST.redirect_uris.some((u) => !echoed.includes(u));
      if (changed) {
        return outcome(
          'warn',
          `The authorization server registered the client but changed its redirect URIs to ${JSON.stringify(echoed)}; clients that store their registration (mcp-remote) then fail the sign-in.`,
          `Accept loopback redirect URIs as sent. ${CALLBACKS}`,
          evidence,
          'authorization-server',
        );
      }
      return outcome(
        'pass',
        'The authorization server registers a native public client with loopback redirect URIs.',
        '',
        evidence,
      );
    }
    const error = typeof doc?.error === 'string' ? doc.error : null;
    const why =
      error === 'invalid_redirect_uri'
        ? 'it rejects loopback redirect URIs (an allowlist of callback hosts?)'
        : error === 'invalid_client_metadata'
          ? 'it rejects the client metadata (often the "none" auth method or application_type native)'
          : r.status === 401 || r.status === 403
            ? 'registration needs an initial access token or is closed'
            : `it answered HTTP ${r.status}${error ? ` (${error})` : ''}`;
    return outcome(
      'fail',
      `Dynamic client registration of a native client fails: ${why}.`,
      `Allow public native clients (token_endpoint_auth_method "none", application_type "native") with loopback redirect URIs. ${CALLBACKS}`,
      evidence,
      'authorization-server',
    );
  },
};

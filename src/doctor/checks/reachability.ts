/**
 * Handshake check 2: DNS, TLS and redirects, judged on the unauthenticated POST (never following a
 * redirect: a hop to another origin makes HTTP clients drop the Authorization header).
 */
import type { Context } from '../../context';
import type { Evidence } from '../../model/index';
import { describeNetError, evidenceOf, localEvidence } from '../evidence';
import { redactProxyValue } from '../redact';
import { outcome, type CheckDefinition } from './kit';

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

function bypassedByNoProxy(host: string, env: Context['env']): boolean {
  const list = env.NO_PROXY ?? env.no_proxy ?? '';
  return list
    .split(/[,\s]+/)
    .filter((e) => e !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const bare = entry
        .replace(/^\*?\./, '')
        .replace(/:\d+$/, '')
        .toLowerCase();
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** The proxy a client would use for this URL, as a note: the doctor itself connects directly. */
export function proxyNote(target: URL, env: Context['env']): Evidence | null {
  const name = PROXY_VARS.find((v) => (env[v] ?? '') !== '');
  if (name === undefined) return null;
  if (bypassedByNoProxy(target.hostname.toLowerCase(), env)) {
    return localEvidence(`ENV ${name}`, `${name} is set but NO_PROXY covers ${target.hostname}`);
  }
  return localEvidence(
    `ENV ${name}`,
    `${name}=${redactProxyValue(env[name] ?? '')} is set; this doctor connected directly. Node-based clients such as mcp-remote ignore it unless started with --enable-proxy, and behind a TLS-inspecting proxy they need NODE_EXTRA_CA_CERTS`,
  );
}

const FIXES: Record<string, string> = {
  dns: 'Check the host name for typos. If it only resolves inside a VPN or company network, connect to it first.',
  refused:
    'Check that the server is running and listens on this host and port (and that a firewall lets you in).',
  tls: 'Fix the server certificate (valid for this host name, full chain to a public CA). If a company proxy or VPN re-signs TLS, give Node-based clients its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem.',
  timeout:
    'The server did not answer in time: check it is up, that nothing (firewall, VPN, tunnel) swallows the connection, or raise --timeout if it is just slow.',
  deadline: 'The run hit its overall deadline; run again with a larger --timeout.',
  reset: 'Something closed the connection: check TLS termination, a proxy in between, or the server’s logs.',
  other: 'Check the URL and the network path to the server.',
};

export const reachabilityCheck: CheckDefinition = {
  id: 'reachability',
  title: 'Server reachable (DNS, TLS, redirects)',
  needsTarget: true,
  async run({ target, probes, ctx, timeoutMs }) {
    const exchange = await probes.challenge();
    const evidence = [evidenceOf(exchange, 'unauthenticated MCP initialize POST', [], timeoutMs)];
    const proxy = proxyNote(target!, ctx.env);
    if (proxy) evidence.push(proxy);
    if (exchange.error) {
      if (exchange.error.kind === 'cancelled') return outcome('skip', 'The run was cancelled.', '', evidence);
      return outcome(
        'fail',
        `The server could not be reached: ${describeNetError(exchange, timeoutMs)}.`,
        FIXES[exchange.error.kind] ?? FIXES.other!,
        evidence,
        'network',
      );
    }
    const r = exchange.response!;
    if (r.status >= 300 && r.status < 400) {
      const location = r.headers.location;
      if (location === undefined) {
        return outcome(
          'warn',
          `The server answered ${r.status} (a redirect) without saying where to.`,
          'Configure the final MCP URL in your clients, or fix the redirect on the server.',
          evidence,
          'server',
        );
      }
      const destination = URL.canParse(location, exchange.url) ? new URL(location, exchange.url) : null;
      if (destination === null || destination.origin !== target!.origin) {
        return outcome(
          'fail',
          `The server redirects to another ${destination && destination.protocol !== target!.protocol ? 'scheme' : 'host'} (${destination?.origin ?? location}). HTTP clients drop the Authorization header on such a redirect, so after signing in the server sees no token ("Authorization with the MCP server failed").`,
          `Use the final URL${destination ? ` (${destination.href})` : ''} in your client configuration instead of the one that redirects.`,
          evidence,
          'server',
        );
      }
      return outcome(
        'warn',
        `The server redirects to ${destination.pathname} on the same host. Clients may not repeat a POST after a redirect.`,
        `Configure ${destination.href} directly.`,
        evidence,
        'server',
      );
    }
    return outcome('pass', `The server answered (HTTP ${r.status}) without redirecting.`, '', evidence);
  },
};

/**
 * Handshake check 17: a CDN, WAF or SSO gateway answering instead of the server. The same POST is
 * repeated with a few client-like User-Agents (bot rules often target them) and the metadata
 * answers are inspected for challenge pages and login forms.
 */
import type { Evidence } from '../../model/index';
import { detectEdge, type EdgeKind, type EdgeVerdict } from '../edge-detect';
import { evidenceOf } from '../evidence';
import type { Exchange } from '../exchange';
import { outcome, skip, type CheckDefinition } from './kit';

const FIXES: Record<EdgeKind, string> = {
  'cloudflare-challenge':
    'In Cloudflare, let MCP clients through to /mcp, /.well-known/*, /register and /token: set AI bot policies to allow agents, turn Bot Fight Mode off for this host, or add a WAF skip rule for those paths.',
  'sso-login':
    'Exempt /mcp and /.well-known/* from the SSO gateway in front of the server (for Cloudflare Access, use its managed OAuth or service tokens); the MCP server must do OAuth itself.',
  'waf-block':
    'Find the firewall or bot rule that blocks these requests and add a skip rule for the MCP host’s /mcp, /.well-known/*, /register and /token.',
};

const CAVEAT =
  'This test runs from your machine; hosted connectors (claude.ai, ChatGPT) connect from their own networks, which a firewall may treat differently.';

export const edgeBlockCheck: CheckDefinition = {
  id: 'edge-block',
  title: 'No CDN, firewall or SSO page in the way',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    // Start the variants with the baseline: they depend on nothing.
    const pending = Promise.all([
      probes.agentVariants(),
      probes.resourceMetadata(),
      probes.authServerMetadata(),
    ]);
    const base = await probes.challenge();
    const [variants, prm, as] = await pending;
    if (!base.response) return skip('The server did not answer; see the reachability check.');
    const evidence: Evidence[] = [];
    const findings: Array<{ where: string; verdict: EdgeVerdict }> = [];
    const baseVerdict = detectEdge(base.response);
    if (baseVerdict) findings.push({ where: 'the MCP endpoint', verdict: baseVerdict });
    evidence.push(evidenceOf(base, 'baseline: the doctor’s own User-Agent', ['cf-mitigated'], timeoutMs));

    const differences: string[] = [];
    // The variants go out together: a 429 is a rate limit on a burst from one machine, not a block.
    const rateLimited: string[] = [];
    const baseLimited = base.response.status === 429;
    for (const v of variants) {
      const r = v.exchange.response;
      evidence.push(evidenceOf(v.exchange, `User-Agent "${v.agent}" (${v.label})`, [], timeoutMs));
      if (!r) continue;
      if (r.status === 429 || baseLimited) {
        if (r.status === 429) rateLimited.push(v.label);
        continue;
      }
      const verdict = detectEdge(r);
      if (verdict && !baseVerdict) findings.push({ where: `the MCP endpoint for ${v.label}`, verdict });
      if (r.status !== base.response.status) {
        differences.push(`${v.label} got HTTP ${r.status} where the doctor got ${base.response.status}`);
      }
    }
    const limitNote =
      rateLimited.length > 0 || baseLimited
        ? ` Part of the comparison hit the server’s rate limit (HTTP 429${baseLimited ? ' for the doctor’s own request' : ` for ${rateLimited.join(', ')}`}), which is not a block: the doctor sends these requests at once; that comparison is inconclusive.`
        : '';

    const metadataExchanges: Exchange[] = [
      ...prm.attempts.flatMap((a) => [...a.redirects, a.exchange]),
      ...as.attempts.flatMap((a) => [...a.redirects, a.exchange]),
    ];
    for (const exchange of metadataExchanges) {
      if (!exchange.response) continue;
      const verdict = detectEdge(exchange.response);
      if (verdict) {
        findings.push({ where: new URL(exchange.url).pathname, verdict });
        evidence.push(evidenceOf(exchange, verdict.detail, ['cf-mitigated'], timeoutMs));
      }
    }

    if (findings.length === 0 && differences.length === 0) {
      return outcome(
        'pass',
        `Every answer came from the server itself, whatever the User-Agent.${limitNote} ${CAVEAT}`,
        '',
        evidence,
      );
    }
    const kinds = new Set(findings.map((f) => f.verdict.kind));
    if (kinds.size === 0) kinds.add('waf-block');
    const what = [
      ...findings.map((f) => `${f.where}: ${f.verdict.detail}`),
      ...(differences.length > 0 ? [`answers depend on the User-Agent (${differences.join('; ')})`] : []),
    ];
    return outcome(
      'fail',
      `Something in front of the server answers instead of it: ${what.join('; ')}.${limitNote} ${CAVEAT}`,
      [...kinds].map((k) => FIXES[k]).join(' '),
      evidence,
      'edge',
    );
  },
};

/**
 * CORS, for browser-resident clients only (MCP Inspector in direct mode, web apps): the preflight
 * from the Inspector's origin must succeed, and the 401 must let browser code read
 * WWW-Authenticate (Access-Control-Expose-Headers). Desktop and CLI clients are not affected, so
 * problems here are warnings.
 */
import { evidenceOf } from '../evidence';
import { INSPECTOR_ORIGIN } from '../probes';
import { outcome, skip, type CheckDefinition } from './kit';

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-allow-credentials',
  'vary',
];
const REQUESTED = ['authorization', 'content-type', 'mcp-protocol-version'];

const originAllowed = (value: string | undefined): boolean =>
  value !== undefined && (value.trim() === '*' || value.trim() === INSPECTOR_ORIGIN);

const listOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

export const corsCheck: CheckDefinition = {
  id: 'cors',
  title: 'CORS for browser-based clients',
  needsTarget: true,
  async run({ probes, timeoutMs }) {
    const [pre, act] = await Promise.all([probes.corsPreflight(), probes.corsActual()]);
    const evidence = [
      evidenceOf(pre, `preflight from ${INSPECTOR_ORIGIN} (MCP Inspector)`, CORS_HEADERS, timeoutMs),
      evidenceOf(act, `unauthenticated POST with Origin ${INSPECTOR_ORIGIN}`, CORS_HEADERS, timeoutMs),
    ];
    if (!pre.response && !act.response)
      return skip('The server did not answer; see the reachability check.', evidence);
    const problems: string[] = [];
    const p = pre.response;
    if (p) {
      if (p.status >= 400) {
        problems.push(
          `the preflight (OPTIONS) gets HTTP ${p.status}${p.status === 401 ? ': auth middleware must let OPTIONS through' : ''}`,
        );
      } else if (!originAllowed(p.headers['access-control-allow-origin'])) {
        problems.push(`the preflight does not allow the origin ${INSPECTOR_ORIGIN}`);
      } else {
        const allowed = listOf(p.headers['access-control-allow-headers']);
        // A wildcard never covers Authorization (Fetch standard), so it must be named.
        const missing = REQUESTED.filter(
          (h) => !allowed.includes(h) && !(allowed.includes('*') && h !== 'authorization'),
        );
        if (missing.length > 0)
          problems.push(`the preflight does not allow the request headers ${missing.join(', ')}`);
      }
    }
    const a = act.response;
    if (a) {
      if (!originAllowed(a.headers['access-control-allow-origin'])) {
        problems.push(
          'the 401 answer has no Access-Control-Allow-Origin, so browser code cannot read it at all',
        );
      } else if (a.headers['www-authenticate'] !== undefined) {
        const exposed = listOf(a.headers['access-control-expose-headers']);
        if (!exposed.includes('www-authenticate') && !exposed.includes('*')) {
          problems.push(
            'WWW-Authenticate is not listed in Access-Control-Expose-Headers, so browser code sees the 401 but not the challenge',
          );
        }
      }
    }
    if (problems.length === 0) {
      return outcome(
        'pass',
        `A browser page on ${INSPECTOR_ORIGIN} can call the server and read its challenge.`,
        '',
        evidence,
      );
    }
    return outcome(
      'warn',
      `Browser-based clients (MCP Inspector in direct mode, web apps) will fail: ${problems.join('; ')}. Desktop and command-line clients are not affected.`,
      `Answer OPTIONS before authentication with Access-Control-Allow-Origin (${INSPECTOR_ORIGIN} or *), Access-Control-Allow-Headers: Authorization, Content-Type, MCP-Protocol-Version, and send Access-Control-Expose-Headers: WWW-Authenticate on responses. Or use the Inspector's proxy mode.`,
      evidence,
      'server',
    );
  },
};

import { describe, expect, it } from 'vitest';
import { CHECKS, runDoctor, type HttpPort } from '../../../src/doctor/index';
import { DOCTOR_CHECK_IDS, type DoctorEvent, type DoctorReport } from '../../../src/model/index';
import { makeFakeHome } from '../../helpers/fake-home';
import { fakeHttp, hang, healthyRoutes, MCP_URL, ORIGIN } from './fake-http';

const { ctx } = makeFakeHome();
const status = (r: DoctorReport, id: string): string | undefined => r.checks.find((c) => c.id === id)?.status;

describe('runDoctor', () => {
  it('has one check per contract id, in contract order', async () => {
    expect(CHECKS.map((c) => c.id)).toEqual([...DOCTOR_CHECK_IDS]);
    const report = await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp().port });
    expect(report.checks.map((c) => c.id)).toEqual([...DOCTOR_CHECK_IDS]);
    expect(report.schema).toBe('mcp-auth-doctor/doctor@1');
    expect(report.startedAt).toBe('2026-11-26T12:00:00.000Z');
  });

  it('emits started then finished exactly once per check', async () => {
    const events: DoctorEvent[] = [];
    await runDoctor(ctx, MCP_URL, { onEvent: (e) => events.push(e) }, { http: fakeHttp().port });
    for (const id of DOCTOR_CHECK_IDS) {
      const started = events.findIndex((e) => e.type === 'check-started' && e.id === id);
      const finished = events.findIndex((e) => e.type === 'check-finished' && e.result.id === id);
      expect(started).toBeGreaterThanOrEqual(0);
      expect(finished).toBeGreaterThan(started);
      expect(events.filter((e) => (e.type === 'check-started' ? e.id : e.result.id) === id)).toHaveLength(2);
    }
  });

  it('a throwing progress listener does not break the run', async () => {
    const report = await runDoctor(
      ctx,
      MCP_URL,
      {
        onEvent: () => {
          throw new Error('ui bug');
        },
      },
      { http: fakeHttp().port },
    );
    expect(status(report, 'challenge')).toBe('pass');
  });

  it('sends independent probes concurrently and each shared request once', async () => {
    const http = fakeHttp();
    await runDoctor(ctx, MCP_URL, {}, { http: http.port });
    // Challenge POST, 3 User-Agent variants, CORS preflight + POST, 2 metadata guesses start together.
    expect(http.maxInFlight()).toBeGreaterThanOrEqual(8);
    const gets = http.requests.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(new Set(gets).size).toBe(gets.length);
    expect(http.requests.filter((r) => r.url.endsWith('/token'))).toHaveLength(1);
  });

  it('never sends a token, cookie or Authorization header, and says who it is', async () => {
    const http = fakeHttp();
    await runDoctor(ctx, MCP_URL, { probeRegistration: true }, { http: http.port });
    for (const r of http.requests) {
      const names = Object.keys(r.headers).map((h) => h.toLowerCase());
      expect(names).not.toContain('authorization');
      expect(names).not.toContain('cookie');
      expect(r.headers['user-agent']).toBeDefined();
    }
    expect(http.requests.some((r) => r.url === `${ORIGIN}/register`)).toBe(true);
  });

  it('a server that never answers: reachability fails after the per-request timeout', async () => {
    const report = await runDoctor(ctx, MCP_URL, { timeoutMs: 30 }, { http: hang });
    expect(status(report, 'reachability')).toBe('fail');
    expect(report.checks.find((c) => c.id === 'reachability')!.explanation).toContain(
      'no answer within 30 ms',
    );
  });

  it('the overall deadline stops a run whose requests would each take longer', async () => {
    const report = await runDoctor(ctx, MCP_URL, { timeoutMs: 60_000, deadlineMs: 40 }, { http: hang });
    expect(status(report, 'reachability')).toBe('fail');
    expect(report.checks.find((c) => c.id === 'reachability')!.explanation).toMatch(/deadline/);
  });

  it('cancel rejects with an AbortError and aborts the requests in flight', async () => {
    const controller = new AbortController();
    const seen: AbortSignal[] = [];
    const port: HttpPort = (req) => {
      seen.push(req.signal);
      if (seen.length === 1) setTimeout(() => controller.abort(), 5);
      return hang(req);
    };
    await expect(runDoctor(ctx, MCP_URL, { signal: controller.signal }, { http: port })).rejects.toThrow();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.aborted)).toBe(true);
  });

  it('an already cancelled signal rejects before any request', async () => {
    const http = fakeHttp();
    const c = new AbortController();
    c.abort();
    await expect(runDoctor(ctx, MCP_URL, { signal: c.signal }, { http: http.port })).rejects.toThrow();
    expect(http.requests).toHaveLength(0);
  });

  it('names DNS and TLS failures and how to fix them', async () => {
    const fail = (code: string) => () => Promise.reject(Object.assign(new Error(`boom ${code}`), { code }));
    const dns = await runDoctor(ctx, MCP_URL, {}, { http: fail('ENOTFOUND') });
    expect(dns.checks[1]!.explanation).toMatch(/does not resolve/);
    const tls = await runDoctor(ctx, MCP_URL, {}, { http: fail('SELF_SIGNED_CERT_IN_CHAIN') });
    expect(tls.checks[1]!.status).toBe('fail');
    expect(tls.checks[1]!.fix).toMatch(/NODE_EXTRA_CA_CERTS/);
    // A fetch-style port wraps the system error in `cause`.
    const wrapped = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const refused = await runDoctor(ctx, MCP_URL, {}, { http: wrapped });
    expect(refused.checks[1]!.explanation).toMatch(/connection refused/);
  });

  it('an authorization server that does not answer fails auth-server-metadata with the reason', async () => {
    const routes = healthyRoutes();
    routes['GET /.well-known/oauth-protected-resource/mcp'] = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: MCP_URL, authorization_servers: ['https://auth.down.example'] }),
    });
    const base = fakeHttp(routes).port;
    const port: HttpPort = (req) =>
      new URL(req.url).host === 'auth.down.example'
        ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
        : base(req);
    const report = await runDoctor(ctx, MCP_URL, {}, { http: port });
    const c = report.checks.find((x) => x.id === 'auth-server-metadata')!;
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/auth\.down\.example did not answer: connection refused/);
    expect(status(report, 'pkce')).toBe('skip');
  });

  it('a credential loader that throws skips local-credentials instead of failing the run', async () => {
    const report = await runDoctor(
      ctx,
      MCP_URL,
      {},
      { http: fakeHttp().port, loadCredentials: () => Promise.reject(new Error('disk on fire')) },
    );
    expect(status(report, 'local-credentials')).toBe('skip');
    expect(report.checks.find((c) => c.id === 'local-credentials')!.explanation).toContain('disk on fire');
  });

  it('without protected resource metadata, the 2025-03-26 location at the MCP origin is tried', async () => {
    const routes = healthyRoutes();
    delete routes['GET /.well-known/oauth-protected-resource/mcp'];
    const report = await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port });
    expect(status(report, 'resource-metadata')).toBe('fail');
    expect(status(report, 'auth-server-metadata')).toBe('warn');
    expect(status(report, 'pkce')).toBe('pass');
  });

  it('the header URL wins: when it is broken the check fails even though a well-known URL works', async () => {
    const routes = healthyRoutes();
    routes['POST /mcp'] = () => ({
      status: 401,
      headers: { 'www-authenticate': `Bearer resource_metadata="${ORIGIN}/prm-moved"` },
      body: '',
    });
    const report = await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port });
    const c = report.checks.find((x) => x.id === 'resource-metadata')!;
    expect(c.status).toBe('fail');
    expect(c.fix).toContain(`${ORIGIN}/.well-known/oauth-protected-resource/mcp`);
  });

  it('an authorization server on a non-443 port warns (hosted connectors only reach 443)', async () => {
    const routes = healthyRoutes();
    const meta = JSON.parse(
      (await routes['GET /.well-known/oauth-authorization-server']!({} as never)).body,
    ) as Record<string, unknown>;
    meta.token_endpoint = 'https://auth.example.com:9443/token';
    routes['GET /.well-known/oauth-authorization-server'] = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(meta),
    });
    const report = await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port });
    const c = report.checks.find((x) => x.id === 'auth-server-metadata')!;
    expect(c.status).toBe('warn');
    expect(c.explanation).toContain('token_endpoint auth.example.com:9443');
  });

  it('a non-443 port on a public host warns and names the clients that cannot reach it', async () => {
    const report = await runDoctor(ctx, 'https://mcp.example.com:8443/mcp', {}, { http: fakeHttp().port });
    const c = report.checks.find((x) => x.id === 'url')!;
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/port 8443.*claude\.ai/);
  });

  it('url check: http to a public host, fragments and credentials in the URL fail; /sse warns', async () => {
    const urlStatus = async (u: string) =>
      (await runDoctor(ctx, u, {}, { http: fakeHttp().port })).checks.find((c) => c.id === 'url')!.status;
    expect(await urlStatus('http://mcp.example.com/mcp')).toBe('fail');
    expect(await urlStatus('https://mcp.example.com/mcp#x')).toBe('fail');
    expect(await urlStatus('https://u:p@mcp.example.com/mcp')).toBe('fail');
    expect(await urlStatus('https://mcp.example.com/mcp?access_token=abc')).toBe('fail');
    expect(await urlStatus('https://mcp.example.com/sse')).toBe('warn');
    expect(await urlStatus('ftp://mcp.example.com/mcp')).toBe('fail');
    expect(await urlStatus('http://localhost:3000/mcp')).toBe('pass');
  });
});

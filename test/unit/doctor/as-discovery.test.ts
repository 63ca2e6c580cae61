/**
 * Which client generations find the authorization server metadata (handshake check 5): 2025-03-26
 * clients look at the MCP origin and guess /authorize, /token, /register there; SDK-based clients
 * without protected resource metadata try RFC 8414 and OIDC at the origin; 2025-06-18 clients try
 * RFC 8414 only. Plus: plain-http endpoints on a public host are refused.
 */
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/doctor/index';
import type { CheckResult, DoctorReport } from '../../../src/model/index';
import { makeFakeHome } from '../../helpers/fake-home';
import { fakeHttp, healthyRoutes, MCP_URL, ORIGIN, type Route } from './fake-http';

const { ctx } = makeFakeHome();

const json = (status: number, body: unknown) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function asDoc(issuer: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    scopes_supported: ['offline_access'],
    ...over,
  };
}

async function run(routes: Record<string, Route>): Promise<DoctorReport> {
  return runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port });
}

const get = (r: DoctorReport, id: string): CheckResult => r.checks.find((c) => c.id === id)!;

describe('client generations in auth-server-metadata', () => {
  it('no resource metadata, OIDC only at the origin: SDK-based clients find it, 2025-03-26 clients guess the fixed paths', async () => {
    const routes = healthyRoutes();
    delete routes['GET /.well-known/oauth-protected-resource/mcp'];
    delete routes['GET /.well-known/oauth-authorization-server'];
    routes['GET /.well-known/openid-configuration'] = () => json(200, asDoc(ORIGIN));
    const report = await run(routes);
    const c = get(report, 'auth-server-metadata');
    expect(c.status).toBe('warn');
    expect(c.explanation).toContain(`${ORIGIN}/.well-known/openid-configuration`);
    expect(c.explanation).toMatch(/TypeScript SDK/);
    expect(c.explanation).toMatch(/2025-03-26/);
    expect(c.explanation).toContain(`${ORIGIN}/authorize`);
    // The document was found, so the checks that read it ran.
    expect(get(report, 'pkce').status).toBe('pass');
  });

  it('an authorization server on another host: the 2025-03-26 note says those clients look at the MCP origin and miss it', async () => {
    const routes = healthyRoutes();
    const as = 'https://auth.example.net';
    routes['GET /.well-known/oauth-protected-resource/mcp'] = () =>
      json(200, { resource: MCP_URL, authorization_servers: [as] });
    const base = fakeHttp(routes).port;
    const port: typeof base = (req) =>
      new URL(req.url).host === 'auth.example.net' &&
      new URL(req.url).pathname === '/.well-known/oauth-authorization-server'
        ? Promise.resolve(json(200, asDoc(as)))
        : base(req);
    const report = await runDoctor(ctx, MCP_URL, {}, { http: port });
    const c = get(report, 'auth-server-metadata');
    expect(c.status).toBe('pass');
    expect(c.explanation).not.toMatch(/every client generation/);
    expect(c.explanation).toMatch(/2025-03-26/);
    expect(c.explanation).toContain(`${ORIGIN}/.well-known/oauth-authorization-server`);
  });

  it('the broken resource_metadata URL of the challenge is named, not called missing', async () => {
    const routes = healthyRoutes();
    routes['POST /mcp'] = () => ({
      status: 401,
      headers: { 'www-authenticate': `Bearer resource_metadata="${ORIGIN}/prm-moved"` },
      body: '',
    });
    delete routes['GET /.well-known/oauth-protected-resource/mcp'];
    const report = await run(routes);
    const c = get(report, 'auth-server-metadata');
    expect(c.explanation).not.toMatch(/There is no protected resource metadata/);
    expect(c.explanation).toContain(`${ORIGIN}/prm-moved`);
  });

  it('plain-http endpoints or issuer on a public host fail with the field named', async () => {
    const routes = healthyRoutes();
    routes['GET /.well-known/oauth-authorization-server'] = () =>
      json(200, asDoc(ORIGIN, { token_endpoint: 'http://mcp.example.com/token' }));
    const c = get(await run(routes), 'auth-server-metadata');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/token_endpoint http:\/\/mcp\.example\.com\/token/);
    expect(c.explanation).toMatch(/plain http/);
  });
});

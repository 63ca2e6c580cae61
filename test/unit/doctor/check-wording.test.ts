/**
 * Review findings on individual checks: accurate words for `resource` differences, non-object
 * metadata, credentials that record no issuer, the SDK's issuer handling, an absent
 * token_endpoint_auth_methods_supported, and rate limiting in the User-Agent comparison.
 */
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../../src/doctor/index';
import { matchResource } from '../../../src/doctor/checks/resource-metadata';
import { metadataProblem } from '../../../src/doctor/probes';
import type { Exchange } from '../../../src/doctor/exchange';
import type { CheckResult, Credential, DoctorReport } from '../../../src/model/index';
import { makeFakeHome } from '../../helpers/fake-home';
import { fakeHttp, healthyRoutes, MCP_URL, ORIGIN, type Route } from './fake-http';

const { ctx } = makeFakeHome();
const get = (r: DoctorReport, id: string): CheckResult => r.checks.find((c) => c.id === id)!;
const json = (status: number, body: unknown) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function exchangeWith(status: number, body: string, type = 'application/json'): Exchange {
  return {
    method: 'GET',
    url: `${ORIGIN}/x`,
    durationMs: 1,
    response: { status, headers: { 'content-type': type }, body },
    error: null,
  };
}

describe('resource comparison (2b)', () => {
  const target = new URL('https://mcp.example.com/mcp');
  it('names each kind of difference', () => {
    expect(matchResource('https://mcp.example.com/mcp', target)).toBe('exact');
    expect(matchResource('https://mcp.example.com/mcp/', target)).toBe('trailing-slash');
    expect(matchResource('https://MCP.Example.com/mcp', target)).toBe('case');
    expect(matchResource('HTTPS://mcp.example.com/mcp', target)).toBe('case');
    expect(matchResource('https://mcp.example.com:443/mcp', target)).toBe('default-port');
    expect(matchResource('https://mcp.example.com', target)).toBe('prefix');
    expect(matchResource('https://other.example.com/mcp', target)).toBe('different');
  });

  it('explains a case difference as a case difference, not a trailing slash', async () => {
    const routes = healthyRoutes();
    routes['GET /.well-known/oauth-protected-resource/mcp'] = () =>
      json(200, { resource: 'https://MCP.example.com/mcp', authorization_servers: [ORIGIN] });
    const c = get(await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port }), 'resource-metadata');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/upper\/lower case/);
    expect(c.explanation).not.toMatch(/trailing slash/);
  });

  it('explains an explicit :443 as the default port written out', async () => {
    const routes = healthyRoutes();
    routes['GET /.well-known/oauth-protected-resource/mcp'] = () =>
      json(200, { resource: 'https://mcp.example.com:443/mcp', authorization_servers: [ORIGIN] });
    const c = get(await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port }), 'resource-metadata');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/default port :443/);
  });
});

describe('trailing slash: which side has it decides who rejects it (2b)', () => {
  async function prmCheck(mcpUrl: string, resource: string): Promise<CheckResult> {
    const routes = healthyRoutes();
    const path = new URL(mcpUrl).pathname.replace(/\/$/, '');
    routes[`POST ${new URL(mcpUrl).pathname}`] = routes['POST /mcp']!;
    routes[`GET /.well-known/oauth-protected-resource${path}`] = () =>
      json(200, { resource, authorization_servers: [ORIGIN] });
    return get(await runDoctor(ctx, mcpUrl, {}, { http: fakeHttp(routes).port }), 'resource-metadata');
  }

  it('an extra slash on the resource fails: the TypeScript SDK rejects a resource longer than the URL', async () => {
    const c = await prmCheck(MCP_URL, `${MCP_URL}/`);
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/extra trailing slash/);
  });

  it('an extra slash on the resource fails even when its case differs too', async () => {
    const c = await prmCheck(MCP_URL, `${MCP_URL.replace('mcp.example.com', 'MCP.example.com')}/`);
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/spelled differently.*extra trailing slash/);
  });

  it('an extra slash on the MCP URL warns: the SDK accepts it, string-comparing clients do not', async () => {
    const c = await prmCheck(`${MCP_URL}/`, MCP_URL);
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/MCP URL’s trailing slash/);
  });
});

describe('metadata that is JSON but not an object (2c)', () => {
  it('says it is not a JSON object rather than that it does not parse', () => {
    expect(metadataProblem(exchangeWith(200, '[1,2]'))).toMatch(/is a JSON array, not an object/);
    expect(metadataProblem(exchangeWith(200, '[1,2]'))).not.toMatch(/does not parse/);
    expect(metadataProblem(exchangeWith(200, '"x"'))).toMatch(/not an object/);
    expect(metadataProblem(exchangeWith(200, '{"a":'))).toMatch(/does not parse/);
    expect(metadataProblem(exchangeWith(200, '<html></html>', 'text/html'))).toMatch(/not JSON/);
  });
});

describe('local-credentials without issuers (2d)', () => {
  const cred = (id: string): Credential => ({
    id,
    client: 'mcp-remote',
    serverUrl: MCP_URL,
    serverName: null,
    issuer: null,
    oauthClientId: 'c',
    registration: 'dcr',
    scopes: [],
    hasAccessToken: true,
    hasRefreshToken: false,
    expiresAt: null,
    updatedAt: null,
    files: [],
    entry: null,
    fingerprint: 'sha256:000000000000',
  });

  it('skips, saying none of them can be compared, instead of passing with "0 come from"', async () => {
    const report = await runDoctor(
      ctx,
      MCP_URL,
      {},
      { http: fakeHttp().port, loadCredentials: () => Promise.resolve([cred('a:1'), cred('a:2')]) },
    );
    const c = get(report, 'local-credentials');
    expect(c.status).toBe('skip');
    expect(c.explanation).toMatch(/2 cached credential\(s\).*none of them records/);
    expect(c.explanation).not.toMatch(/^0 /);
  });
});

describe('issuer wording (5)', () => {
  it('does not claim the shipped TypeScript SDK discards mismatching metadata', async () => {
    const routes = healthyRoutes();
    routes['GET /.well-known/oauth-authorization-server'] = async (req) => {
      const doc = JSON.parse(
        (await healthyRoutes()['GET /.well-known/oauth-authorization-server']!(req)).body,
      ) as Record<string, unknown>;
      return json(200, { ...doc, issuer: 'https://login.example.com' });
    };
    const c = get(await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port }), 'issuer');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/TypeScript SDK 1\.32 does not check/);
    expect(c.explanation).toMatch(/2026-07-28/);
  });
});

describe('registration without token_endpoint_auth_methods_supported (5)', () => {
  it('warns that the RFC 8414 default is client_secret_basic, which leaves public clients unlisted', async () => {
    const routes: Record<string, Route> = healthyRoutes();
    routes['GET /.well-known/oauth-authorization-server'] = async (req) => {
      const doc = JSON.parse(
        (await healthyRoutes()['GET /.well-known/oauth-authorization-server']!(req)).body,
      ) as Record<string, unknown>;
      delete doc.token_endpoint_auth_methods_supported;
      return json(200, doc);
    };
    const c = get(await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port }), 'registration');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/client_secret_basic/);
    expect(c.explanation).toMatch(/"none"/);
  });
});

describe('edge-block and rate limiting (5)', () => {
  it('a 429 for one User-Agent is rate limiting, not an edge block', async () => {
    const routes = healthyRoutes();
    const healthy = routes['POST /mcp']!;
    routes['POST /mcp'] = (req) =>
      req.headers['user-agent']?.startsWith('python')
        ? { status: 429, headers: { 'retry-after': '1', 'content-type': 'text/plain' }, body: 'slow down' }
        : healthy(req);
    const c = get(await runDoctor(ctx, MCP_URL, {}, { http: fakeHttp(routes).port }), 'edge-block');
    expect(c.status).toBe('pass');
    expect(c.explanation).toMatch(/rate limit/i);
    expect(c.owner).toBeUndefined();
  });
});

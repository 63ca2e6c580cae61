/**
 * The doctor against real HTTP servers on loopback, one per misconfiguration. Each test names the
 * check that must catch it and the exact status it must get.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index';
import type {
  CheckResult,
  CheckStatus,
  Credential,
  DoctorCheckId,
  DoctorReport,
} from '../../src/model/index';
import {
  startMisconfiguredServer,
  startSdkOAuthServer,
  startSilentServer,
  type DoctorServer,
  type MisconfigOptions,
} from '../helpers/doctor-servers';
import { makeFakeHome } from '../helpers/fake-home';

const TIMEOUT_MS = 800;
const servers: DoctorServer[] = [];
const { ctx } = makeFakeHome();

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: MisconfigOptions = {}): Promise<DoctorServer> {
  const server = await startMisconfiguredServer(options);
  servers.push(server);
  return server;
}

function doctor(
  url: string,
  extra: { credentials?: Credential[]; probeRegistration?: boolean; timeoutMs?: number } = {},
): Promise<DoctorReport> {
  return runDoctor(
    ctx,
    url,
    { timeoutMs: extra.timeoutMs ?? TIMEOUT_MS, probeRegistration: extra.probeRegistration ?? false },
    { loadCredentials: () => Promise.resolve(extra.credentials ?? []) },
  );
}

function check(report: DoctorReport, id: DoctorCheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function statuses(report: DoctorReport): Record<string, CheckStatus> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

/** Every check except the named ones passes (registration-probe is opt-in: skipped). */
function expectOthersPass(report: DoctorReport, except: DoctorCheckId[]): void {
  for (const c of report.checks) {
    if (except.includes(c.id)) continue;
    expect({ id: c.id, status: c.status }).toEqual({
      id: c.id,
      status: c.id === 'registration-probe' ? 'skip' : 'pass',
    });
  }
}

function credential(over: Partial<Credential>): Credential {
  return {
    id: 'mcp-remote:abc123',
    client: 'mcp-remote',
    serverUrl: null,
    serverName: null,
    issuer: null,
    oauthClientId: 'client-old',
    registration: 'dcr',
    scopes: [],
    hasAccessToken: true,
    hasRefreshToken: true,
    expiresAt: null,
    updatedAt: null,
    files: [],
    entry: null,
    fingerprint: 'sha256:000000000000',
    ...over,
  };
}

describe('doctor against loopback servers', () => {
  it('healthy server built from the MCP SDK OAuth example: every check passes', async () => {
    const sdk = await startSdkOAuthServer();
    servers.push(sdk);
    const report = await doctor(sdk.url, { probeRegistration: true });
    expect(statuses(report)).toEqual({
      url: 'pass',
      reachability: 'pass',
      challenge: 'pass',
      'edge-block': 'pass',
      'resource-metadata': 'pass',
      'auth-server-metadata': 'pass',
      issuer: 'pass',
      pkce: 'pass',
      registration: 'pass',
      'offline-access': 'pass',
      cors: 'pass',
      'popup-policy': 'pass',
      'token-endpoint': 'pass',
      'local-credentials': 'pass',
      'registration-probe': 'pass',
    });
    // The SDK's authorization server is a separate origin: the doctor followed the PRM there.
    expect(
      check(report, 'auth-server-metadata').evidence.some((e) => e.request.includes(sdk.authServer)),
    ).toBe(true);
  });

  it('healthy configurable baseline: every check passes, registration-probe skipped by default', async () => {
    const s = await serve();
    const report = await doctor(s.url);
    expectOthersPass(report, []);
    expect(report.checks.map((c) => c.id)).toHaveLength(15);
  });

  it('401 without WWW-Authenticate: challenge fails, metadata still found at the path-inserted URL', async () => {
    const report = await doctor((await serve({ challenge: 'no-header' })).url);
    expect(check(report, 'challenge').status).toBe('fail');
    expect(check(report, 'challenge').owner).toBe('server');
    expect(check(report, 'resource-metadata').status).toBe('pass');
    expectOthersPass(report, ['challenge']);
  });

  it('unquoted resource_metadata: challenge warns', async () => {
    const report = await doctor((await serve({ challenge: 'unquoted' })).url);
    expect(check(report, 'challenge').status).toBe('warn');
    expect(check(report, 'challenge').explanation).toMatch(/unquoted/);
    expectOthersPass(report, ['challenge']);
  });

  it('metadata only at the root well-known URL: resource-metadata warns', async () => {
    const report = await doctor((await serve({ prmAt: 'root', challenge: 'no-resource-metadata' })).url);
    expect(check(report, 'resource-metadata').status).toBe('warn');
    expect(check(report, 'resource-metadata').explanation).toMatch(/only at the root/);
    expect(check(report, 'challenge').status).toBe('warn');
    expectOthersPass(report, ['resource-metadata', 'challenge']);
  });

  it('resource mismatch: resource-metadata fails and shows both values', async () => {
    const s = await serve({ prmResource: 'https://mcp.example.com/mcp' });
    const report = await doctor(s.url);
    const c = check(report, 'resource-metadata');
    expect(c.status).toBe('fail');
    expect(c.explanation).toContain('https://mcp.example.com/mcp');
    expect(c.explanation).toContain(s.url);
  });

  it('authorization server metadata only at the OIDC location: auth-server-metadata warns', async () => {
    const report = await doctor((await serve({ asMetadataAt: 'oidc-only' })).url);
    const c = check(report, 'auth-server-metadata');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/2025-06-18/);
    expectOthersPass(report, ['auth-server-metadata']);
  });

  it('path-inserted issuer (tenant): found at the RFC 8414 path-inserted URL, issuer matches', async () => {
    const s = await serve({ issuerPath: '/tenant1' });
    const report = await doctor(s.url);
    expect(check(report, 'auth-server-metadata').status).toBe('pass');
    expect(check(report, 'auth-server-metadata').explanation).toContain(
      `${s.origin}/.well-known/oauth-authorization-server/tenant1`,
    );
    expect(check(report, 'issuer').status).toBe('pass');
    expectOthersPass(report, []);
  });

  it('tenant issuer published only at the OIDC path-appended URL: auth-server-metadata warns', async () => {
    const s = await serve({ issuerPath: '/tenant1', asMetadataAt: 'oidc-only' });
    const report = await doctor(s.url);
    expect(check(report, 'auth-server-metadata').status).toBe('warn');
    expect(check(report, 'auth-server-metadata').explanation).toContain(
      `${s.origin}/tenant1/.well-known/openid-configuration`,
    );
  });

  it('issuer mismatch: issuer fails', async () => {
    const s = await serve({ issuerInMetadata: 'https://login.example.com/' });
    const report = await doctor(s.url);
    expect(check(report, 'issuer').status).toBe('fail');
    expect(check(report, 'issuer').explanation).toContain('https://login.example.com/');
    expectOthersPass(report, ['issuer']);
  });

  it('no S256: pkce fails (absent field and plain-only)', async () => {
    expect(check(await doctor((await serve({ pkceMethods: null })).url), 'pkce').status).toBe('fail');
    expect(check(await doctor((await serve({ pkceMethods: ['plain'] })).url), 'pkce').status).toBe('fail');
  });

  it('no registration path: registration fails and names pre-registration', async () => {
    const report = await doctor((await serve({ registration: 'none' })).url);
    const c = check(report, 'registration');
    expect(c.status).toBe('fail');
    expect(c.fix).toMatch(/--static-oauth-client-info/);
    expect(check(report, 'registration-probe').status).toBe('skip');
  });

  it('CIMD only is a registration path', async () => {
    const report = await doctor((await serve({ registration: 'cimd' })).url);
    expect(check(report, 'registration').status).toBe('pass');
  });

  it('Cloudflare-style challenge page: edge-block fails (and the challenge check says why)', async () => {
    const report = await doctor((await serve({ cloudflare: true })).url);
    expect(check(report, 'edge-block').status).toBe('fail');
    expect(check(report, 'edge-block').owner).toBe('edge');
    expect(check(report, 'edge-block').explanation).toMatch(/Cloudflare/);
    expect(check(report, 'challenge').status).toBe('fail');
  });

  it('WAF 403 for client-like User-Agents only: edge-block fails, the challenge itself passes', async () => {
    const report = await doctor((await serve({ wafUserAgents: /python|Claude/i })).url);
    const c = check(report, 'edge-block');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/User-Agent/);
    expect(check(report, 'challenge').status).toBe('pass');
  });

  it('cross-host redirect: reachability fails', async () => {
    const final = await serve();
    const moved = await serve({ redirectTo: final.url.replace('127.0.0.1', 'localhost') });
    const report = await doctor(moved.url);
    const c = check(report, 'reachability');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/Authorization header/);
    expect(c.evidence[0]!.status).toBe(307);
  });

  it('COOP on the authorization endpoint: popup-policy warns', async () => {
    const report = await doctor((await serve({ authorizeCoop: 'same-origin' })).url);
    expect(check(report, 'popup-policy').status).toBe('warn');
    expect(check(report, 'popup-policy').explanation).toMatch(/same-origin/);
    expectOthersPass(report, ['popup-policy']);
  });

  it('closed CORS: cors warns (browser clients only)', async () => {
    const report = await doctor((await serve({ cors: false })).url);
    expect(check(report, 'cors').status).toBe('warn');
    expectOthersPass(report, ['cors']);
  });

  it('no offline_access: offline-access warns', async () => {
    const report = await doctor((await serve({ offlineAccess: false })).url);
    expect(check(report, 'offline-access').status).toBe('warn');
    expectOthersPass(report, ['offline-access']);
  });

  it('a server that never answers: reachability fails with a timeout, the run does not hang', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const report = await doctor(silent.url, { timeoutMs: 400 });
    const c = check(report, 'reachability');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/no answer within 400 ms/);
    // Generous bound: every probe times out in parallel, so the run takes about one timeout, not a chain of them.
    expect(report.durationMs).toBeLessThan(5000);
    expect(check(report, 'challenge').status).toBe('skip');
  });

  it('a cached credential from another issuer: local-credentials fails with the reset to run', async () => {
    const s = await serve();
    const stale = credential({
      id: 'mcp-remote:stale1',
      serverUrl: s.url,
      issuer: 'https://old-auth.example.com',
    });
    const fresh = credential({
      id: 'claude-code:fresh1',
      client: 'claude-code',
      serverUrl: s.url,
      issuer: s.issuer,
    });
    const report = await doctor(s.url, { credentials: [stale, fresh] });
    const c = check(report, 'local-credentials');
    expect(c.status).toBe('fail');
    expect(c.resetCredentialIds).toEqual(['mcp-remote:stale1']);
    expect(c.fix).toContain('mcp-auth-doctor reset --credential mcp-remote:stale1');
    expect(c.owner).toBe('client-cache');
  });

  it('cached credentials from the advertised issuer pass (trailing slash ignored)', async () => {
    const s = await serve();
    const ok = credential({ serverUrl: s.url, issuer: `${s.issuer}/` });
    expect(check(await doctor(s.url, { credentials: [ok] }), 'local-credentials').status).toBe('pass');
  });

  it('token endpoint answering HTML: token-endpoint fails', async () => {
    const report = await doctor((await serve({ tokenEndpoint: 'html' })).url);
    expect(check(report, 'token-endpoint').status).toBe('fail');
  });

  it('token endpoint rejecting the resource parameter: token-endpoint fails with invalid_target', async () => {
    const report = await doctor((await serve({ tokenEndpoint: 'invalid-target' })).url);
    expect(check(report, 'token-endpoint').status).toBe('fail');
    expect(check(report, 'token-endpoint').explanation).toMatch(/invalid_target/);
  });

  it('metadata behind the auth middleware: resource-metadata fails', async () => {
    const report = await doctor((await serve({ prmRequiresAuth: true })).url);
    expect(check(report, 'resource-metadata').status).toBe('fail');
    expect(check(report, 'resource-metadata').fix).toMatch(/Exempt/);
  });

  it('unprotected server: challenge warns, the OAuth checks skip', async () => {
    const report = await doctor((await serve({ challenge: 'unprotected', prmAt: 'nowhere' })).url);
    expect(check(report, 'challenge').status).toBe('warn');
    expect(check(report, 'resource-metadata').status).toBe('skip');
    expect(check(report, 'pkce').status).toBe('skip');
  });

  it('partial auth (initialize open, tools/call protected): challenge warns and says so', async () => {
    const report = await doctor((await serve({ challenge: 'partial', prmAt: 'path' })).url);
    const c = check(report, 'challenge');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/partial auth/);
    expect(c.evidence.map((e) => e.status)).toEqual([200, 401]);
  });

  it('registration probe (opt-in): a DCR that rejects loopback redirect URIs fails', async () => {
    const report = await doctor((await serve({ dcr: { rejectLoopback: true } })).url, {
      probeRegistration: true,
    });
    expect(check(report, 'registration-probe').status).toBe('fail');
    expect(check(report, 'registration-probe').explanation).toMatch(/loopback/);
  });

  it('registration probe (opt-in): rewritten redirect URIs warn', async () => {
    const report = await doctor(
      (await serve({ dcr: { rewriteRedirectsTo: ['https://as.example.com/cb'] } })).url,
      { probeRegistration: true },
    );
    expect(check(report, 'registration-probe').status).toBe('warn');
  });

  it('registration is only probed when asked', async () => {
    const s = await serve();
    await doctor(s.url);
    expect(s.requests.some((r) => r.path.endsWith('/register'))).toBe(false);
    await doctor(s.url, { probeRegistration: true });
    expect(s.requests.filter((r) => r.path.endsWith('/register'))).toHaveLength(1);
  });

  it('a non-URL fails the url check and skips the network checks', async () => {
    const report = await doctor('not a url');
    expect(check(report, 'url').status).toBe('fail');
    expect(check(report, 'reachability').status).toBe('skip');
    expect(check(report, 'local-credentials').status).toBe('pass');
  });
});

/**
 * Metadata discovery as real clients do it, against loopback servers: the authorization server
 * metadata walk moves past any answer below 500 that is not a success and follows redirects that
 * stay on the origin (what the MCP TypeScript SDK 1.32 does), the doctor warns where a stricter
 * client would stop, the issuer is compared byte for byte, and a firewall that blocks everything
 * is named as such.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index';
import type { CheckResult, DoctorCheckId, DoctorReport } from '../../src/model/index';
import {
  startMisconfiguredServer,
  type DoctorServer,
  type MisconfigOptions,
} from '../helpers/doctor-servers';
import { makeFakeHome } from '../helpers/fake-home';

const servers: DoctorServer[] = [];
const { ctx } = makeFakeHome();

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function doctorFor(options: MisconfigOptions): Promise<{ s: DoctorServer; report: DoctorReport }> {
  const s = await startMisconfiguredServer(options);
  servers.push(s);
  const report = await runDoctor(
    ctx,
    s.url,
    { timeoutMs: 800 },
    { loadCredentials: () => Promise.resolve([]) },
  );
  return { s, report };
}

function check(report: DoctorReport, id: DoctorCheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** The checks that read the authorization server metadata all ran (none skipped for lack of it). */
function expectDownstreamRan(report: DoctorReport): void {
  for (const id of ['issuer', 'pkce', 'registration', 'token-endpoint', 'popup-policy'] as const) {
    expect({ id, status: check(report, id).status }).toEqual({ id, status: 'pass' });
  }
}

describe('authorization server discovery moves on like real clients', () => {
  for (const answer of ['json-400', 'plain-401', 'json-403'] as const) {
    it(`RFC 8414 location answers ${answer} while an OIDC document exists: warn, naming the clients that stop there`, async () => {
      const { s, report } = await doctorFor({ asMetadataAt: 'oidc-only', oauthLocation: answer });
      const c = check(report, 'auth-server-metadata');
      expect(c.status).toBe('warn');
      expect(c.explanation).toContain(`${s.origin}/.well-known/openid-configuration`);
      expect(c.explanation).toMatch(/2025-06-18/);
      expect(c.explanation).toMatch(/only move on past a 404/);
      expect(c.explanation).not.toMatch(/Failed to parse JSON/);
      expectDownstreamRan(report);
    });
  }

  it('RFC 8414 location redirecting (same origin) to the OIDC document, as the fix suggests: pass', async () => {
    const { s, report } = await doctorFor({ asMetadataAt: 'oidc-only', oauthLocation: 'redirect-to-oidc' });
    const c = check(report, 'auth-server-metadata');
    expect(c.status).toBe('pass');
    expect(c.evidence.map((e) => e.status)).toContain(302);
    expect(c.evidence.some((e) => /redirect followed/.test(e.note))).toBe(true);
    expect(c.explanation).toContain(`${s.origin}/.well-known/oauth-authorization-server`);
    expectDownstreamRan(report);
  });

  it('RFC 8414 location redirecting to another origin: not followed, the OIDC document is used, warn', async () => {
    const { report } = await doctorFor({ asMetadataAt: 'oidc-only', oauthLocation: 'redirect-cross-origin' });
    const c = check(report, 'auth-server-metadata');
    expect(c.status).toBe('warn');
    expect(c.explanation).toMatch(/another origin/);
    expectDownstreamRan(report);
  });

  it('a server error at the RFC 8414 location stops discovery (the SDK gives up on 5xx): fail', async () => {
    const { report } = await doctorFor({ asMetadataAt: 'oidc-only', oauthLocation: 'server-error' });
    const c = check(report, 'auth-server-metadata');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/HTTP 500/);
    expect(c.explanation).not.toMatch(/Failed to parse JSON/);
  });

  it('an HTML page with 200 at the RFC 8414 location stops discovery: fail with the JSON parse error clients show', async () => {
    const { report } = await doctorFor({ asMetadataAt: 'oidc-only', oauthLocation: 'html-200' });
    const c = check(report, 'auth-server-metadata');
    expect(c.status).toBe('fail');
    expect(c.explanation).toMatch(/Failed to parse JSON/);
  });
});

describe('protected resource metadata behind a redirect', () => {
  it('a resource_metadata URL that redirects on the same origin is followed and noted', async () => {
    const { report } = await doctorFor({ prmMoved: true });
    const c = check(report, 'resource-metadata');
    expect(c.status).toBe('pass');
    expect(c.evidence[0]!.status).toBe(301);
    expect(c.evidence.some((e) => /redirect followed/.test(e.note))).toBe(true);
    expect(check(report, 'auth-server-metadata').status).toBe('pass');
  });
});

describe('issuer is compared exactly', () => {
  it('an issuer that differs only by a trailing slash fails (RFC 8414 §3.3 wants identical strings)', async () => {
    const { s, report } = await doctorFor({ issuerInMetadata: (issuer) => `${issuer}/` });
    const c = check(report, 'issuer');
    expect(c.status).toBe('fail');
    expect(c.explanation).toContain(`"${s.issuer}/"`);
    expect(c.explanation).toMatch(/only by a trailing slash/);
  });
});

describe('a firewall in front of everything', () => {
  it('every request gets a plain 403: challenge and edge-block fail, the metadata is reported blocked', async () => {
    const { report } = await doctorFor({ wafEverything: true });
    expect(check(report, 'challenge').status).toBe('fail');
    const edge = check(report, 'edge-block');
    expect(edge.status).toBe('fail');
    expect(edge.owner).toBe('edge');
    expect(edge.explanation).toMatch(/403/);
    const prm = check(report, 'resource-metadata');
    expect(prm.status).toBe('fail');
    expect(prm.explanation).toMatch(/blocked/);
    expect(prm.explanation).not.toMatch(/does not ask for OAuth/);
    expect(check(report, 'auth-server-metadata').status).toBe('skip');
  });
});

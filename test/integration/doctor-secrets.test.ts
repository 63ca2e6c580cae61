/**
 * Secrets never leave the doctor: canaries planted in the URL, the proxy variable, the server's
 * cookies, a registration response's client secret and the cached credentials never show up in the
 * report, the progress events or the text; and no request ever carries a token or a cookie.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/index';
import { reportLines } from '../../src/doctor/text';
import type { Credential, DoctorEvent } from '../../src/model/index';
import { assertNoCanary, canary } from '../helpers/canary';
import { startMisconfiguredServer, startSdkOAuthServer, type DoctorServer } from '../helpers/doctor-servers';
import { makeFakeHome } from '../helpers/fake-home';

const servers: DoctorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const plain = {
  bold: (s: string) => s,
  red: (s: string) => s,
  yellow: (s: string) => s,
  green: (s: string) => s,
  dim: (s: string) => s,
};

describe('doctor secrets', () => {
  it('no canary reaches the report, the events or the text', async () => {
    const secret = canary('client-secret');
    const s = await startMisconfiguredServer({ setCookie: canary('cookie'), dcr: { clientSecret: secret } });
    servers.push(s);
    const { ctx } = makeFakeHome({
      env: { HTTPS_PROXY: `http://me:${canary('proxy')}@proxy.example:3128`, NO_PROXY: '' },
    });
    const cached: Credential = {
      id: 'mcp-remote:x1',
      client: 'mcp-remote',
      serverUrl: s.url,
      serverName: 'work',
      issuer: 'https://old.example.com',
      oauthClientId: 'client-1',
      registration: 'dcr',
      scopes: ['mcp:tools'],
      hasAccessToken: true,
      hasRefreshToken: true,
      expiresAt: null,
      updatedAt: null,
      files: [
        { path: `${ctx.home}/.mcp-auth/x_tokens.json`, bytes: 10, modifiedAt: '2026-11-26T12:00:00.000Z' },
      ],
      entry: null,
      fingerprint: 'sha256:0123456789ab',
    };
    const events: DoctorEvent[] = [];
    const url = `${s.url}?access_token=${canary('url')}#${canary('fragment')}`;
    const report = await runDoctor(
      ctx,
      url,
      { timeoutMs: 800, probeRegistration: true, onEvent: (e) => events.push(e) },
      { loadCredentials: () => Promise.resolve([cached]) },
    );
    assertNoCanary(JSON.stringify(report), 'report');
    assertNoCanary(JSON.stringify(events), 'events');
    assertNoCanary(reportLines(report, plain, true).join('\n'), 'text');
    // The probe did run and the secret was seen, as a fingerprint only.
    const probe = report.checks.find((c) => c.id === 'registration-probe')!;
    expect(probe.evidence[0]!.note).toMatch(/client_secret was issued \(sha256:[0-9a-f]{12}\)/);
    expect(report.checks.find((c) => c.id === 'url')!.status).toBe('fail');
    expect(report.checks.find((c) => c.id === 'local-credentials')!.status).toBe('fail');
    expect(JSON.stringify(report)).toMatch(/"set-cookie":"\[redacted:sha256:/);
  });

  it('no request to the SDK server or its authorization server carries a token or a cookie', async () => {
    const sdk = await startSdkOAuthServer();
    servers.push(sdk);
    const { ctx } = makeFakeHome();
    await runDoctor(ctx, sdk.url, { timeoutMs: 800, probeRegistration: true });
    // The doctor's own requests (the helper's setup fetch aside) reached both servers.
    const probes = sdk.requests.filter((r) => r.headers['user-agent']?.startsWith('mcp-auth-doctor/'));
    expect(probes.length).toBeGreaterThan(5);
    for (const r of sdk.requests) {
      expect(r.headers.authorization).toBeUndefined();
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers['proxy-authorization']).toBeUndefined();
    }
  });

  it('a secret in the MCP URL query is sent to the MCP server only, never to the authorization server', async () => {
    const secret = canary('api-key');
    const { ctx } = makeFakeHome();
    // One origin for both: the authorization server's paths are told apart by path.
    const s = await startMisconfiguredServer();
    servers.push(s);
    await runDoctor(ctx, `${s.url}?api_key=${secret}`, { timeoutMs: 800 });
    const toAs = s.requests.filter((r) =>
      /^\/(authorize|token|register|\.well-known\/(oauth-authorization-server|openid-configuration))/.test(
        r.path,
      ),
    );
    expect(toAs.some((r) => r.path.startsWith('/authorize'))).toBe(true);
    expect(toAs.some((r) => r.path.startsWith('/token'))).toBe(true);
    for (const r of toAs) {
      const seen = decodeURIComponent(`${r.path} ${r.body ?? ''}`.replace(/\+/g, ' '));
      expect(seen, `${r.method} ${r.path.split('?')[0]}`).not.toContain(secret);
    }
    // The resource still names the MCP endpoint, minus the secret.
    const authorize = toAs.find((r) => r.path.startsWith('/authorize'))!;
    expect(new URL(authorize.path, s.origin).searchParams.get('resource')).toBe(s.url);

    // A separate authorization server (the SDK example) sees nothing of it either.
    const sdk = await startSdkOAuthServer();
    servers.push(sdk);
    await runDoctor(ctx, `${sdk.url}?api_key=${secret}`, { timeoutMs: 800 });
    const asHost = new URL(sdk.authServer).host;
    const atAs = sdk.requests.filter((r) => r.headers.host === asHost);
    expect(atAs.some((r) => r.path.startsWith('/authorize'))).toBe(true);
    for (const r of atAs) expect(decodeURIComponent(r.path)).not.toContain(secret);
  });
});

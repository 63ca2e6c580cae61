import { describe, expect, it } from 'vitest';
import { detectEdge, htmlTitle } from '../../../src/doctor/edge-detect';
import type { HttpResponse } from '../../../src/doctor/types';

const res = (status: number, headers: Record<string, string>, body = ''): HttpResponse => ({
  status,
  headers,
  body,
});

describe('detectEdge', () => {
  it('Cloudflare challenge by header or by page', () => {
    expect(detectEdge(res(403, { 'cf-mitigated': 'challenge' }))?.kind).toBe('cloudflare-challenge');
    expect(
      detectEdge(
        res(503, { 'content-type': 'text/html' }, '<html><title>Just a moment...</title>__cf_chl</html>'),
      )?.kind,
    ).toBe('cloudflare-challenge');
  });

  it('an SSO login page in front of the API', () => {
    const v = detectEdge(
      res(
        200,
        { 'content-type': 'text/html' },
        '<title>Sign in – Cloudflare Access</title><input type="password">',
      ),
    );
    expect(v?.kind).toBe('sso-login');
    expect(v?.detail).toContain('Sign in');
  });

  it('a plain 403 is a WAF block, naming the vendor when a header gives it away', () => {
    expect(
      detectEdge(res(403, { server: 'cloudflare', 'content-type': 'text/html' }, '<h1>no</h1>'))?.detail,
    ).toMatch(/Cloudflare/);
    expect(detectEdge(res(403, {}))?.kind).toBe('waf-block');
  });

  it('a redirect to an SSO sign-in (Cloudflare Access, oauth2-proxy) instead of an API answer', () => {
    expect(
      detectEdge(
        res(302, { location: 'https://team.cloudflareaccess.com/cdn-cgi/access/login/mcp.example.com' }),
      )?.kind,
    ).toBe('sso-login');
    expect(detectEdge(res(302, { location: '/oauth2/start?rd=%2Fmcp' }))?.kind).toBe('sso-login');
    expect(detectEdge(res(307, { location: 'https://mcp.example.com/mcp/' }))).toBeNull();
  });

  it('OAuth answers are not edge answers', () => {
    expect(
      detectEdge(res(401, { 'www-authenticate': 'Bearer', 'content-type': 'application/json' }, '{}')),
    ).toBeNull();
    expect(detectEdge(res(403, { 'www-authenticate': 'Bearer error="insufficient_scope"' }))).toBeNull();
    expect(detectEdge(res(404, { 'content-type': 'text/html' }, '<title>Not found</title>'))).toBeNull();
  });

  it('reads titles', () => {
    expect(htmlTitle('<html><TITLE> a\n b </TITLE>')).toBe('a b');
    expect(htmlTitle('none')).toBeNull();
  });
});

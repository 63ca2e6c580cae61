import { describe, expect, it } from 'vitest';
import {
  asMetadataCandidates,
  comparableServerUrl,
  isLoopbackHost,
  resourceMetadataCandidates,
  sameServerUrl,
} from '../../../src/doctor/well-known';

describe('well-known locations', () => {
  it('protected resource metadata: path inserted after the host, trailing slash dropped, query kept (RFC 9728 §3.1)', () => {
    expect(resourceMetadataCandidates(new URL('https://h.example/mcp/'))).toEqual({
      pathInserted: 'https://h.example/.well-known/oauth-protected-resource/mcp',
      root: 'https://h.example/.well-known/oauth-protected-resource',
    });
    expect(resourceMetadataCandidates(new URL('https://h.example:8443/a/b?t=1')).pathInserted).toBe(
      'https://h.example:8443/.well-known/oauth-protected-resource/a/b?t=1',
    );
    expect(resourceMetadataCandidates(new URL('https://h.example/')).pathInserted).toBeNull();
  });

  it('authorization server metadata for an issuer with a path: the three mandated URLs in order', () => {
    expect(asMetadataCandidates(new URL('https://auth.example.com/tenant1')).map((c) => c.url)).toEqual([
      'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
      'https://auth.example.com/.well-known/openid-configuration/tenant1',
      'https://auth.example.com/tenant1/.well-known/openid-configuration',
    ]);
  });

  it('authorization server metadata for an issuer without a path: RFC 8414 then OIDC at the root', () => {
    const c = asMetadataCandidates(new URL('https://auth.example.com/'));
    expect(c.map((x) => [x.kind, x.url])).toEqual([
      ['oauth', 'https://auth.example.com/.well-known/oauth-authorization-server'],
      ['oidc', 'https://auth.example.com/.well-known/openid-configuration'],
    ]);
  });

  it('server URLs compare without case, default port, fragment or one trailing slash', () => {
    expect(sameServerUrl('HTTPS://Example.COM:443/mcp/', 'https://example.com/mcp')).toBe(true);
    expect(sameServerUrl('https://example.com/mcp#x', 'https://example.com/mcp')).toBe(true);
    expect(sameServerUrl('https://example.com/mcp', 'https://example.com/MCP')).toBe(false);
    expect(sameServerUrl('https://example.com:8443/mcp', 'https://example.com/mcp')).toBe(false);
    expect(sameServerUrl('http://example.com/mcp', 'https://example.com/mcp')).toBe(false);
    expect(comparableServerUrl('nope')).toBeNull();
    expect(sameServerUrl('nope', 'nope')).toBe(false);
  });

  it('loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['example.com', '10.0.0.1', 'localhost.example.com'])
      expect(isLoopbackHost(h)).toBe(false);
  });
});

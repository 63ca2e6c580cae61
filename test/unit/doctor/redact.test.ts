import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  isSecretParam,
  redactHeaderValue,
  redactText,
  redactUrl,
  secretQueryParams,
} from '../../../src/doctor/redact';
import { assertNoCanary, canary } from '../../helpers/canary';

describe('redaction', () => {
  it('fingerprints are sha256:<12 hex> and stable', () => {
    expect(fingerprint('x')).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(fingerprint('x')).toBe(fingerprint('x'));
    expect(fingerprint('x')).not.toBe(fingerprint('y'));
  });

  it('knows secret-looking query names and leaves ordinary ones', () => {
    for (const n of [
      'token',
      'access_token',
      'apiKey',
      'api-key',
      'key',
      'code',
      'client_secret',
      'password',
      'sig',
      'code_verifier',
    ])
      expect(isSecretParam(n)).toBe(true);
    for (const n of ['state', 'client_id', 'redirect_uri', 'scope', 'code_challenge', 'resource', 'x'])
      expect(isSecretParam(n)).toBe(false);
    expect(secretQueryParams(new URL('https://h/mcp?token=a&x=1&apiKey=b&token=c'))).toEqual([
      'token',
      'apiKey',
    ]);
  });

  it('redacts query secrets, userinfo and fragments; leaves clean URLs byte for byte', () => {
    const t = canary('tok');
    const p = canary('pw');
    const f = canary('frag');
    const out = redactUrl(`https://user:${p}@h.example:8443/mcp?token=${t}&x=1#${f}`);
    assertNoCanary(out);
    expect(out).toMatch(
      /^https:\/\/\[redacted:sha256:[0-9a-f]{12}\]@h\.example:8443\/mcp\?token=\[redacted:sha256:[0-9a-f]{12}\]&x=1#\[redacted:/,
    );
    expect(redactUrl('http://localhost:6274')).toBe('http://localhost:6274');
    expect(redactUrl('https://h/a?b=1&c')).toBe('https://h/a?b=1&c');
  });

  it('redacts secrets of a URL nested in a parameter (resource=, returnTo=)', () => {
    const t = canary('nested');
    const inner = `https://mcp.example/mcp?api_key=${t}`;
    const out = redactUrl(`https://as.example/authorize?client_id=x&resource=${encodeURIComponent(inner)}`);
    assertNoCanary(out);
    expect(out).toContain('client_id=x');
  });

  it('is idempotent', () => {
    const once = redactUrl(`https://h/mcp?token=${canary('i')}`);
    expect(redactUrl(once)).toBe(once);
    expect(redactText(`see ${once} now`)).toBe(`see ${once} now`);
  });

  it('redacts URLs and Bearer/Basic credentials inside free text, keeps prose', () => {
    const t = canary('bearer');
    const text = redactText(`got Authorization: Bearer ${t} from https://h/cb?code=${canary('code')} ok`);
    assertNoCanary(text);
    expect(text).toContain('Bearer [redacted]');
    expect(redactText('a Bearer challenge that points at')).toBe('a Bearer challenge that points at');
    expect(redactText('WWW-Authenticate: Bearer resource_metadata="https://h/x"')).toBe(
      'WWW-Authenticate: Bearer resource_metadata="https://h/x"',
    );
    expect(redactText('Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc')).toBe('Bearer [redacted]');
  });

  it('hides cookie and credential header values, redacts Location', () => {
    const c = canary('cookie');
    expect(redactHeaderValue('Set-Cookie', `sid=${c}`)).toMatch(/^\[redacted:sha256:/);
    expect(redactHeaderValue('authorization', `Bearer ${c}`)).toMatch(/^\[redacted:/);
    assertNoCanary(redactHeaderValue('location', `https://h/cb?code=${c}&state=s`));
    expect(redactHeaderValue('content-type', 'text/html')).toBe('text/html');
  });

  it('handles strings that are not URLs', () => {
    const t = canary('loose');
    assertNoCanary(redactUrl(`not a url?token=${t}`));
    expect(redactUrl('plain words')).toBe('plain words');
  });
});

describe('redaction of any scheme, unparseable input and proxy values (1b)', () => {
  it('redacts secret query values and userinfo of URLs with any scheme', () => {
    const t = canary('ftp');
    const p = canary('socks');
    assertNoCanary(redactUrl(`ftp://x.example/?token=${t}`));
    assertNoCanary(redactText(`PARSE ftp://x.example/?token=${t}`));
    assertNoCanary(redactText(`HTTPS_PROXY=socks5://bob:${p}@proxy.corp:1080 is set`));
    expect(redactText(`HTTPS_PROXY=socks5://bob:${p}@proxy.corp:1080 is set`)).toContain('@proxy.corp:1080');
  });

  it('redacts secret-looking name=value pairs in text that is not a URL', () => {
    const t = canary('loose-text');
    assertNoCanary(redactText(`PARSE not a url?token=${t}`));
    expect(redactText('PARSE not a url?state=1')).toBe('PARSE not a url?state=1');
  });

  it('redacts the password of a scheme-less proxy value (user:password@host:port)', () => {
    const p = canary('bare-proxy');
    const out = redactText(`HTTPS_PROXY=bob:${p}@proxy.corp:3128 is set`);
    assertNoCanary(out);
    expect(out).toContain('@proxy.corp:3128');
    // Prose with a colon and an e-mail-like word stays readable.
    expect(redactText('see: mail me at a@b.example')).toBe('see: mail me at a@b.example');
  });
});

describe('redaction stays idempotent with userinfo', () => {
  it('a redacted URL or proxy value is left alone the second time', () => {
    const once = redactText(
      `x https://u:${canary('a')}@h.example/p and HTTPS_PROXY=bob:${canary('b')}@p.example:3128`,
    );
    assertNoCanary(once);
    expect(redactText(once)).toBe(once);
  });
});

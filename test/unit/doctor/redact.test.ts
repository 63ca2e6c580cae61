import { describe, expect, it } from 'vitest';
import { redactHeaderValue, redactProxyValue, redactText, redactUrl } from '../../../src/doctor/redact';
import { fingerprint, isSecretParamName, secretQueryParamNames } from '../../../src/redact/index';
import { resourceIndicator } from '../../../src/doctor/checks/url';
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
      expect(isSecretParamName(n)).toBe(true);
    for (const n of ['state', 'client_id', 'redirect_uri', 'scope', 'code_challenge', 'resource', 'x'])
      expect(isSecretParamName(n)).toBe(false);
    expect(secretQueryParamNames(new URL('https://h/mcp?token=a&x=1&apiKey=b&token=c'))).toEqual([
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
    // An Authorization header's value is the rest of its line: hidden whole, as one fingerprint.
    expect(text).toMatch(/^got Authorization: \[redacted:sha256:[0-9a-f]{12}\]$/);
    const inProse = redactText(`sent Bearer ${t} to https://h/cb?code=${canary('code')} ok`);
    assertNoCanary(inProse);
    expect(inProse).toMatch(
      /^sent Bearer \[redacted:sha256:[0-9a-f]{12}\] to https:\/\/h\/cb\?code=\[redacted:sha256:[0-9a-f]{12}\] ok$/,
    );
    expect(redactText('a Bearer challenge that points at')).toBe('a Bearer challenge that points at');
    expect(redactText('WWW-Authenticate: Bearer resource_metadata="https://h/x"')).toBe(
      'WWW-Authenticate: Bearer resource_metadata="https://h/x"',
    );
    expect(redactText('Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc')).toMatch(
      /^Bearer \[redacted:sha256:[0-9a-f]{12}\]$/,
    );
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

describe('the doctor shares the one list of secret names (src/redact)', () => {
  const names = ['subscription-key', 'authCode', 'accessKey', 'license_key'];

  it('masks the values of every name the shared module knows, in URLs and in text', () => {
    const values = names.map((n) => canary(n));
    const query = names.map((n, i) => `${n}=${values[i]}`).join('&');
    const url = redactUrl(`https://h.example/mcp?${query}&state=keep`);
    assertNoCanary(url);
    expect(url).toContain('state=keep');
    for (const n of names) expect(url).toMatch(new RegExp(`${n}=\\[redacted:sha256:[0-9a-f]{12}\\]`));
    assertNoCanary(redactText(`GET https://h.example/mcp?${query} failed`));
    assertNoCanary(redactText(`not a url?${query}`));
    expect(secretQueryParamNames(`https://h.example/mcp?${query}&state=1`)).toEqual(names);
  });

  it('hides every credential header the shared module knows, whole, as a fingerprint', () => {
    const key = canary('apim');
    const out = redactHeaderValue('Ocp-Apim-Subscription-Key', key);
    expect(out).toBe(`[redacted:${fingerprint(key)}]`);
    expect(redactHeaderValue('x-api-key', canary('x'))).toMatch(/^\[redacted:sha256:[0-9a-f]{12}\]$/);
    // Other headers go through the text rules: a Location's secret parameters are masked, words stay.
    assertNoCanary(redactHeaderValue('location', `https://h/cb?authCode=${canary('loc')}`));
    expect(redactHeaderValue('server', 'nginx/1.25')).toBe('nginx/1.25');
  });

  it('stays stricter than the shared default for URLs: the whole userinfo and the whole fragment', () => {
    const user = canary('user');
    const frag = canary('frag');
    const out = redactUrl(`https://${user}@h.example/mcp#${frag}`);
    assertNoCanary(out);
    expect(out).toMatch(/^https:\/\/\[redacted:sha256:[0-9a-f]{12}\]@h\.example\/mcp#\[redacted:sha256:/);
    // A plain user name too: the doctor shows no userinfo at all.
    expect(redactUrl('https://bob@h.example/mcp')).not.toContain('bob');
    // Nested URLs are redacted as strictly.
    const nested = redactUrl(
      `https://as.example/authorize?resource=${encodeURIComponent(`https://u:${canary('p')}@m.example/mcp#${frag}`)}`,
    );
    assertNoCanary(nested);
    assertNoCanary(decodeURIComponent(nested));
  });

  it('the strict URL form survives the shared text rules unchanged (evidence is redacted twice)', () => {
    const once = redactUrl(
      `https://ghp_${'a1'.repeat(18)}@h.example/mcp?accessKey=${canary('k')}#${canary('f')}`,
    );
    expect(redactText(`PARSE ${once}`)).toBe(`PARSE ${once}`);
    expect(redactUrl(once)).toBe(once);
    // The shared text rules mask a token used as a user name once, not once per rule.
    const text = redactText(`clone https://ghp_${'b2'.repeat(18)}@github.com/o/r`);
    expect(text).toMatch(/^clone https:\/\/\[redacted:sha256:[0-9a-f]{12}\]@github\.com\/o\/r$/);
    expect(redactText(text)).toBe(text);
  });

  it('proxy values keep scheme, host and port; every entry loses its userinfo', () => {
    const p = canary('proxy');
    for (const value of [
      `http://me:${p}@proxy.example:3128`,
      `me:${p}@proxy.example:3128`,
      `http=me:${p}@proxy.example:80;https=me:${p}@proxy.example:443`,
    ]) {
      const out = redactProxyValue(value);
      assertNoCanary(out);
      expect(out).not.toContain('me:');
      expect(out).toContain('@proxy.example:');
      expect(redactText(out)).toBe(out);
    }
  });
});

describe('the resource sent to the authorization server drops the same names', () => {
  it('resourceIndicator drops exactly secretQueryParamNames, keeps the rest', () => {
    const url = new URL(
      'https://h.example/mcp?tenant=a&subscription-key=1&authCode=2&accessKey=3&license_key=4&api_key=5&state=s',
    );
    const { resource, dropped } = resourceIndicator(url);
    expect(dropped).toEqual(secretQueryParamNames(url));
    expect(dropped).toEqual(['subscription-key', 'authCode', 'accessKey', 'license_key', 'api_key']);
    expect(resource).toBe('https://h.example/mcp?tenant=a&state=s');
    expect(resourceIndicator(new URL('https://h.example/mcp?tenant=a')).dropped).toEqual([]);
  });
});

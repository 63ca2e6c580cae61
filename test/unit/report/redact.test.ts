import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRedactor, REDACTED } from '../../../src/report/redact';
import { assertNoCanary, canary } from '../../helpers/canary';

const linux = () => createRedactor({ home: '/home/alice', platform: 'linux' });

describe('redaction of free text (what users paste)', () => {
  it.each([
    ['Authorization header', (s: string) => `request failed\nAuthorization: Bearer ${s}\nAccept: */*`],
    ['Proxy-Authorization header', (s: string) => `Proxy-Authorization: Basic ${s}`],
    ['Cookie header', (s: string) => `Cookie: session=${s}; theme=dark`],
    ['Set-Cookie header', (s: string) => `set-cookie: __Host-sid=${s}; Path=/; Secure`],
    ['bare Bearer token', (s: string) => `got 401 with bearer ${s} from server`],
    [
      'client_secret form field',
      (s: string) => `body: grant_type=refresh_token&client_secret=${s}&client_id=abc`,
    ],
    ['refresh_token form field', (s: string) => `grant_type=refresh_token&refresh_token=${s}`],
    ['code query parameter', (s: string) => `http://127.0.0.1:33418/oauth/callback?code=${s}&state=xyz`],
    [
      'access_token in a fragment',
      (s: string) => `https://app.example/cb#access_token=${s}&token_type=Bearer`,
    ],
    ['key query parameter', (s: string) => `https://maps.example/api?key=${s}`],
    ['sig query parameter', (s: string) => `https://blob.example/x?sv=2024&sig=${s}`],
    ['password query parameter', (s: string) => `https://x.example/login?user=a&password=${s}`],
    ['JSON access_token', (s: string) => `{"access_token":"${s}","token_type":"Bearer","expires_in":3600}`],
    ['JSON with spaces and single quotes', (s: string) => `{'refresh_token': '${s}'}`],
    ['JSON code_verifier', (s: string) => `{"code_verifier": "${s}"}`],
    ['prose client_secret', (s: string) => `client_secret: ${s}`],
    ['CLI flag', (s: string) => `npx mcp-remote https://x --api-key=${s}`],
    [
      'header flag in mcp-remote args',
      (s: string) => `args: ["mcp-remote", "https://x/mcp", "--header", "Authorization: Bearer ${s}"]`,
    ],
    ['password in a proxy URL', (s: string) => `HTTPS_PROXY=http://bob:${s}@proxy.corp:3128`],
    [
      'encoded code in a redirect',
      (s: string) => `redirect_uri=https%3A%2F%2Fx%2Fcb%3Fcode%3D${s}%26state%3D1`,
    ],
    ['env-style token', (s: string) => `GITHUB_TOKEN=${s} npx thing`],
  ])('removes a secret in a %s', (_label, make) => {
    const secret = canary('secret');
    const r = linux();
    const out = r.text(make(secret));
    assertNoCanary(out, _label);
    expect(out).toContain(REDACTED);
    expect(r.count).toBeGreaterThan(0);
  });

  it('removes JWTs, known token formats and long random strings wherever they stand', () => {
    const jwt =
      'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const gh = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    const r = linux();
    const out = r.text(`jwt ${jwt}\ntoken was ${gh}\nverifier ${verifier}.`);
    for (const s of [jwt, gh, verifier]) expect(out).not.toContain(s);
    expect(r.count).toBe(3);
  });

  it('keeps what support needs: client ids, URLs, hashes, fingerprints, finding codes, challenges', () => {
    const text = [
      'client_id=m2m_8f3a2b1c0d9e',
      'https://mcp.example.com/mcp?tenant=acme',
      '~/.mcp-auth/mcp-remote-0.1.29/5a105e8b9d40e1329780d62ea2265d8a_tokens.json',
      'fingerprint sha256:3f2a9c0b1d4e',
      'expired-token on credential 9b2c4d',
      'WWW-Authenticate: Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"',
      'Bearer error="invalid_token", error_description="The access token expired"',
      'the bearer token is invalid',
      '"token_endpoint": "https://auth.example.com/oauth/token"',
      'token_type=Bearer',
      '123e4567-e89b-12d3-a456-426614174000',
    ].join('\n');
    const r = linux();
    expect(r.text(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('removes the values of secret-looking env variables wherever they appear', () => {
    const token = canary('env');
    const r = createRedactor({
      home: '/home/alice',
      platform: 'linux',
      env: {
        MY_SERVICE_TOKEN: token,
        PATH: '/usr/bin:/bin',
        SHORT_TOKEN: 'abc',
        EDITOR: 'vim-with-long-name',
      },
    });
    const out = r.text(`it printed ${token} then died; editor vim-with-long-name; PATH /usr/bin:/bin; abc`);
    assertNoCanary(out);
    expect(out).toContain('vim-with-long-name');
    expect(out).toContain('/usr/bin:/bin');
    expect(out).toContain('abc');
  });

  it('is idempotent: a second pass changes nothing and counts nothing', () => {
    const r = linux();
    const once = r.text(
      `Authorization: Bearer ${canary('a')}\n?code=${canary('b')}&x=1 {"password":"${canary('c')}"}`,
    );
    const before = r.count;
    expect(r.text(once)).toBe(once);
    expect(r.count).toBe(before);
  });

  it('never lets a planted secret through any of its rules, whatever surrounds it (property)', () => {
    const contexts = [
      (s: string) => `Authorization: Bearer ${s}`,
      (s: string) => `?access_token=${s}`,
      (s: string) => `&client_secret=${s}&x=1`,
      (s: string) => `"refresh_token":"${s}"`,
      (s: string) => `https://u:${s}@proxy.example`,
      (s: string) => `Bearer ${s}`,
    ];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: contexts.length - 1 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/).filter((s) => /\d/.test(s)),
        (before, after, which, secret) => {
          const out = linux().text(
            `${before.replace(/[\r\n]/g, ' ')} ${contexts[which]!(secret)} ${after.replace(/[\r\n]/g, ' ')}`,
          );
          return !out.includes(secret);
        },
      ),
    );
  });
});

describe('home folders become ~', () => {
  it('on Linux, for this home and for other users’ homes', () => {
    const r = createRedactor({ home: '/home/alice', platform: 'linux' });
    expect(r.text('/home/alice/.mcp-auth/x.json and /home/alice')).toBe('~/.mcp-auth/x.json and ~');
    expect(r.text('/home/bob/.codex/auth.json')).toBe('~/.codex/auth.json');
    expect(r.text('/home/alicex/y')).toBe('~/y');
    expect(r.text('/opt/home-tools/bin')).toBe('/opt/home-tools/bin');
  });

  it('on macOS, case-insensitively, keeping /Users/Shared', () => {
    const r = createRedactor({ home: '/Users/Alice', platform: 'darwin' });
    expect(r.text('/users/alice/Library/Application Support/Claude/config.json')).toBe(
      '~/Library/Application Support/Claude/config.json',
    );
    expect(r.text('file:///Users/bob/x.html')).toBe('file://~/x.html');
    expect(r.text('/Users/Shared/cache')).toBe('/Users/Shared/cache');
  });

  it('on Windows, in native, forward-slash, JSON-escaped and WSL spellings', () => {
    const r = createRedactor({ home: 'C:\\Users\\Alice', platform: 'win32' });
    expect(r.text('C:\\Users\\Alice\\AppData\\Roaming\\Claude')).toBe('~\\AppData\\Roaming\\Claude');
    expect(r.text('c:/users/alice/.copilot')).toBe('~/.copilot');
    expect(r.text('{"path":"C:\\\\Users\\\\Alice\\\\.codex"}')).toBe('{"path":"~\\\\.codex"}');
    expect(r.text('D:\\Users\\bob\\x')).toBe('~\\x');
    expect(r.text('/mnt/c/Users/alice/AppData')).toBe('~/AppData');
    expect(r.text('C:\\Users\\Public\\x')).toBe('C:\\Users\\Public\\x');
  });

  it('does not match the home inside a longer path (/root in /home/root)', () => {
    const r = createRedactor({ home: '/root', platform: 'linux' });
    expect(r.text('/root/.codex and /home/root/x and /srv/root/y')).toBe('~/.codex and ~/x and /srv/root/y');
  });

  it('for a home anywhere (a copy under /tmp), by exact match', () => {
    const r = createRedactor({ home: '/tmp/mad-home-Xy12/', platform: 'linux' });
    expect(r.text('/tmp/mad-home-Xy12/.config/Code/User/mcp.json')).toBe('~/.config/Code/User/mcp.json');
  });
});

describe('redaction of structured records', () => {
  it('blanks secret-named fields, keeps flags and public metadata, and redacts every string', () => {
    const r = linux();
    const input = {
      code: 'expired-token',
      hasAccessToken: true,
      hasRefreshToken: false,
      token_endpoint: 'https://auth.example/token',
      headers: { authorization: 'Bearer zzz', 'set-cookie': 'a=b', 'www-authenticate': 'Bearer realm="x"' },
      nested: [{ client_secret: 'shh', tokens: { access: 'aaa', refresh: 'rrr' } }],
      note: 'see /home/alice/.x?code=abcdef123',
      count: 3,
      none: null,
    };
    const out = r.value(input);
    expect(out).toEqual({
      code: 'expired-token',
      hasAccessToken: true,
      hasRefreshToken: false,
      token_endpoint: 'https://auth.example/token',
      headers: { authorization: REDACTED, 'set-cookie': REDACTED, 'www-authenticate': 'Bearer realm="x"' },
      nested: [{ client_secret: REDACTED, tokens: { access: REDACTED, refresh: REDACTED } }],
      note: `see ~/.x?code=${REDACTED}`,
      count: 3,
      none: null,
    });
    expect(input.headers.authorization).toBe('Bearer zzz');
  });
});

/**
 * The shared redaction module (src/redact) as the doctor and the scanner will call it: the names
 * list, the URL redactor, the proxy-value redactor, the text redactor with a fingerprint mask.
 */
import { describe, expect, it } from 'vitest';
import {
  createTextRedactor,
  fingerprintMask,
  isSecretEnvName,
  isSecretHeaderName,
  isSecretParamName,
  isSecretRecordKey,
  redactProxyValue,
  redactText,
  redactUrl,
  secretQueryParamNames,
} from '../../../src/redact/index';

describe('secret names, compared as words (camelCase, kebab, snake, any case)', () => {
  it.each([
    'code',
    'key',
    'sig',
    'token',
    'access_token',
    'refresh-token',
    'id_token',
    'client_secret',
    'code_verifier',
    'subscription-key',
    'Subscription-Key',
    'license_key',
    'customer_key',
    'accessKey',
    'privateKey',
    'sessionKey',
    'authCode',
    'auth_code',
    'device_code',
    'x-amz-signature',
    'X-Amz-Credential',
    'password',
    'pwd',
    'api-key',
    'apiKey',
    'APIKey',
    'Authorization',
    'AUTH_HEADER',
    'sessionid',
    'session_id',
  ])('%s is a secret parameter', (name) => {
    expect(isSecretParamName(name)).toBe(true);
  });

  it.each([
    'client_id',
    'state',
    'scope',
    'tenant',
    'resource',
    'redirect_uri',
    'response_type',
    'grant_type',
    'code_challenge',
    'code_challenge_method',
    'token_endpoint',
    'token_type',
    'token_type_hint',
    'authorization_endpoint',
    'token_endpoint_auth_methods_supported',
    'expires_in',
    'status_code',
    'error_code',
    'public_key',
    'cache_key',
    'key_id',
    'hasAccessToken',
    'www-authenticate',
    'api-version',
    'monkey',
  ])('%s is not a secret parameter', (name) => {
    expect(isSecretParamName(name)).toBe(false);
  });

  it('headers: credentials by name, however spelt', () => {
    for (const h of [
      'Authorization',
      'Proxy-Authorization',
      'Cookie',
      'Set-Cookie',
      'X-API-Key',
      'Ocp-Apim-Subscription-Key',
      'X-Auth-Token',
      'Mcp-Session-Id',
      'Private-Token',
    ]) {
      expect(isSecretHeaderName(h), h).toBe(true);
    }
    for (const h of ['WWW-Authenticate', 'Content-Type', 'X-Request-Id', 'Location', 'X-Tenant', 'Code']) {
      expect(isSecretHeaderName(h), h).toBe(false);
    }
  });

  it('env variables: KEY, SK, BEARER, TOKEN, PASSWORD…, not paths, sockets or ids', () => {
    for (const n of [
      'OPENAI_KEY',
      'STRIPE_SK',
      'MY_BEARER',
      'GITHUB_TOKEN',
      'ANTHROPIC_API_KEY',
      'AWS_SECRET_ACCESS_KEY',
      'PGPASSWORD',
      'AUTH_HEADER',
      'GITHUB_PAT',
      'DB_PWD',
    ]) {
      expect(isSecretEnvName(n), n).toBe(true);
    }
    for (const n of [
      'PATH',
      'HOME',
      'SSH_AUTH_SOCK',
      'XDG_SESSION_TYPE',
      'PWD',
      'OLDPWD',
      'SESSION_MANAGER',
      'TERM_SESSION_ID',
      'EDITOR',
      'AWS_ACCESS_KEY_ID',
      'KEYMAP',
    ]) {
      expect(isSecretEnvName(n), n).toBe(false);
    }
  });

  it('our own records: finding codes and credential ids stay, token fields go', () => {
    for (const k of ['code', 'key', 'credential', 'credentialId', 'oauthClientId', 'fingerprint', 'keys']) {
      expect(isSecretRecordKey(k), k).toBe(false);
    }
    for (const k of [
      'tokens',
      'access_token',
      'clientSecret',
      'authorization',
      'set-cookie',
      'codeVerifier',
    ]) {
      expect(isSecretRecordKey(k), k).toBe(true);
    }
  });
});

describe('redactUrl', () => {
  it('keeps the URL as written and hides only secrets', () => {
    expect(redactUrl('https://MCP.example.com:443/mcp/?tenant=acme&code=abc#x')).toBe(
      'https://MCP.example.com:443/mcp/?tenant=acme&code=[redacted]#x',
    );
    expect(redactUrl('https://mcp.example.com/mcp')).toBe('https://mcp.example.com/mcp');
  });

  it('splits userinfo at the last @, like the WHATWG parser', () => {
    const raw = 'http://bob:Tr0ub@dorSECRETpw@proxy.corp:3128/x';
    expect(new URL(raw).password).toBe('Tr0ub%40dorSECRETpw');
    expect(redactUrl(raw)).toBe('http://bob:[redacted]@proxy.corp:3128/x');
  });

  it('hides secret fragment parameters and secrets inside a nested URL parameter', () => {
    expect(redactUrl('https://app.example/cb#access_token=abc&token_type=Bearer')).toBe(
      'https://app.example/cb#access_token=[redacted]&token_type=Bearer',
    );
    const nested = `https://auth.example/authorize?redirect_uri=${encodeURIComponent('https://x/cb?key=sekrit99')}`;
    const out = redactUrl(nested);
    expect(decodeURIComponent(out)).toContain('https://x/cb?key=[redacted]');
    expect(out).not.toContain('sekrit99');
  });

  it('takes a mask, so the doctor can keep fingerprints', () => {
    const out = redactUrl('https://x.example/?sig=abc', fingerprintMask);
    expect(out).toMatch(/^https:\/\/x\.example\/\?sig=\[redacted:sha256:[0-9a-f]{12}\]$/);
    expect(redactUrl(out, fingerprintMask)).toBe(out);
  });

  it('names the secret-looking query parameters', () => {
    expect(secretQueryParamNames('https://x/?subscription-key=1&tenant=2&authCode=3')).toEqual([
      'subscription-key',
      'authCode',
    ]);
  });
});

describe('redactProxyValue', () => {
  it('masks every entry of a proxy list, at the last @ of each', () => {
    const mask = (): string => '***';
    expect(redactProxyValue('http=u:p@h:80;https=u:PW@x@h:443', mask)).toBe('http=***@h:80;https=***@h:443');
    expect(redactProxyValue('http://bob:Tr0ub@dor@proxy.corp:3128', mask)).toBe('http://***@proxy.corp:3128');
    expect(redactProxyValue('bob:pw@proxy:8080 socks5://tok@s:1080', mask)).toBe(
      '***@proxy:8080 socks5://***@s:1080',
    );
    expect(redactProxyValue('proxy.corp:8080;<local>', mask)).toBe('proxy.corp:8080;<local>');
  });
});

describe('redactText for other modules', () => {
  it('works without a home, counts, and accepts a fingerprint mask', () => {
    const r = createTextRedactor({ mask: fingerprintMask });
    const out = r('at /home/alice/x: Authorization: Bearer abc123def456\nnext line');
    expect(out).toMatch(/^at \/home\/alice\/x: Authorization: \[redacted:sha256:[0-9a-f]{12}\]\nnext line$/);
    expect(r.count).toBe(1);
    expect(r(out)).toBe(out);
    expect(redactText('client_secret = "GOCSPX-x1y2z3"')).toBe('client_secret = "[redacted]"');
  });

  it('keeps placeholders that name a secret without holding it', () => {
    const text = '--header "Authorization: Bearer ${AUTH_TOKEN}" and api_key = "<your-key>"';
    expect(redactText(text)).toBe(text);
  });
});

describe('home spellings (finding 8)', () => {
  it('replaces the home as given, resolved (.., //) and through its real path', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createRedactor } = await import('../../../src/report/redact');
    const scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-spell-')));
    try {
      const real = path.join(scratch, 'real-home');
      fs.mkdirSync(real);
      const link = path.join(scratch, 'link-home');
      fs.symlinkSync(real, link);
      for (const given of [`${scratch}/x/../real-home`, `${scratch}//real-home/`, link]) {
        const r = createRedactor({ home: given, platform: 'linux' });
        expect(r.text(`${real}/.claude.json and ${scratch}/real-home`), given).toBe('~/.claude.json and ~');
      }
      const viaLink = createRedactor({ home: real, platform: 'linux' });
      expect(viaLink.text(`${real}/x`)).toBe('~/x');
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('a Windows home given with .. in any of its three spellings', async () => {
    const { createRedactor } = await import('../../../src/report/redact');
    const r = createRedactor({ home: 'D:\\Profiles\\x\\..\\Alice', platform: 'win32' });
    expect(r.text('D:\\Profiles\\Alice\\.codex')).toBe('~\\.codex');
    expect(r.text('d:/profiles/alice/.codex')).toBe('~/.codex');
    expect(r.text('{"p":"D:\\\\Profiles\\\\Alice\\\\.codex"}')).toBe('{"p":"~\\\\.codex"}');
  });
});

describe('the environment of a real shell', () => {
  it('does not take the working folder ($PWD) for a secret', async () => {
    const { createRedactor } = await import('../../../src/report/redact');
    const r = createRedactor({
      home: '/home/alice',
      platform: 'linux',
      env: { PWD: '/home/alice/projects/app', OLDPWD: '/home/alice/projects', DB_PWD: 'hunter2-hunter2' },
    });
    expect(r.text('config at /home/alice/projects/app/.cursor/mcp.json; db hunter2-hunter2')).toBe(
      'config at ~/projects/app/.cursor/mcp.json; db [redacted]',
    );
  });
});

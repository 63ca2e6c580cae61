/**
 * The shapes a reviewer found leaking (issue 6 audit): header maps in JSON and TOML, `key = value`,
 * YAML pairs, flags with a space, `curl -u`, camelCase and `*_key` parameters, passwords holding
 * `@`, scheme-less proxy credentials, secret-named env variables. Each secret is checked by
 * fragment, so a redactor that stops early (leaving a tail) fails too.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRedactor, REDACTED } from '../../../src/report/redact';
import { assertNoSecretFragments } from '../../helpers/canary';

const linux = (env: Record<string, string> = {}) =>
  createRedactor({ home: '/home/alice', platform: 'linux', env });

const HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const HEX2 = '0123456789abcdef0123456789abcdef01234567';

interface Shape {
  label: string;
  text: string;
  secrets: string[];
  /** Must survive: the facts around the secret. */
  keep?: string[];
}

const SHAPES: Shape[] = [
  {
    label: 'JSON header map, Bearer (finding 1)',
    text: `{"mcpServers":{"linear":{"url":"https://mcp.linear.app/mcp","headers":{"Authorization":"Bearer ${HEX}"}}}}`,
    secrets: [HEX],
    keep: ['https://mcp.linear.app/mcp', '"Authorization"'],
  },
  {
    label: 'JSON header map, Basic (finding 1)',
    text: '"headers": {"Authorization": "Basic YWxpY2U6aHVudGVyMg=="}',
    secrets: ['YWxpY2U6aHVudGVyMg=='],
  },
  {
    label: 'Claude Desktop env holding a Bearer value (finding 1)',
    text: `"env":{"AUTH_HEADER":"Bearer 5e884898da28047151d0e56f8dc6292773603d0d"}`,
    secrets: ['5e884898da28047151d0e56f8dc6292773603d0d'],
  },
  {
    label: 'Bearer token right before a quote (finding 1)',
    text: `args: ["--header", "Authorization:Bearer ${HEX}"]`,
    secrets: [HEX],
  },
  {
    label: 'YAML header with a quoted value',
    text: `headers:\n  Authorization: "Bearer ${HEX}"\n  X-Tenant: acme`,
    secrets: [HEX],
    keep: ['X-Tenant: acme'],
  },
  {
    label: 'Codex TOML header map and client_secret (finding 2)',
    text: `[mcp_servers.x]\nhttp_headers = { Authorization = "Bearer ${HEX2}" }\nclient_secret = "GOCSPX-AbCdEf123"`,
    secrets: [HEX2, 'GOCSPX-AbCdEf123'],
    keep: ['[mcp_servers.x]', 'http_headers'],
  },
  {
    label: 'key = value with spaces, unquoted (finding 2)',
    text: 'token = a1b2c3d4e5f6a7b8\napi_key = zq9XW8vu7TS6',
    secrets: ['a1b2c3d4e5f6a7b8', 'zq9XW8vu7TS6'],
  },
  {
    label: 'YAML list item and kebab-case key (finding 2)',
    text: 'servers:\n  - token: tkn-9a8b7c6d5e\n    refresh-token: rfr-1f2e3d4c5b\n    name: linear',
    secrets: ['tkn-9a8b7c6d5e', 'rfr-1f2e3d4c5b'],
    keep: ['name: linear'],
  },
  {
    label: 'flags followed by a space (finding 2)',
    text: 'gemini mcp add --client-secret GOCSPX-Zz9Yy8Xx7 --api-key sk_test_51Hq --token "tok 12345678" x',
    secrets: ['GOCSPX-Zz9Yy8Xx7', 'sk_test_51Hq', 'tok 12345678'],
    keep: ['--client-secret', '--api-key'],
  },
  {
    label: 'access_token:"…" with no space (finding 2)',
    text: 'response {access_token:"ya3x.AbC123dEf456",expires_in:3600}',
    secrets: ['ya3x.AbC123dEf456'],
    keep: ['expires_in:3600'],
  },
  {
    label: 'curl -u user:password (finding 2)',
    text: 'curl -u alice:hunter2hunter2 https://mcp.example.com/mcp',
    secrets: ['hunter2hunter2'],
    keep: ['alice', 'https://mcp.example.com/mcp'],
  },
  {
    label: 'curl --user and --proxy-user',
    text: 'curl --user "bob:s3cr3t-pa55" --proxy-user carol:pr0xyPa55w https://x.example',
    secrets: ['s3cr3t-pa55', 'pr0xyPa55w'],
  },
  {
    label: 'camelCase and *_key query parameters (finding 3)',
    text:
      'http://127.0.0.1:9/mcp?subscription-key=SECRETapim1&accessKey=SECRETak2&authCode=SECRETac3' +
      '&license_key=SECRETlk4&customer_key=SECRETck5&privateKey=SECRETpk6&sessionKey=SECRETsk7&auth_code=SECRETac8&tenant=acme',
    secrets: [
      'SECRETapim1',
      'SECRETak2',
      'SECRETac3',
      'SECRETlk4',
      'SECRETck5',
      'SECRETpk6',
      'SECRETsk7',
      'SECRETac8',
    ],
    keep: ['http://127.0.0.1:9/mcp?subscription-key=', 'tenant=acme'],
  },
  {
    label: 'secret-named headers (finding 3)',
    text:
      'Ocp-Apim-Subscription-Key: SECRETapim4\nX-API-Key: SECRETxak5\nCookie: sid=SECRETck6; theme=dark\n' +
      'Proxy-Authorization: Basic dXNlcjpTRUNSRVRwcjc=\nX-Request-Id: 42',
    secrets: ['SECRETapim4', 'SECRETxak5', 'SECRETck6', 'dXNlcjpTRUNSRVRwcjc='],
    keep: ['Ocp-Apim-Subscription-Key:', 'X-Request-Id: 42'],
  },
  {
    label: 'password holding @ in a URL (finding 4)',
    text: 'HTTPS_PROXY=http://bob:Tr0ub@dorSECRETpw@proxy.corp:3128 failed',
    secrets: ['Tr0ub@dorSECRETpw'],
    keep: ['proxy.corp:3128'],
  },
  {
    label: 'scheme-less proxy credentials, @ in the password (finding 4)',
    text: 'proxy is bob:Tr0ub@dorSECRETpw@proxy.corp:3128, and carol:pa55word99@10.0.0.1:8080',
    secrets: ['Tr0ub@dorSECRETpw', 'pa55word99'],
    keep: ['proxy.corp:3128', '10.0.0.1:8080'],
  },
  {
    label: 'Windows ProxyServer list with two passwords (finding 4)',
    text: 'ProxyServer http=u:p4ssw0rdA@h:80;https=u:PW0rd@SecretB@h:443',
    secrets: ['p4ssw0rdA', 'PW0rd@SecretB'],
  },
  {
    label: 'user-only userinfo (a token as user name)',
    text: 'git clone https://ghx0aB1cD2eF3gH4iJ5k@github.com/org/repo.git',
    secrets: ['ghx0aB1cD2eF3gH4iJ5k'],
    keep: ['github.com/org/repo.git'],
  },
];

function sharesFragment(secret: string, text: string, min = 8): boolean {
  for (let i = 0; i + min <= secret.length; i++) if (text.includes(secret.slice(i, i + min))) return true;
  return false;
}

describe('redaction of the shapes the audit found leaking', () => {
  it.each(SHAPES.map((s) => [s.label, s] as const))('%s', (_label, shape) => {
    const r = linux();
    const out = r.text(shape.text);
    assertNoSecretFragments(out, shape.secrets, shape.label);
    expect(out).toContain(REDACTED);
    for (const k of shape.keep ?? []) expect(out).toContain(k);
    // Idempotent: a second pass changes nothing.
    expect(r.text(out)).toBe(out);
  });

  it('removes values of env variables whose names end in KEY, SK or BEARER (finding 6)', () => {
    const env = {
      OPENAI_KEY: 'sk-openai-value-0001',
      STRIPE_SK: 'rk_stripe_value_0002',
      MY_BEARER: 'bearer-value-000003',
      AUTH_HEADER: 'Basic aGVsbG86d29ybGQ=',
      EDITOR: 'vim-with-long-name',
      HOME: '/home/alice',
    };
    const r = linux(env);
    const out = r.text(
      `printed ${env.OPENAI_KEY}, ${env.STRIPE_SK} and ${env.MY_BEARER} (${env.AUTH_HEADER}); editor vim-with-long-name`,
    );
    assertNoSecretFragments(out, [env.OPENAI_KEY, env.STRIPE_SK, env.MY_BEARER, 'aGVsbG86d29ybGQ=']);
    expect(out).toContain('vim-with-long-name');
  });

  it('keeps what is useful: metadata names, status codes, public keys, challenges, short user names', () => {
    const text = [
      '"authorization_endpoint": "https://auth.example.com/authorize"',
      '"code_challenge_methods_supported": ["S256"]',
      '"token_endpoint_auth_methods_supported": ["none"]',
      'HTTP status code: 401',
      'status_code=200 error_code=invalid_grant',
      'code: invalid_client',
      'client_id: m2m_8f3a2b1c0d9e',
      'public_key_id=abc kid=2024-05',
      'WWW-Authenticate: Bearer realm="mcp", error="invalid_token", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"',
      'ssh://git@github.com/org/repo and git@github.com:org/repo.git',
      'curl -u alice https://mcp.example.com/mcp',
      'X-Tenant: acme',
      'grant_type = "authorization_code"',
      'sha256:3f2a9c0b1d4e and 5a105e8b9d40e1329780d62ea2265d8a_tokens.json',
      'Error: connect ECONNREFUSED 127.0.0.1:9 at 10:02:11',
    ].join('\n');
    const r = linux();
    expect(r.text(text)).toBe(text);
    expect(r.count).toBe(0);
  });

  it('never lets a planted secret through, whatever follows it (property)', () => {
    const contexts = [
      (s: string) => `Authorization: Bearer ${s}`,
      (s: string) => `"Authorization": "Bearer ${s}`,
      (s: string) => `Authorization = "Basic ${s}`,
      (s: string) => `?access_token=${s}`,
      (s: string) => `&client_secret=${s}`,
      (s: string) => `?subscription-key=${s}`,
      (s: string) => `accessKey=${s}`,
      (s: string) => `"refresh_token":"${s}`,
      (s: string) => `client_secret = "${s}`,
      (s: string) => `api_key = ${s}`,
      (s: string) => `- token: ${s}`,
      (s: string) => `--client-secret ${s}`,
      (s: string) => `curl -u user:${s}`,
      (s: string) => `https://u:${s}@proxy.example`,
      (s: string) => `u:${s}@proxy.example:3128`,
      (s: string) => `Ocp-Apim-Subscription-Key: ${s}`,
      (s: string) => `Bearer ${s}`,
    ];
    const ends = ['"', "'", ',', '}', ';', '&', '\n', ''];
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: contexts.length - 1 }),
        fc.constantFrom(...ends),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{7,39}$/).filter((s) => /\d/.test(s)),
        (before, after, which, end, secret) => {
          // A piece of the secret that the random text around it happens to hold is not a leak.
          fc.pre(!sharesFragment(secret, `${before} ${after}`));
          const text = `${before.replace(/[\r\n]/g, ' ')} ${contexts[which]!(secret)}${end}${end === '' ? '' : after}`;
          const out = linux().text(text);
          assertNoSecretFragments(out, [secret], text);
        },
      ),
    );
  });

  it('never lets a password through a URL, however many @ it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
        fc.stringMatching(/^[A-Za-z0-9@!$*+~.-]{8,30}$/).filter((s) => /\d/.test(s) && !s.startsWith('@')),
        fc.boolean(),
        (user, password, scheme) => {
          const text = `proxy ${scheme ? 'http://' : ''}${user}:${password}@proxy.corp.example:3128 refused`;
          const out = linux().text(text);
          assertNoSecretFragments(out, [password], text);
          expect(out).toContain('proxy.corp.example:3128');
        },
      ),
    );
  });
});

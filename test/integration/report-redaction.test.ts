/**
 * The audit's repro commands, run through the real CLI entry (`runCli`, real scan, doctor and
 * system checks) on a fake home: secrets in flags, configs and the environment, odd spellings of
 * --home, and an --out that cannot be written. Secrets are checked by fragment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { assertNoSecretFragments } from '../helpers/canary';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';
import { recordingIo } from '../helpers/recording-io';

let home: FakeHome | undefined;
afterEach(() => {
  home?.cleanup();
  home = undefined;
});

async function cli(h: FakeHome, argv: string[], env: Record<string, string> = {}) {
  const io = recordingIo();
  const code = await runCli({
    argv,
    io,
    baseContext: { ...h.ctx, env: { ...h.ctx.env, PATH: '/nonexistent', NO_COLOR: '1', ...env } },
  });
  return { code, io, text: io.out + io.err };
}

const HEX = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const HEX2 = '0123456789abcdef0123456789abcdef01234567';

describe('report: the audit repro commands', () => {
  it('Authorization in a JSON header map, in --steps (finding 1)', async () => {
    home = makeFakeHome();
    for (const json of [false, true]) {
      const { code, text } = await cli(home, [
        'report',
        ...(json ? ['--json'] : []),
        '--steps',
        `{"mcpServers":{"linear":{"url":"https://mcp.linear.app/mcp","headers":{"Authorization":"Bearer ${HEX}"}}}}`,
        '--error',
        '"headers": {"Authorization": "Basic YWxpY2U6aHVudGVyMg=="}, "env":{"AUTH_HEADER":"Bearer 5e884898da28047151d0e56f8dc6292773603d0d"}',
      ]);
      expect(code).toBe(0);
      assertNoSecretFragments(text, [
        HEX,
        'YWxpY2U6aHVudGVyMg==',
        '5e884898da28047151d0e56f8dc6292773603d0d',
      ]);
      expect(text).toContain('https://mcp.linear.app/mcp');
    }
  });

  it('TOML header map, key = value, curl -u (finding 2)', async () => {
    home = makeFakeHome();
    const { text } = await cli(home, [
      'report',
      '--error',
      `[mcp_servers.x]\nhttp_headers = { Authorization = "Bearer ${HEX2}" }\nclient_secret = "GOCSPX-AbCdEf123"`,
      '--when',
      'curl -u alice:hunter2hunter2 https://mcp.example.com',
    ]);
    assertNoSecretFragments(text, [HEX2, 'GOCSPX-AbCdEf123', 'hunter2hunter2']);
    expect(text).toContain('curl -u alice:');
  });

  it('camelCase and *-key parameters and headers, in --server and --error, JSON (finding 3)', async () => {
    home = makeFakeHome();
    const { text, io } = await cli(home, [
      'report',
      '--server',
      'http://127.0.0.1:9/mcp?subscription-key=SECRETapim1&accessKey=SECRETak2&authCode=SECRETac3',
      '--error',
      'Ocp-Apim-Subscription-Key: SECRETapim4',
      '--json',
    ]);
    assertNoSecretFragments(text, ['SECRETapim1', 'SECRETak2', 'SECRETac3', 'SECRETapim4']);
    const doc = JSON.parse(io.out) as { problem: { resource: string }; doctor: unknown };
    expect(doc.problem.resource).toBe('http://127.0.0.1:9/mcp');
    expect(doc.doctor).not.toBeNull();
  });

  it('a proxy password holding @ in the environment (finding 4)', async () => {
    home = makeFakeHome();
    const { text } = await cli(home, ['report', '--json'], {
      HTTPS_PROXY: 'http://bob:Tr0ub@dorSECRETpw@proxy.corp:3128',
    });
    assertNoSecretFragments(text, ['Tr0ub@dorSECRETpw']);
    expect(text).toContain('proxy.corp:3128');
  });

  it('server URLs copied from the configs (finding 5)', async () => {
    home = makeFakeHome();
    home.write('.claude.json', {
      mcpServers: {
        a: { type: 'http', url: 'https://apim.example.com/mcp?subscription-key=SECRETsubkey1' },
        b: { type: 'http', url: 'https://bob:Tr0ub@dorSECRETpw2@mcp.example.com/mcp' },
      },
    });
    for (const json of [false, true]) {
      const { text } = await cli(home, ['report', ...(json ? ['--json'] : [])]);
      assertNoSecretFragments(text, ['SECRETsubkey1', 'Tr0ub@dorSECRETpw2']);
      expect(text).toContain('https://apim.example.com/mcp?subscription-key=[redacted]');
      expect(text).toContain('mcp.example.com/mcp');
    }
  });

  it('--home spelt with .. or // still shows the home as ~ (finding 8)', async () => {
    home = makeFakeHome();
    home.write('.claude.json', { mcpServers: { a: { type: 'http', url: 'https://mcp.example.com/mcp' } } });
    const parent = path.dirname(home.home);
    const base = path.basename(home.home);
    for (const spelling of [`${parent}/${base}/../${base}`, `${parent}//${base}`, `${home.home}/`]) {
      const { code, text } = await cli(home, ['--home', spelling, 'report', '--json']);
      expect(code).toBe(0);
      expect(text).not.toContain(base);
      expect(text).toContain('~/.claude.json');
      // The CLI itself resolves --home: every path it reads and prints starts with one spelling.
      const scanned = await cli(home, ['--home', spelling, 'scan', '--json']);
      expect((JSON.parse(scanned.io.out) as { home: string }).home).toBe(home.home);
    }
  });

  it('--out that cannot be written names the path the user gave, not a temp name (finding 12)', async () => {
    home = makeFakeHome();
    const target = path.join(home.home, 'no-such-dir', 'x.md');
    const { code, io } = await cli(home, ['report', '--out', target]);
    expect(code).toBe(2);
    expect(io.err).toContain(target);
    expect(io.err).not.toMatch(/x\.md\.\d+/);
    expect(fs.existsSync(path.dirname(target))).toBe(false);
  });

  it('--out that cannot be written still prints the report (Markdown), so nothing is lost', async () => {
    home = makeFakeHome();
    const target = path.join(home.home, 'no-such-dir', 'x.md');
    const { code, io } = await cli(home, ['report', '--out', target]);
    expect(code).toBe(2);
    expect(io.out).toMatch(/^# /m);
    expect(io.err).toMatch(/printed above instead/);
    const json = await cli(home, ['report', '--json', '--out', target]);
    expect(JSON.parse(json.io.out)).toMatchObject({ schema: 'mcp-auth-doctor/error@1' });
  });
});

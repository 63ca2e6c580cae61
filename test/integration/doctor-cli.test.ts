/**
 * `mcp-auth-doctor doctor` end to end: in-process through runCli (fake home, fake terminal) and
 * once as a real process, against loopback servers.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { DOCTOR_SCHEMA, type DoctorReport } from '../../src/model/index';
import { assertNoCanary, canary } from '../helpers/canary';
import {
  startMisconfiguredServer,
  type DoctorServer,
  type MisconfigOptions,
} from '../helpers/doctor-servers';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';
import { bridged, writeClaudeDesktopConfig, writeMcpRemoteCache } from '../unit/scan/builders';

const root = path.resolve(__dirname, '..', '..');
const servers: DoctorServer[] = [];
const homes: FakeHome[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const h of homes.splice(0)) h.cleanup();
});

async function serve(options: MisconfigOptions = {}): Promise<DoctorServer> {
  const s = await startMisconfiguredServer(options);
  servers.push(s);
  return s;
}

function home(env: Record<string, string> = {}): FakeHome {
  const h = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: '', ...env } });
  homes.push(h);
  return h;
}

async function cli(
  argv: string[],
  options: { tty?: boolean; h?: FakeHome } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    isTty: options.tty ?? false,
  };
  const h = options.h ?? home();
  const code = await runCli({ argv, io, baseContext: h.ctx });
  return { code, out, err };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001b\[(3\d|1|2)m/;
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');

describe('mcp-auth-doctor doctor', () => {
  it('--json prints exactly one doctor@1 document; a warning alone is a problem found (exit 1), like scan', async () => {
    const s = await serve({ cors: false });
    const r = await cli(['doctor', s.url, '--json', '--timeout', '0.8']);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out) as DoctorReport;
    expect(report.schema).toBe(DOCTOR_SCHEMA);
    expect(report.url).toBe(s.url);
    expect(report.checks.find((c) => c.id === 'cors')?.status).toBe('warn');
    expect(report.checks.some((c) => c.status === 'fail')).toBe(false);
    expect(r.code).toBe(1);
  });

  it('exits 0 only when every check passed or was skipped, and the help says so', async () => {
    const s = await serve();
    const r = await cli(['doctor', s.url, '--json', '--timeout', '0.8']);
    const report = JSON.parse(r.out) as DoctorReport;
    expect(report.checks.every((c) => c.status === 'pass' || c.status === 'skip')).toBe(true);
    expect(r.code).toBe(0);
    const help = await cli(['doctor', '--help']);
    expect(help.out + help.err).toMatch(/1 a check failed or warned/);
  });

  it('exits 1 when a check fails, and prints plain lines without escapes when not on a terminal', async () => {
    const s = await serve({ pkceMethods: null });
    const r = await cli(['doctor', s.url, '--timeout', '0.8']);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(ANSI);
    expect(r.out).toMatch(/✗ PKCE with S256/);
    expect(r.out).toMatch(/Fix: Enable PKCE with S256/);
    expect(r.out).toMatch(/15 checks in .*1 failed/);
  });

  it('draws a live checklist on a terminal, in colour unless NO_COLOR is set', async () => {
    const s = await serve();
    const coloured = await cli(['doctor', s.url, '--timeout', '0.8'], { tty: true });
    expect(coloured.code).toBe(0);
    expect(coloured.out).toContain('\u001b[15A'); // redrawn in place over the 15 rows
    expect(coloured.out).toMatch(COLOUR);
    expect(stripAnsi(coloured.out)).toMatch(/· Issuer matches/); // drawn as running first
    const plain = await cli(['doctor', s.url, '--timeout', '0.8'], { tty: true, h: home({ NO_COLOR: '1' }) });
    expect(plain.out).not.toMatch(COLOUR);
    expect(plain.out).toMatch(/✓ Issuer matches/);
  });

  it('usage errors exit 2: no URL, two URLs, a bad --timeout, an unknown option', async () => {
    for (const argv of [
      ['doctor'],
      ['doctor', 'https://a.example/mcp', 'https://b.example/mcp'],
      ['doctor', 'https://a.example/mcp', '--timeout', 'soon'],
      ['doctor', 'https://a.example/mcp', '--timeout', '0'],
      ['doctor', 'https://a.example/mcp', '--follow-redirects'],
    ]) {
      const r = await cli(argv);
      expect({ argv, code: r.code, out: r.out }).toEqual({ argv, code: 2, out: '' });
      expect(r.err).toMatch(/Usage: mcp-auth-doctor doctor URL/);
    }
  });

  it('a secret in the URL is reported but never printed, with or without --json', async () => {
    const s = await serve({ setCookie: canary('cookie') });
    const secret = canary('url-token');
    for (const json of [true, false]) {
      const r = await cli(
        ['doctor', `${s.url}?api_key=${secret}`, '--timeout', '0.8', ...(json ? ['--json'] : [])],
        {
          h: home({ HTTPS_PROXY: `http://user:${canary('proxy-pw')}@proxy.example:3128` }),
        },
      );
      assertNoCanary(r.out, 'stdout');
      assertNoCanary(r.err, 'stderr');
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/api_key/);
    }
  });

  it('secrets in any URL form or proxy form never reach the output (--json and text)', async () => {
    const s = await serve();
    const forms: Array<{ url: string; env?: Record<string, string> }> = [
      { url: `ftp://x.example/?token=${canary('ftp')}` },
      { url: `not a url?token=${canary('not-url')}` },
      { url: s.url, env: { HTTPS_PROXY: `socks5://bob:${canary('socks-proxy')}@proxy.corp:1080` } },
      { url: s.url, env: { HTTPS_PROXY: `bob:${canary('bare-proxy')}@proxy.corp:3128` } },
      { url: s.url, env: { ALL_PROXY: `http://bob:${canary('http-proxy')}@proxy.corp:3128` } },
    ];
    for (const form of forms) {
      for (const json of [true, false]) {
        const r = await cli(['doctor', form.url, '--timeout', '0.8', ...(json ? ['--json'] : [])], {
          h: home(form.env ?? {}),
        });
        assertNoCanary(r.out, `stdout for ${json ? '--json' : 'text'}`);
        assertNoCanary(r.err, 'stderr');
        if (json && form.env) {
          const report = JSON.parse(r.out) as DoctorReport;
          const reach = report.checks.find((c) => c.id === 'reachability')!;
          // The proxy is still named, with its host, only the credentials hidden.
          expect(JSON.stringify(reach.evidence)).toContain('proxy.corp');
        }
      }
    }
  });

  it('local-credentials reads the scanned home: a stale mcp-remote registration fails with its reset', async () => {
    const s = await serve();
    const h = home();
    writeClaudeDesktopConfig(h, { work: bridged(s.url) });
    writeMcpRemoteCache(h, { url: s.url, issuer: 'https://old-tenant.example.com', refresh: true });
    const r = await cli(['doctor', s.url, '--json', '--timeout', '0.8'], { h });
    assertNoCanary(r.out, 'stdout');
    const report = JSON.parse(r.out) as DoctorReport;
    const local = report.checks.find((c) => c.id === 'local-credentials')!;
    expect(local.status).toBe('fail');
    expect(local.resetCredentialIds).toHaveLength(1);
    expect(local.fix).toContain(`mcp-auth-doctor reset --credential ${local.resetCredentialIds![0]}`);
    expect(r.code).toBe(1);
  });

  it('local-credentials passes when the cached registration comes from the advertised issuer', async () => {
    const s = await serve();
    const h = home();
    writeClaudeDesktopConfig(h, { work: bridged(s.url) });
    writeMcpRemoteCache(h, { url: s.url, issuer: s.issuer, refresh: true });
    const r = await cli(['doctor', s.url, '--json', '--timeout', '0.8'], { h });
    const report = JSON.parse(r.out) as DoctorReport;
    const local = report.checks.find((c) => c.id === 'local-credentials')!;
    expect(local.status).toBe('pass');
    expect(local.evidence).toHaveLength(1);
  });

  it('as a real process: one JSON document on stdout, exit status 1 on a failure', async () => {
    const s = await serve({ issuerInMetadata: 'https://elsewhere.example.com' });
    const h = home();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src/cli/bin.ts'), 'doctor', s.url, '--json', '--timeout', '1'],
      { cwd: root, env: { PATH: process.env.PATH, HOME: h.home, XDG_CONFIG_HOME: h.p('.config') } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.checks.find((c) => c.id === 'issuer')?.status).toBe('fail');
  });
});

/**
 * `mcp-auth-doctor report` as users run it: the built CLI, a home full of canary secrets, a real
 * loopback server for the doctor, secrets in the environment and in the flags. What it saves is
 * exactly what it prints, and neither holds a secret or the home path.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertNoCanary, canary } from '../helpers/canary';
import { startMisconfiguredServer, type DoctorServer } from '../helpers/doctor-servers';
import { buildCliBundle, type CliBundle } from '../unit/system/cli-bundle';
import { makeCanaryHome, type CanaryHome } from '../unit/report/canary-home';

let bundle: CliBundle;
let home: CanaryHome | undefined;
let server: DoctorServer | undefined;

beforeAll(async () => {
  bundle = await buildCliBundle('report');
});
afterAll(() => bundle?.remove());
afterEach(async () => {
  home?.cleanup();
  await server?.close();
  home = undefined;
  server = undefined;
});

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle.file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function envFor(h: CanaryHome): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: h.home,
    USERPROFILE: h.home,
    XDG_CONFIG_HOME: h.p('.config'),
    XDG_DATA_HOME: h.p('.local/share'),
    XDG_STATE_HOME: h.p('.local/state'),
    XDG_CACHE_HOME: h.p('.cache'),
    MCP_AUTH_DOCTOR_DATA_DIR: h.p('app-data'),
    ANTHROPIC_API_KEY: canary('env-anthropic'),
    HTTP_PROXY: `http://u:${canary('env-proxy')}@127.0.0.1:9`,
    NO_PROXY: '*',
    NO_COLOR: '1',
  };
}

describe('report (built CLI)', () => {
  it('--json --out: saves exactly what it prints; no secret, no home path', async () => {
    home = await makeCanaryHome();
    server = await startMisconfiguredServer({ setCookie: `sid=${canary('cookie')}` });
    const out = home.p('report.json');
    const result = await run(
      [
        'report',
        '--server',
        server.url,
        '--json',
        '--out',
        out,
        '--error',
        `invalid_grant; refresh_token=${canary('flag-refresh')}`,
        '--steps',
        `curl -H "Authorization: Bearer ${canary('flag-bearer')}" ${server.url}`,
        '--when',
        'today 09:12',
      ],
      envFor(home),
    );
    expect(result.code).toBe(0);
    const saved = fs.readFileSync(out, 'utf8');
    expect(saved).toBe(result.stdout);
    for (const [text, where] of [
      [result.stdout, 'stdout'],
      [result.stderr, 'stderr'],
      [saved, 'saved file'],
    ] as const) {
      assertNoCanary(text, where);
    }
    expect(result.stdout).not.toContain(home.home);
    const doc = JSON.parse(result.stdout) as {
      schema: string;
      markdown: string;
      problem: { serverUrl: string; errorAt: string };
      doctor: { checks: unknown[] } | null;
      scan: { home: string } | null;
      system: unknown;
    };
    expect(doc.schema).toBe('mcp-auth-doctor/report@1');
    expect(doc.problem).toMatchObject({ serverUrl: server.url, errorAt: 'today 09:12' });
    expect(doc.doctor?.checks.length).toBeGreaterThan(5);
    expect(doc.scan?.home).toBe('~');
    expect(doc.system).not.toBeNull();
    expect(doc.markdown).toContain('invalid_grant');
    // The doctor really asked the server.
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('prints the Markdown report when there is no --out', async () => {
    home = await makeCanaryHome();
    const result = await run(['report', '--error', `Bearer ${canary('bare')}`], envFor(home));
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# MCP Auth Doctor support report')).toBe(true);
    expect(result.stdout).toContain('## Scan summary');
    assertNoCanary(result.stdout + result.stderr);
    expect(result.stdout).not.toContain(home.home);
  });
});

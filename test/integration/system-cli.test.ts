/**
 * The real `system` command on this Linux machine, spawned from a fresh build of the CLI, with a
 * PATH we control: with and without an `xdg-open` on it, and with one that behaves like a browser
 * (fetches the page it is given) for the browser test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { whichIn } from '../../src/system/real-ports';
import type { SystemReport } from '../../src/model/system';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';
import { assertNoCanary, canary } from '../helpers/canary';
import { buildCliBundle, type CliBundle } from '../unit/system/cli-bundle';

const linux = process.platform === 'linux';

let bundle: CliBundle;
let home: FakeHome;

beforeAll(async () => {
  if (linux) bundle = await buildCliBundle('system');
});
afterAll(() => bundle?.remove());
afterEach(() => home?.cleanup());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
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

/** A bin dir holding `ps` (for the process list) and whatever scripts the test wants. */
function binDir(scripts: Record<string, string>): string {
  const bin = home.p('bin');
  fs.mkdirSync(bin, { recursive: true });
  const ps = whichIn({ ...home.ctx, env: { PATH: process.env.PATH ?? '' } }, 'ps');
  if (ps !== null) fs.symlinkSync(ps, path.join(bin, 'ps'));
  for (const [name, body] of Object.entries(scripts))
    fs.writeFileSync(path.join(bin, name), body, { mode: 0o755 });
  return bin;
}

/** A clean environment: temp home and data dirs, nothing inherited but what we pass. */
function envFor(bin: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: bin,
    HOME: home.home,
    XDG_CONFIG_HOME: home.p('.config'),
    XDG_DATA_HOME: home.p('.local/share'),
    XDG_STATE_HOME: home.p('.local/state'),
    XDG_CACHE_HOME: home.p('.cache'),
    MCP_AUTH_DOCTOR_DATA_DIR: home.p('app-data'),
    ...extra,
  };
}

const FAKE_XDG_SETTINGS = '#!/bin/sh\n[ "$1 $2" = "get default-web-browser" ] && echo firefox.desktop\n';

describe.runIf(linux)('system --json on this Linux machine', () => {
  it('finds the xdg-open on PATH and a default browser: ok, exit 0', async () => {
    home = makeFakeHome();
    const bin = binDir({ 'xdg-open': '#!/bin/sh\nexit 0\n', 'xdg-settings': FAKE_XDG_SETTINGS });
    const run = await runCli(['system', '--json'], envFor(bin, { DISPLAY: ':99' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as SystemReport;
    expect(report.schema).toBe('mcp-auth-doctor/system@1');
    expect(report.browserOpener).toMatchObject({
      status: 'ok',
      command: path.join(bin, 'xdg-open'),
      defaultBrowser: 'firefox.desktop',
      display: true,
      wsl: false,
    });
    expect(report.findings).toEqual([]);
    // ps was on PATH, so the process list was read (and nothing here is a catalogue client).
    expect(report.processListError).toBeNull();
  });

  it('without xdg-open on PATH: missing, with the install fix, exit 1', async () => {
    home = makeFakeHome();
    const bin = binDir({ 'xdg-settings': FAKE_XDG_SETTINGS });
    const run = await runCli(['system', '--json'], envFor(bin, { DISPLAY: ':99' }));
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as SystemReport;
    expect(report.browserOpener.status).toBe('missing');
    expect(report.browserOpener.command).toBeNull();
    expect(report.browserOpener.fix).toContain('xdg-utils');
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([['browser-opener-missing', 'warning']]);
  });

  it('with the machine’s own PATH: agrees with `which xdg-open`', async () => {
    home = makeFakeHome();
    const realPath = process.env.PATH ?? '';
    const xdgOpen = whichIn({ ...home.ctx, env: { PATH: realPath } }, 'xdg-open');
    const run = await runCli(['system', '--json'], envFor(realPath));
    const report = JSON.parse(run.stdout) as SystemReport;
    expect(report.browserOpener.command ?? null).toBe(xdgOpen);
    expect(report.browserOpener.status === 'missing').toBe(xdgOpen === null);
    expect(run.code).toBe(xdgOpen === null ? 1 : 0);
  });

  it('never prints a proxy password or a token from the environment', async () => {
    home = makeFakeHome();
    const bin = binDir({ 'xdg-open': '#!/bin/sh\nexit 0\n' });
    const run = await runCli(
      ['system', '--json'],
      envFor(bin, {
        HTTPS_PROXY: `http://bob:${canary('proxy-pw')}@127.0.0.1:3128`,
        http_proxy: `http://${canary('proxy-token')}@127.0.0.1:3128`,
        GITHUB_TOKEN: canary('gh'),
      }),
    );
    assertNoCanary(run.stdout + run.stderr, 'system output');
    const report = JSON.parse(run.stdout) as SystemReport;
    expect(report.proxy.httpsProxy).toBe('http://***@127.0.0.1:3128');
    expect(report.findings.map((f) => f.code)).toContain('proxy-without-ca');
  });
});

describe.runIf(linux)('system --open-test-page through a real opener process', () => {
  it('sees the page loaded when the opener behaves like a browser', async () => {
    home = makeFakeHome();
    const log = home.p('opened.log');
    const browserLike = `#!/bin/sh\necho "$1" >> "${log}"\nexec "${process.execPath}" -e 'fetch(process.argv[1]).then((r) => r.text())' "$1"\n`;
    const bin = binDir({ 'xdg-open': browserLike, 'xdg-settings': FAKE_XDG_SETTINGS });
    const run = await runCli(
      ['system', '--json', '--open-test-page', '--wait', '20'],
      envFor(bin, { DISPLAY: ':99' }),
    );
    const doc = JSON.parse(run.stdout) as SystemReport & { testPage: Record<string, unknown> };
    expect(doc.testPage).toMatchObject({ opened: true, launched: true, command: path.join(bin, 'xdg-open') });
    expect(run.code).toBe(0);
    const target = String(doc.testPage.target);
    expect(target).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp-auth-doctor\/browser-test\/\d{6}$/);
    expect(fs.readFileSync(log, 'utf8').trim()).toBe(target);
    // The page was also written to the app's data dir.
    expect(fs.readFileSync(home.p('app-data/browser-test/browser-test.html'), 'utf8')).toContain(
      String(doc.testPage.marker),
    );
  });

  it('reports no visit (exit 1) when the opener accepts the page but nothing loads it', async () => {
    home = makeFakeHome();
    const bin = binDir({ 'xdg-open': '#!/bin/sh\nexit 0\n' });
    const run = await runCli(
      ['system', '--json', '--open-test-page', '--wait', '1'],
      envFor(bin, { DISPLAY: ':99', BROWSER: 'x' }),
    );
    const doc = JSON.parse(run.stdout) as { testPage: Record<string, unknown> };
    expect(doc.testPage).toMatchObject({ opened: false, launched: true });
    expect(run.code).toBe(1);
  });

  it('reports the opener’s failure', async () => {
    home = makeFakeHome();
    const bin = binDir({ 'xdg-open': '#!/bin/sh\necho "xdg-open: no method available" >&2\nexit 3\n' });
    const run = await runCli(
      ['system', '--json', '--open-test-page', '--wait', '1'],
      envFor(bin, { DISPLAY: ':99', BROWSER: 'x' }),
    );
    const doc = JSON.parse(run.stdout) as { testPage: Record<string, unknown> };
    expect(doc.testPage).toMatchObject({ opened: false, launched: false });
    expect(String(doc.testPage.detail)).toContain('exited with status 3');
    expect(run.code).toBe(1);
  });
});

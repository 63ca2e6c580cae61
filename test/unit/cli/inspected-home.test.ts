/**
 * `--home DIR` inspects a copy of someone's home. The operator's own folder overrides
 * (CODEX_HOME, CLAUDE_CONFIG_DIR, MCP_REMOTE_CONFIG_DIR, XDG_*, APPDATA...) must not leak into it:
 * otherwise a scan of the copy lists the operator's files and a reset of it changes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { ScanReport } from '../../../src/model/scan';
import type { ResetResult } from '../../../src/model/reset';
import { envForInspectedHome } from '../../../src/paths/inspected-home';
import { CLIENTS } from '../../../src/clients/registry';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { writeClaudeCredentials, writeCodexCredentials, writeMcpRemoteCache } from '../scan/builders';

const homes: FakeHome[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) h.cleanup();
});

function home(): FakeHome {
  const h = makeFakeHome();
  homes.push(h);
  return h;
}

async function cli(argv: string[], operator: FakeHome, env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTty: false };
  const baseContext = {
    ...operator.ctx,
    env: { ...operator.ctx.env, ...env, MCP_AUTH_DOCTOR_DATA_DIR: operator.p('data') },
  };
  const code = await runCli({ argv, io, baseContext });
  return { code, stdout, stderr };
}

/** The operator's own state, reached only through their shell's overrides. */
function operatorWithOverrides(): { operator: FakeHome; env: Record<string, string> } {
  const operator = home();
  writeCodexCredentials(operator, [{ name: 'mine', url: 'https://mine.example.com/mcp' }], 'elsewhere/codex');
  writeClaudeCredentials(
    operator,
    [{ name: 'mine', url: 'https://mine.example.com/mcp' }],
    'elsewhere/claude/.credentials.json',
  );
  writeMcpRemoteCache(operator, { url: 'https://mine.example.com/mcp', base: 'elsewhere/mcpr' });
  const env = {
    CODEX_HOME: operator.p('elsewhere/codex'),
    CLAUDE_CONFIG_DIR: operator.p('elsewhere/claude'),
    MCP_REMOTE_CONFIG_DIR: operator.p('elsewhere/mcpr'),
    XDG_CONFIG_HOME: operator.p('elsewhere/config'),
    APPDATA: operator.p('elsewhere/appdata'),
  };
  return { operator, env };
}

describe('--home', () => {
  it('scans only the given folder, whatever the operator’s shell overrides say', async () => {
    const { operator, env } = operatorWithOverrides();
    const copy = home();
    writeCodexCredentials(copy, [{ name: 'theirs', url: 'https://theirs.example.com/mcp' }]);

    const { code, stdout } = await cli(['scan', '--json', '--home', copy.home], operator, env);
    expect(code).toBeLessThan(2);
    const report = JSON.parse(stdout) as ScanReport;
    const files = report.clients.flatMap((c) => [
      ...c.paths.map((p) => p.path),
      ...c.credentials.flatMap((cr) => cr.files.map((f) => f.path)),
    ]);
    expect(files.filter((f) => f.startsWith(operator.home))).toEqual([]);
    const urls = report.clients.flatMap((c) => c.credentials.map((cr) => cr.serverUrl));
    expect(urls).toContain('https://theirs.example.com/mcp');
    expect(urls).not.toContain('https://mine.example.com/mcp');
  });

  it('a reset of the copy plans nothing in the operator’s folders', async () => {
    const { operator, env } = operatorWithOverrides();
    const copy = home();
    writeMcpRemoteCache(copy, { url: 'https://theirs.example.com/mcp' });
    const before = fs.readFileSync(operator.p('elsewhere/claude/.credentials.json'), 'utf8');

    const { stdout } = await cli(
      ['reset', '--all', '--dry-run', '--json', '--home', copy.home],
      operator,
      env,
    );
    const plan = JSON.parse(stdout) as ResetResult;
    expect(plan.items.length).toBeGreaterThan(0);
    expect(plan.items.filter((i) => i.path.startsWith(operator.home))).toEqual([]);
    expect(fs.readFileSync(operator.p('elsewhere/claude/.credentials.json'), 'utf8')).toBe(before);
  });

  it('refuses a folder that does not exist instead of reporting a clean machine', async () => {
    const operator = home();
    const missing = path.join(operator.home, 'no-such-copy');
    const { code, stdout, stderr } = await cli(['scan', '--json', '--home', missing], operator, {});
    expect(code).toBe(2);
    expect(stderr).toContain('no such folder');
    expect(JSON.parse(stdout)).toMatchObject({ schema: 'mcp-auth-doctor/error@1', command: 'scan' });
  });

  it('resolves a relative folder to an absolute one', async () => {
    const operator = home();
    writeCodexCredentials(operator, [{ name: 'a', url: 'https://a.example.com/mcp' }]);
    const relative = path.relative(process.cwd(), operator.home);
    const { stdout } = await cli(['scan', '--json', '--home', relative], operator, {});
    const report = JSON.parse(stdout) as ScanReport;
    expect(report.home).toBe(operator.home);
    expect(path.isAbsolute(report.clients[0]!.paths[0]!.path)).toBe(true);
  });
});

describe('envForInspectedHome', () => {
  it('drops every folder override a declaration reads, keeps the rest, and points HOME at the copy', () => {
    const env = envForInspectedHome(
      { CODEX_HOME: '/x', GEMINI_CLI_HOME: '/y', XDG_DATA_HOME: '/z', PATH: '/bin', NO_COLOR: '1' },
      '/copy',
      CLIENTS,
    );
    expect(env).toEqual({ PATH: '/bin', NO_COLOR: '1', HOME: '/copy', USERPROFILE: '/copy' });
  });
});

describe('--json failures', () => {
  it('print exactly one error document, with no secret from the arguments', async () => {
    const operator = home();
    const { code, stdout, stderr } = await cli(
      ['report', '--json', '--home', operator.home, '--server', 'not a url?token=SEKRETXYZ123'],
      operator,
      {},
    );
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ schema: 'mcp-auth-doctor/error@1', command: 'report' });
    expect(stdout + stderr).not.toContain('SEKRETXYZ123');
  });
});

/**
 * A running mcp-remote is found in the real process list (src/system/processes.ts, ps-list) and
 * stands in the way of its own server's files until the user quits it or passes --force. The
 * process is a real long-running node process whose command line is mcp-remote's
 * (`node …/node_modules/mcp-remote/dist/proxy.js <url>`); its pid also owns a lock file, which is
 * left alone even with --force while the process lives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResetCommand } from '../../src/cli/commands/reset';
import type { CliIo } from '../../src/cli/io';
import { CLIENTS } from '../../src/clients/registry';
import type { ResetResult } from '../../src/model/reset';
import { applyPlan, planReset } from '../../src/reset/index';
import { scan } from '../../src/scan/index';
import { realProcessPort } from '../../src/system/processes';
import { makeFakeHome, type FakeHome } from '../helpers/fake-home';
import { md5 } from '../unit/reset/helpers/cli-home';
import { tempDir, type TempDir } from '../unit/reset/helpers/reset-fixtures';

// Unique hosts, so no other test's mcp-remote on this machine is mistaken for ours.
const tag = randomBytes(4).toString('hex');
const RUNNING = `https://running-${tag}.example.com/mcp`;
const IDLE = `https://idle-${tag}.example.com/mcp`;
const MCP_REMOTE_ONLY = CLIENTS.filter((c) => c.id === 'mcp-remote');

let home: FakeHome;
let data: TempDir;
let bin: TempDir;
let child: ChildProcess;
let files: { running: string[]; lock: string; idle: string[] };

async function startFakeMcpRemote(url: string): Promise<ChildProcess> {
  const script = path.join(bin.dir, 'node_modules', 'mcp-remote', 'dist', 'proxy.js');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, "process.stdout.write('ready\\n'); setInterval(() => undefined, 1000);\n");
  const proc = spawn(process.execPath, [script, url], {
    env: { HOME: home.home, PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    proc.once('error', reject);
    proc.stdout.once('data', () => resolve());
  });
  return proc;
}

beforeEach(async () => {
  home = makeFakeHome();
  data = tempDir();
  bin = tempDir('mad-bin-');
  child = await startFakeMcpRemote(RUNNING);
  const dir = '.mcp-auth/mcp-remote-0.1.37';
  files = {
    running: [
      home.write(`${dir}/${md5(RUNNING)}_client_info.json`, { client_id: 'c1' }, 0o600),
      home.write(`${dir}/${md5(RUNNING)}_tokens.json`, { access_token: 'x' }, 0o600),
    ],
    lock: home.write(`${dir}/${md5(RUNNING)}_lock.json`, { pid: child.pid, port: 3334, timestamp: 1 }, 0o600),
    idle: [home.write(`${dir}/${md5(IDLE)}_tokens.json`, { access_token: 'y' }, 0o600)],
  };
  home.write('.config/Claude/claude_desktop_config.json', {
    mcpServers: {
      running: { command: 'npx', args: ['-y', 'mcp-remote', RUNNING] },
      idle: { command: 'npx', args: ['-y', 'mcp-remote', IDLE] },
    },
  });
});
afterEach(() => {
  child.kill('SIGKILL');
  home.cleanup();
  data.cleanup();
  bin.cleanup();
});

const deps = () => ({ dataDir: data.dir, processes: realProcessPort, clients: MCP_REMOTE_ONLY });

describe('a real running mcp-remote process', () => {
  it('is seen in the process list: its server is skipped without --force; another server is not held up', async () => {
    const listed = await realProcessPort.list();
    expect(listed.some((p) => p.pid === child.pid && (p.cmd ?? '').includes(RUNNING))).toBe(true);

    const scanned = await scan(home.ctx, { processes: realProcessPort });
    const plan = await planReset(home.ctx, scanned, { kind: 'server', urls: [RUNNING] });
    expect(plan.items.map((i) => i.path).sort()).toEqual([...files.running, files.lock].sort());
    const refused = await applyPlan(home.ctx, plan, deps(), { dryRun: false });
    expect(refused.runningClients).toEqual(['mcp-remote']);
    for (const item of refused.items) {
      expect(item.status).toBe('skipped');
      expect(item.reason).toMatch(
        /mcp-remote is running and rewrites its files: quit it first \(or use --force\)/,
      );
    }
    for (const f of [...files.running, files.lock]) expect(fs.existsSync(f)).toBe(true);

    const other = await planReset(home.ctx, scanned, { kind: 'server', urls: [IDLE] });
    const idle = await applyPlan(home.ctx, other, deps(), { dryRun: false });
    expect(idle.items.map((i) => i.status)).toEqual(['done']);
    expect(idle.runningClients).toEqual([]);
  });

  it('--force resets its files, but its lock file stays while the process lives', async () => {
    const scanned = await scan(home.ctx, { processes: realProcessPort });
    const plan = await planReset(home.ctx, scanned, { kind: 'server', urls: [RUNNING] });
    const forced = await applyPlan(home.ctx, plan, deps(), { dryRun: false, force: true });
    const byPath = new Map(forced.items.map((i) => [i.path, i]));
    for (const f of files.running) expect(byPath.get(f)!.status).toBe('done');
    expect(byPath.get(files.lock)!.status).toBe('skipped');
    expect(byPath.get(files.lock)!.reason).toBe(
      `${files.lock} is held by a running mcp-remote (pid ${child.pid}); left alone`,
    );
    expect(fs.existsSync(files.lock)).toBe(true);
  });

  it('through the CLI command (--json): exit 1, the running client named, nothing removed', async () => {
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, isTty: false };
    const command = createResetCommand({ scan, processes: () => realProcessPort, clients: MCP_REMOTE_ONLY });
    const code = await command.run({
      args: ['--server', RUNNING, '--yes'],
      ctx: home.ctx,
      io,
      json: true,
      dataDir: data.dir,
    });
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as ResetResult;
    expect(doc.runningClients).toEqual(['mcp-remote']);
    expect(doc.items.every((i) => i.status === 'skipped')).toBe(true);
    for (const f of files.running) expect(fs.existsSync(f)).toBe(true);
  });
});

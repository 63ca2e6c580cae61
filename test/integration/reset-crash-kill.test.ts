/**
 * A real kill: a child process runs a reset of a fake home and SIGKILLs itself right after one
 * step (no cleanup, no finally, the lock file left with a dead pid). A read-only run of the real
 * CLI in this process only reports the interrupted reset; the next command that changes files
 * rolls it back: the home is byte-for-byte as before, and no JSON file was ever left unparsable.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, cliHome, EU, type CliHome } from '../unit/reset/helpers/cli-home';
import { changedPaths, snapshotTree } from '../unit/reset/helpers/reset-fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

const CHILD = `
import { scan } from ${JSON.stringify(path.join(ROOT, 'src/scan/index.ts'))};
import { applyPlan, planReset } from ${JSON.stringify(path.join(ROOT, 'src/reset/index.ts'))};
const home = process.env.HOME;
const ctx = { home, env: { HOME: home }, platform: 'linux', now: () => new Date() };
const plan = await planReset(ctx, await scan(ctx), { kind: 'server', urls: [process.env.RESET_URL] });
await applyPlan(ctx, plan, {
  dataDir: process.env.MCP_AUTH_DOCTOR_DATA_DIR,
  hooks: { afterStep: (step) => { if (step === process.env.KILL_AFTER) process.kill(process.pid, 'SIGKILL'); } },
}, { dryRun: false });
process.stdout.write('finished without being killed\\n');
`;

let h: CliHome;
let script: string;

beforeEach(() => {
  h = cliHome();
  script = path.join(h.data.dir, '..', `${path.basename(h.data.dir)}-child.mts`);
  fs.writeFileSync(script, CHILD);
});
afterEach(() => {
  fs.rmSync(script, { force: true });
  h.cleanup();
});

function jsonFilesParse(root: string): string[] {
  return [...snapshotTree(root).entries()]
    .filter(([rel, desc]) => desc.startsWith('file') && rel.endsWith('.json'))
    .filter(([rel]) => {
      try {
        JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
        return false;
      } catch {
        return true;
      }
    })
    .map(([rel]) => rel);
}

// The reset of EU here: two mcp-remote files, then Claude Code's shared file (with a temp file).
describe.each(['backup:0', 'act:1', 'temp:2', 'act:2'])('killed after %s', (step) => {
  it('backups only reports it; the next CLI run that changes files rolls it back', async () => {
    const before = snapshotTree(h.home.home);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: h.home.home,
        MCP_AUTH_DOCTOR_DATA_DIR: h.data.dir,
        RESET_URL: EU,
        KILL_AFTER: step,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.stdout).toBe('');
    expect(jsonFilesParse(h.home.home)).toEqual([]);
    const lock = JSON.parse(fs.readFileSync(path.join(h.data.dir, 'reset.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).not.toBe(process.pid);
    // Killed after a backup, nothing in the home has changed yet; after an act or a temp file, it has.
    expect(changedPaths(before, snapshotTree(h.home.home)).length > 0).toBe(step !== 'backup:0');

    // A read-only command only says so; it changes nothing.
    const afterKill = snapshotTree(h.home.home);
    const list = await cli(h, ['backups']);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/was interrupted; its files are as the crash left them/);
    expect(list.stdout).toMatch(/interrupted, not yet rolled back/);
    expect(changedPaths(afterKill, snapshotTree(h.home.home))).toEqual([]);

    // The next command that changes files (here: undo) rolls it back first.
    const run = await cli(h, ['undo']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /An earlier reset \(server https:\/\/eu\.example\.com\/mcp, .*\) was interrupted; it has been rolled back/,
    );
    expect(run.stdout).toMatch(/Roll-back of the interrupted reset/);
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([]);
    expect(fs.existsSync(path.join(h.data.dir, 'reset.lock'))).toBe(false);
    expect((await cli(h, ['backups'])).stdout).toMatch(/interrupted, rolled back/);
  });
});

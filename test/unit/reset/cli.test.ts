import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createResetCommand } from '../../../src/cli/commands/reset';
import type { CliIo } from '../../../src/cli/io';
import { RESET_SCHEMA, UNDO_SCHEMA, type ResetResult, type UndoResult } from '../../../src/model/reset';
import { scan } from '../../../src/scan/index';
import { assertNoCanary } from '../../helpers/canary';
import { cli, cliHome, EU, US, type CliHome, type CliRun } from './helpers/cli-home';
import { changedPaths, snapshotTree } from './helpers/reset-fixtures';

let h: CliHome;
let before: Map<string, string>;

beforeEach(() => {
  h = cliHome();
  before = snapshotTree(h.home.home);
});
afterEach(() => h.cleanup());

function clean(run: CliRun): CliRun {
  assertNoCanary(run.stdout, 'stdout');
  assertNoCanary(run.stderr, 'stderr');
  return run;
}
const unchanged = (): string[] => changedPaths(before, snapshotTree(h.home.home));

describe('mcp-auth-doctor reset', () => {
  it('--dry-run --json prints the plan as reset@1 and changes nothing', async () => {
    const run = clean(
      await cli(h, ['reset', '--server', 'https://EU.example.com/mcp/', '--dry-run', '--json']),
    );
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as ResetResult;
    expect(doc.schema).toBe(RESET_SCHEMA);
    expect(doc.dryRun).toBe(true);
    expect(doc.backupId).toBeNull();
    expect(doc.items.map((i) => [i.action, i.path, i.entry, i.status])).toEqual([
      ['delete-file', h.files.euInfo, null, 'planned'],
      ['delete-file', h.files.euTokens, null, 'planned'],
      ['remove-entry', h.files.claudeCreds, '/mcpOAuth/eu|0123456789abcdef', 'planned'],
    ]);
    for (const item of doc.items)
      expect(Object.keys(item).sort()).toEqual(['action', 'credential', 'entry', 'path', 'reason', 'status']);
    expect(unchanged()).toEqual([]);
  });

  it('without --yes and without a terminal it refuses with exit 2 and changes nothing', async () => {
    const run = clean(await cli(h, ['reset', '--server', EU]));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pass --yes/);
    expect(run.stdout).toBe('');
    expect(unchanged()).toEqual([]);
    expect(fs.existsSync(`${h.data.dir}/backups`)).toBe(false);
  });

  it('on a terminal it shows the preview and asks; "no" changes nothing and exits 2, not 1 ("items failed")', async () => {
    const run = clean(await cli(h, ['reset', '--server', EU], false));
    expect(run.questions).toHaveLength(1);
    expect(run.questions[0]).toMatch(/Reset 3 item\(s\)\?/);
    expect(run.stderr).toContain('will remove entry');
    expect(run.stderr).toContain('Cancelled. Nothing was changed.');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(unchanged()).toEqual([]);
    expect(fs.existsSync(`${h.data.dir}/backups`)).toBe(false);
  });

  it('on a terminal, "yes" resets; the output names the backup and how to undo it', async () => {
    const run = clean(await cli(h, ['reset', '--server', EU], true));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ removed: ~\/\.mcp-auth\/mcp-remote-v1\/[0-9a-f]{32}_tokens\.json/);
    expect(run.stdout).toMatch(/Put everything back with: mcp-auth-doctor undo \d{8}T\d{6}Z-[0-9a-f]{6}/);
    expect(fs.existsSync(h.files.euTokens)).toBe(false);
    expect(fs.existsSync(h.files.usTokens)).toBe(true);
  });

  it('--yes --json resets; undo --json puts it all back byte-for-byte; backups lists it as restored', async () => {
    const reset = clean(await cli(h, ['reset', '--server', EU, '--yes', '--json']));
    expect(reset.code).toBe(0);
    const doc = JSON.parse(reset.stdout) as ResetResult;
    expect(doc.dryRun).toBe(false);
    expect(doc.items.map((i) => i.status)).toEqual(['done', 'done', 'done']);
    const creds = JSON.parse(fs.readFileSync(h.files.claudeCreds, 'utf8')) as {
      mcpOAuth: object;
      claudeAiOauth: object;
    };
    expect(Object.keys(creds.mcpOAuth)).toEqual(['us|fedcba9876543210']);
    expect(creds.claudeAiOauth).toBeDefined();

    const undo = clean(await cli(h, ['undo', '--json']));
    expect(undo.code).toBe(0);
    const undone = JSON.parse(undo.stdout) as UndoResult;
    expect(undone.schema).toBe(UNDO_SCHEMA);
    expect(undone.backupId).toBe(doc.backupId);
    expect(undone.items.map((i) => i.status)).toEqual(['restored', 'restored', 'restored']);
    expect(unchanged()).toEqual([]);

    const list = clean(await cli(h, ['backups', '--json']));
    const backups = JSON.parse(list.stdout) as {
      schema: string;
      backups: { id: string; restoredAt: string | null; itemCount: number }[];
    };
    expect(backups.schema).toBe('mcp-auth-doctor/backups@1');
    expect(backups.backups).toHaveLength(1);
    expect(backups.backups[0]).toMatchObject({ id: doc.backupId, itemCount: 3 });
    expect(backups.backups[0]!.restoredAt).not.toBeNull();

    const again = clean(await cli(h, ['undo']));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no backup left to restore/);
  });

  it('--client and --credential pick their credentials; --all everything', async () => {
    const ids = (await scan(h.home.ctx)).credentials;
    const cc = [...ids.values()].find(
      (c) => c.credential.client === 'claude-code' && c.credential.serverUrl === US,
    )!;
    const byId = JSON.parse(
      (await cli(h, ['reset', '--credential', cc.credential.id, '--dry-run', '--json'])).stdout,
    ) as ResetResult;
    expect(byId.items.map((i) => i.entry)).toEqual(['/mcpOAuth/us|fedcba9876543210']);
    const byClient = JSON.parse(
      (await cli(h, ['reset', '--client', 'mcp-remote', '--dry-run', '--json'])).stdout,
    ) as ResetResult;
    expect(byClient.items.map((i) => i.action)).toEqual([
      'delete-file',
      'delete-file',
      'delete-file',
      'delete-dir',
    ]);
    const all = JSON.parse((await cli(h, ['reset', '--all', '--dry-run', '--json'])).stdout) as ResetResult;
    expect(all.items).toHaveLength(6);
  });

  it('a server nobody holds: nothing to reset, exit 0', async () => {
    const run = clean(await cli(h, ['reset', '--server', 'https://nobody.example/mcp', '--yes']));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Nothing to reset for server https:\/\/nobody\.example\/mcp/);
  });

  it.each([
    [['reset'], /say what to reset/],
    [['reset', '--server', EU, '--client', 'codex'], /choose one kind of target/],
    [['reset', '--server', 'eu.example.com'], /--server needs a URL/],
    [['reset', '--server', 'ftp://eu.example.com/'], /needs an http\(s\) URL/],
    [['reset', '--client', 'netscape'], /unknown client 'netscape'/],
    [['reset', '--all', '--bogus'], /unknown argument '--bogus'/],
    [['reset', '--credential'], /a value is missing after --credential/],
    [['undo', 'a', 'b'], /at most one backup id/],
    [['undo', '../x'], /not a backup id/],
    [['backups', 'shred'], /unknown action 'shred'/],
    [['backups', 'purge', '--older-than', 'soon'], /--older-than needs a number/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const run = clean(await cli(h, argv));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(unchanged()).toEqual([]);
  });

  it('an unknown credential id is an error that says where ids come from', async () => {
    const run = clean(await cli(h, ['reset', '--credential', 'nope', '--yes']));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no credential with id nope in the scan; run scan to see the ids/);
  });

  it('exit 1 when a running client is in the way; the human output says to quit it', async () => {
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, isTty: false };
    const command = createResetCommand({
      scan,
      processes: () => ({ list: () => Promise.resolve([{ pid: 7, name: 'claude' }]), isAlive: () => false }),
      clients: [
        {
          id: 'claude-code',
          label: 'Claude Code',
          processNames: { all: ['claude'] },
          rewritesWhileRunning: true,
        },
      ],
    });
    const code = await command.run({
      args: ['--server', EU, '--yes'],
      ctx: h.home.ctx,
      io,
      json: false,
      dataDir: h.data.dir,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/Claude Code is running and rewrites its files: quit it first \(or use --force\)/);
    expect(stdout).toMatch(/Quit first: Claude Code/);
    expect(fs.existsSync(h.files.euTokens)).toBe(false);
    assertNoCanary(stdout);
  });
});

describe('mcp-auth-doctor backups', () => {
  it('purge --older-than removes old backups only; list shows the rest', async () => {
    await cli(h, ['reset', '--server', EU, '--yes']);
    const list = clean(await cli(h, ['backups']));
    expect(list.stdout).toMatch(/server https:\/\/eu\.example\.com\/mcp; 3 item\(s\), .*can be undone/);
    const keep = clean(await cli(h, ['backups', 'purge', '--json']));
    expect((JSON.parse(keep.stdout) as { removed: string[] }).removed).toEqual([]);
    const gone = clean(await cli(h, ['backups', 'purge', '--older-than', '0']));
    expect(gone.stdout).toMatch(/Removed 1 backup\(s\) older than 0 day\(s\)/);
    expect(gone.stdout).toMatch(/No backups\./);
  });
});

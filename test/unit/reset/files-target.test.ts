/**
 * The `files` target: only some files of one credential (a stale lock), through the real scan and
 * the CLI, on the same plan/apply path as every reset: the lock goes alone, the working sign-in
 * stays, a path that is not the credential's own is refused, and undo puts the lock back.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResetResult, ScanReport, UndoResult } from '../../../src/model/index';
import { readManifest } from '../../../src/reset/backup-store';
import { nodeFsPort } from '../../../src/reset/fs-port';
import { listBackups } from '../../../src/reset/index';
import { assertNoCanary } from '../../helpers/canary';
import { EU, cli, cliHome, md5, type CliHome } from './helpers/cli-home';
import { changedPaths, snapshotTree } from './helpers/reset-fixtures';

let h: CliHome;
let lock: string;
beforeEach(() => {
  h = cliHome();
  // A lock whose process is long gone.
  lock = h.home.write(`.mcp-auth/mcp-remote-v1/${md5(EU)}_lock.json`, {
    pid: 999_999,
    port: 3334,
    timestamp: 1,
  });
});
afterEach(() => h.cleanup());

async function credentialHolding(file: string): Promise<string> {
  const run = await cli(h, ['scan', '--json']);
  const report = JSON.parse(run.stdout) as ScanReport;
  const cred = report.clients.flatMap((c) => c.credentials).find((c) => c.files.some((f) => f.path === file));
  if (cred === undefined) throw new Error(`the scan gave ${file} to no credential`);
  return cred.id;
}

describe('reset --credential ID --file PATH', () => {
  it('removes the stale lock alone; the tokens and client_info stay; undo puts it back byte for byte', async () => {
    const id = await credentialHolding(lock);
    const lockBytes = fs.readFileSync(lock);
    const before = snapshotTree(h.home.home);

    const run = await cli(h, ['reset', '--credential', id, '--file', lock, '--yes', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as ResetResult;
    expect(result.items).toEqual([
      {
        credential: id,
        path: lock,
        entry: null,
        action: 'delete-file',
        status: 'done',
        reason: null,
      },
    ]);
    expect(fs.existsSync(lock)).toBe(false);
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([
      `.mcp-auth/mcp-remote-v1/${md5(EU)}_lock.json`,
    ]);
    expect(fs.existsSync(h.files.euInfo)).toBe(true);
    expect(fs.existsSync(h.files.euTokens)).toBe(true);

    // The manifest names the owner, so the backup reads well in a later session.
    const [backup] = await listBackups({ dataDir: h.data.dir });
    expect(backup?.label).toMatch(/^1 file of the mcp-remote sign-in/);
    const manifest = await readManifest(nodeFsPort, backup!.path);
    expect(manifest?.target).toEqual({ kind: 'files', credential: id, paths: [lock] });

    const undo = await cli(h, ['undo', '--json']);
    expect(undo.code).toBe(0);
    expect((JSON.parse(undo.stdout) as UndoResult).items.map((i) => [i.path, i.status])).toEqual([
      [lock, 'restored'],
    ]);
    expect(fs.readFileSync(lock).equals(lockBytes)).toBe(true);
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([]);
    assertNoCanary(run.stdout + run.stderr + undo.stdout + undo.stderr);
  });

  it("refuses a path that is not one of that credential's files, and never edits its shared file", async () => {
    const id = await credentialHolding(lock);
    const before = snapshotTree(h.home.home);
    const run = await cli(h, [
      'reset',
      '--credential',
      id,
      '--file',
      h.files.usTokens,
      '--file',
      h.files.claudeCreds,
      '--yes',
      '--json',
    ]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ResetResult;
    expect(result.backupId).toBeNull();
    expect(result.items.map((i) => [i.path, i.status, i.reasonCode])).toEqual([
      [h.files.usTokens, 'skipped', 'not-owned'],
      [h.files.claudeCreds, 'skipped', 'not-owned'],
    ]);
    expect(result.items[0]!.reason).toContain(`not one of the files of credential ${id}`);
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([]);
    expect(fs.readdirSync(h.data.dir).filter((n) => n !== 'backups' && !n.startsWith('.'))).toEqual([]);
  });

  it('the shared-file sign-in of Claude Code: naming its shared file is refused, the entry stays', async () => {
    const report = JSON.parse((await cli(h, ['scan', '--json'])).stdout) as ScanReport;
    const cc = report.clients.find((c) => c.id === 'claude-code')!.credentials[0]!;
    const text = fs.readFileSync(h.files.claudeCreds, 'utf8');
    const run = await cli(h, [
      'reset',
      '--credential',
      cc.id,
      '--file',
      h.files.claudeCreds,
      '--dry-run',
      '--json',
    ]);
    const result = JSON.parse(run.stdout) as ResetResult;
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      action: 'delete-file',
      status: 'skipped',
      reasonCode: 'not-owned',
    });
    expect(result.items[0]!.reason).toContain('shared');
    expect(fs.readFileSync(h.files.claudeCreds, 'utf8')).toBe(text);
  });

  it('--file needs exactly one --credential', async () => {
    const run = await cli(h, ['reset', '--file', lock, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--file');
    expect(fs.existsSync(lock)).toBe(true);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, listBackups, planReset, undoReset, type ResetDeps } from '../../../src/reset/index';
import { assertNoCanary } from '../../helpers/canary';
import { changedPaths, snapshotTree, tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome, type TypicalHome } from './helpers/typical-home';

let t: TypicalHome;
let data: TempDir;
let deps: ResetDeps;

beforeEach(() => {
  t = typicalHome();
  data = tempDir();
  deps = { dataDir: data.dir };
});
afterEach(() => {
  t.home.cleanup();
  data.cleanup();
});

async function resetServerA(): Promise<string> {
  const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
  const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
  expect(result.items.every((i) => i.status === 'done')).toBe(true);
  return result.backupId!;
}

describe('undo', () => {
  it('puts every file, entry and folder back byte-for-byte and mode-for-mode', async () => {
    const before = snapshotTree(t.home.home);
    const id = await resetServerA();
    expect(changedPaths(before, snapshotTree(t.home.home)).length).toBeGreaterThan(0);

    const undone = await undoReset(t.home.ctx, deps);
    expect(undone.backupId).toBe(id);
    expect(undone.items.every((i) => i.status === 'restored')).toBe(true);
    // one line per path: the two Gemini entries came back with their one file
    expect(undone.items.filter((i) => i.path === t.paths.geminiTokens)).toHaveLength(1);
    expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    expect(undone.replacedBackupId).toBeNull();
    assertNoCanary(JSON.stringify(undone), 'the undo result');

    const [summary] = await listBackups(deps);
    expect(summary!.restoredAt).not.toBeNull();
  });

  it('with no id, restores the newest backup that is not restored yet; then says there is none left', async () => {
    const first = await resetServerA();
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['mr-b'] });
    const second = (await applyPlan(t.home.ctx, plan, deps, { dryRun: false })).backupId!;
    expect((await undoReset(t.home.ctx, deps)).backupId).toBe(second);
    expect((await undoReset(t.home.ctx, deps)).backupId).toBe(first);
    await expect(undoReset(t.home.ctx, deps)).rejects.toThrow(/no backup left to restore/);
  });

  it('running undo twice is harmless: the second run finds everything in place', async () => {
    const id = await resetServerA();
    await undoReset(t.home.ctx, deps, { backupId: id });
    const again = await undoReset(t.home.ctx, deps, { backupId: id });
    expect(
      again.items.every((i) => i.status === 'skipped' && i.reason === 'already as it was before the reset'),
    ).toBe(true);
  });

  it('rejects ids that are not backup ids (no path tricks) and unknown ones', async () => {
    await expect(undoReset(t.home.ctx, deps, { backupId: '../../etc' })).rejects.toThrow(/not a backup id/);
    await expect(undoReset(t.home.ctx, deps, { backupId: '20260101T000000Z-abcdef' })).rejects.toThrow(
      /no backup 20260101T000000Z-abcdef/,
    );
  });

  it('refuses to overwrite a file the client has recreated, unless forced; force keeps the newer one in a backup', async () => {
    const original = fs.readFileSync(t.paths.aTokens);
    const id = await resetServerA();
    fs.writeFileSync(t.paths.aTokens, '{"access_token":"new-sign-in"}', { mode: 0o600 });

    const refused = await undoReset(t.home.ctx, deps, { backupId: id });
    const item = refused.items.find((i) => i.path === t.paths.aTokens)!;
    expect(item.status).toBe('skipped');
    expect(item.reason).toMatch(/created again since the reset.*undo --force/);
    expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toBe('{"access_token":"new-sign-in"}');
    // everything else was restored, and the backup is not marked restored yet
    expect(fs.existsSync(t.paths.aInfo)).toBe(true);
    expect((await listBackups(deps)).find((b) => b.id === id)!.restoredAt).toBeNull();

    const forced = await undoReset(t.home.ctx, deps, { force: true });
    expect(forced.backupId).toBe(id);
    expect(forced.items.find((i) => i.path === t.paths.aTokens)!.status).toBe('restored');
    expect(fs.readFileSync(t.paths.aTokens)).toEqual(original);
    expect(forced.replacedBackupId).not.toBeNull();

    // the replaced file is itself undoable
    const back = await undoReset(t.home.ctx, deps, { backupId: forced.replacedBackupId! });
    expect(back.items.map((i) => i.status)).toEqual(['restored']);
    expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toBe('{"access_token":"new-sign-in"}');
  });

  it('after a forced undo, a bare undo picks the next reset, never the backup of replaced files', async () => {
    const older = (
      await applyPlan(
        t.home.ctx,
        await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['mr-b'] }),
        deps,
        { dryRun: false },
      )
    ).backupId!;
    const id = await resetServerA();
    // (the reset removed the emptied cache folder; the client recreates it with its new sign-in)
    fs.mkdirSync(path.dirname(t.paths.aTokens), { recursive: true });
    fs.writeFileSync(t.paths.aTokens, '{"access_token":"new-sign-in"}', { mode: 0o600 });
    const forced = await undoReset(t.home.ctx, deps, { backupId: id, force: true });
    expect(forced.replacedBackupId).not.toBeNull();

    const next = await undoReset(t.home.ctx, deps);
    expect(next.backupId).toBe(older);
    expect(fs.existsSync(t.paths.bTokens)).toBe(true);
    await expect(undoReset(t.home.ctx, deps)).rejects.toThrow(/no backup left to restore/);
    // The replaced files stay restorable by their id.
    expect(fs.readFileSync(t.paths.aTokens, 'utf8')).not.toBe('{"access_token":"new-sign-in"}');
    await undoReset(t.home.ctx, deps, { backupId: forced.replacedBackupId! });
    expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toBe('{"access_token":"new-sign-in"}');
  });

  it('a forced undo of a shared file puts the removed entries back into the newer file, keeping its new keys', async () => {
    await resetServerA();
    const now = JSON.parse(fs.readFileSync(t.paths.claudeCreds, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    now.claudeAiOauth = { accessToken: 'renewed-login' };
    fs.writeFileSync(t.paths.claudeCreds, JSON.stringify(now, null, 2), { mode: 0o600 });

    const refused = await undoReset(t.home.ctx, deps);
    expect(refused.items.find((i) => i.path === t.paths.claudeCreds)!.reason).toMatch(
      /changed since the reset/,
    );
    const forced = await undoReset(t.home.ctx, deps, { force: true });
    expect(forced.items.find((i) => i.path === t.paths.claudeCreds)!.status).toBe('restored');
    const merged = JSON.parse(fs.readFileSync(t.paths.claudeCreds, 'utf8')) as Record<
      string,
      Record<string, unknown>
    >;
    expect(merged.claudeAiOauth).toEqual({ accessToken: 'renewed-login' });
    expect(Object.keys(merged.mcpOAuth!).sort()).toEqual(['eu|0123456789abcdef', 'us|fedcba9876543210']);
    expect(fs.statSync(t.paths.claudeCreds).mode & 0o777).toBe(0o600);
  });

  it('recreates a removed folder with its mode before the files in it', async () => {
    await resetServerA();
    expect(fs.existsSync(t.paths.oldDir)).toBe(false);
    await undoReset(t.home.ctx, deps);
    expect(fs.statSync(t.paths.oldDir).mode & 0o777).toBe(0o750);
    expect(fs.statSync(t.paths.aOld).mode & 0o777).toBe(0o644);
  });

  it('refuses a backup copy that was tampered with, and restores nothing from it', async () => {
    const id = await resetServerA();
    const files = path.join(data.dir, 'backups', id, 'files');
    fs.writeFileSync(path.join(files, '0'), 'tampered');
    const result = await undoReset(t.home.ctx, deps, { backupId: id });
    const item = result.items.find((i) => i.path === t.paths.aInfo)!;
    expect(item.status).toBe('failed');
    expect(item.reason).toMatch(/damaged/);
    expect(fs.existsSync(t.paths.aInfo)).toBe(false);
  });

  it('will not restore into a folder that now leads outside the client roots', async () => {
    const outside = tempDir('mad-outside-');
    try {
      await resetServerA();
      fs.rmSync(path.join(t.paths.mcpAuth, 'mcp-remote-v1'), { recursive: true });
      fs.symlinkSync(outside.dir, path.join(t.paths.mcpAuth, 'mcp-remote-v1'));
      const result = await undoReset(t.home.ctx, deps);
      const item = result.items.find((i) => i.path === t.paths.aInfo)!;
      expect(item.status).toBe('failed');
      expect(item.reason).toMatch(/outside the client's folders/);
      expect(fs.readdirSync(outside.dir)).toEqual([]);
    } finally {
      outside.cleanup();
    }
  });
});

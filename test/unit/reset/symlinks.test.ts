/**
 * Adversarial homes: links that lead out of the client's folders, and loops. Whatever the scan
 * reported, reset never acts through a link: what lies outside the home survives untouched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, undoReset, type ResetDeps } from '../../../src/reset/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import {
  changedPaths,
  scanOf,
  snapshotTree,
  tempDir,
  type CredSpec,
  type TempDir,
} from './helpers/reset-fixtures';

let home: FakeHome;
let outside: TempDir;
let data: TempDir;
let deps: ResetDeps;
let outsideBefore: Map<string, string>;

beforeEach(() => {
  home = makeFakeHome();
  outside = tempDir('mad-outside-');
  data = tempDir();
  deps = { dataDir: data.dir };
  fs.mkdirSync(path.join(outside.dir, 'cache'));
  fs.writeFileSync(path.join(outside.dir, 'cache', 'aaaa_tokens.json'), '{"access_token":"outside"}');
  fs.writeFileSync(path.join(outside.dir, 'secret.json'), '{"keep":"me"}');
  fs.writeFileSync(
    path.join(outside.dir, 'creds.json'),
    JSON.stringify({ claudeAiOauth: {}, mcpOAuth: { a: {} } }),
  );
  outsideBefore = snapshotTree(outside.dir);
});
afterEach(() => {
  expect(changedPaths(outsideBefore, snapshotTree(outside.dir))).toEqual([]);
  home.cleanup();
  outside.cleanup();
  data.cleanup();
});

async function resetAll(specs: CredSpec[]) {
  const plan = await planReset(home.ctx, scanOf(specs), { kind: 'all' });
  return { plan, result: await applyPlan(home.ctx, plan, deps, { dryRun: false }) };
}

describe('links out of the client folders', () => {
  it('a cache folder that is a link to a folder outside the home: nothing in it is touched', async () => {
    home.write('.mcp-auth/keep.txt', 'x');
    const link = home.symlink(path.join(outside.dir, 'cache'), '.mcp-auth/mcp-remote-v1');
    const file = path.join(link, 'aaaa_tokens.json');
    const { plan, result } = await resetAll([
      { id: 'a', client: 'mcp-remote', files: [file], roots: [home.p('.mcp-auth')] },
    ]);
    // no folder removal planned through the link either
    expect(plan.items.map((i) => i.action)).toEqual(['delete-file']);
    expect(result.items[0]!.status).toBe('skipped');
    expect(result.items[0]!.reason).toMatch(/outside mcp-remote's folders once symbolic links are followed/);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a token file that is a link to an outside file: the link is removed as a link, and undo puts the link back', async () => {
    const link = home.symlink(
      path.join(outside.dir, 'secret.json'),
      '.mcp-auth/mcp-remote-v1/aaaa_tokens.json',
    );
    home.write('.mcp-auth/mcp-remote-v1/bbbb_tokens.json', '{}');
    const before = snapshotTree(home.home);
    const { result } = await resetAll([
      { id: 'a', client: 'mcp-remote', files: [link], roots: [home.p('.mcp-auth')] },
    ]);
    expect(result.items.map((i) => i.status)).toEqual(['done']);
    expect(fs.existsSync(link)).toBe(false);
    expect(fs.readFileSync(path.join(outside.dir, 'secret.json'), 'utf8')).toBe('{"keep":"me"}');
    // the backup holds the link's target path, not the outside file's content
    const files = path.join(result.backupDir!, 'files');
    expect(fs.readdirSync(files)).toEqual(['0.symlink']);
    expect(fs.readFileSync(path.join(files, '0.symlink'), 'utf8')).toBe(
      path.join(outside.dir, 'secret.json'),
    );

    await undoReset(home.ctx, deps);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
  });

  it('a shared credentials file that is a link is never edited through the link', async () => {
    const link = home.symlink(path.join(outside.dir, 'creds.json'), '.claude/.credentials.json');
    const { result } = await resetAll([
      {
        id: 'c',
        client: 'claude-code',
        shared: { file: link, pointer: '/mcpOAuth/a' },
        roots: [home.p('.claude')],
      },
    ]);
    expect(result.items[0]!.status).toBe('skipped');
    expect(result.items[0]!.reason).toMatch(/is a symbolic link; a shared file is only edited in place/);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a folder swapped for an outside link between the scan and apply: refused', async () => {
    const file = home.write('.mcp-auth/mcp-remote-v1/aaaa_tokens.json', '{"access_token":"outside"}');
    const plan = await planReset(
      home.ctx,
      scanOf([{ id: 'a', client: 'mcp-remote', files: [file], roots: [home.p('.mcp-auth')] }]),
      { kind: 'all' },
    );
    fs.rmSync(home.p('.mcp-auth/mcp-remote-v1'), { recursive: true });
    fs.symlinkSync(path.join(outside.dir, 'cache'), home.p('.mcp-auth/mcp-remote-v1'));
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items.map((i) => i.status)).toEqual(['skipped', 'skipped']);
    expect(result.items[0]!.reason).toMatch(/outside mcp-remote's folders/);
  });

  it('a token file replaced by a link after the scan is refused as changed (neither link nor target touched)', async () => {
    const file = home.write('.mcp-auth/mcp-remote-v1/aaaa_tokens.json', '{"access_token":"x"}', 0o600);
    const plan = await planReset(
      home.ctx,
      scanOf([{ id: 'a', client: 'mcp-remote', files: [file], roots: [home.p('.mcp-auth')] }]),
      { kind: 'all' },
    );
    fs.rmSync(file);
    fs.symlinkSync(path.join(outside.dir, 'secret.json'), file);
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items[0]!.status).toBe('skipped');
    expect(result.items[0]!.reason).toMatch(/changed since the scan \(it is now a symbolic link/);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
    expect(result.backupId).toBeNull();
  });

  it('a cache sub-folder replaced by a link after planning its removal: neither the link nor its target is touched', async () => {
    const file = home.write('.mcp-auth/mcp-remote-0.1.37/aaaa_tokens.json', '{}');
    const plan = await planReset(
      home.ctx,
      scanOf([{ id: 'a', client: 'mcp-remote', files: [file], roots: [home.p('.mcp-auth')] }]),
      { kind: 'all' },
    );
    expect(plan.items.map((i) => i.action)).toEqual(['delete-file', 'delete-dir']);
    fs.rmSync(home.p('.mcp-auth/mcp-remote-0.1.37'), { recursive: true });
    fs.symlinkSync(path.join(outside.dir, 'cache'), home.p('.mcp-auth/mcp-remote-0.1.37'));
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items.map((i) => i.status)).toEqual(['skipped', 'skipped']);
    expect(result.items[1]!.reason).toMatch(/is now a symbolic link, not the folder the scan saw/);
    expect(fs.lstatSync(home.p('.mcp-auth/mcp-remote-0.1.37')).isSymbolicLink()).toBe(true);
  });
});

describe('link loops', () => {
  it('a file that is part of a link loop is removed as a link; the other half of the loop stays', async () => {
    const a = home.symlink('loop-b', '.mcp-auth/mcp-remote-v1/loop-a_tokens.json');
    const b = home.symlink('loop-a_tokens.json', '.mcp-auth/mcp-remote-v1/loop-b');
    const { result } = await resetAll([
      { id: 'a', client: 'mcp-remote', files: [a], roots: [home.p('.mcp-auth')] },
    ]);
    expect(result.items.map((i) => i.status)).toEqual(['done']);
    expect(fs.lstatSync(b).isSymbolicLink()).toBe(true);
  });

  it('a file reached through a folder that loops is not touched, and nothing crashes', async () => {
    home.write('.mcp-auth/keep.txt', 'x');
    const spin = home.symlink('spin', '.mcp-auth/spin');
    const inside = path.join(spin, 'aaaa_tokens.json');
    const plan = await planReset(home.ctx, scanOf([]), { kind: 'all' });
    expect(plan.items).toEqual([]);
    const forged = {
      ...plan,
      items: [
        {
          index: 0,
          credential: 'a',
          client: 'mcp-remote' as const,
          serverUrl: null,
          action: 'delete-file' as const,
          path: inside,
          entry: null,
          format: null,
          keys: [],
          expected: { sha256: 'x', mode: 0o600, bytes: 1 },
          roots: [fs.realpathSync(home.p('.mcp-auth'))],
        },
      ],
    };
    const result = await applyPlan(home.ctx, forged, deps, { dryRun: false });
    expect(result.items[0]!.status).toBe('skipped');
    expect(result.items[0]!.reason).toMatch(/loop of symbolic links/);
    expect(fs.lstatSync(spin).isSymbolicLink()).toBe(true);
  });
});

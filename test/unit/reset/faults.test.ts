import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, undoReset, type ResetDeps } from '../../../src/reset/index';
import { assertNoCanary } from '../../helpers/canary';
import { nodeFsPort, type FsPort } from '../../../src/reset/fs-port';
import { faultyFs } from './helpers/faulty-fs';
import { changedPaths, snapshotTree, tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome, type TypicalHome } from './helpers/typical-home';

let t: TypicalHome;
let data: TempDir;

beforeEach(() => {
  t = typicalHome();
  data = tempDir();
});
afterEach(() => {
  t.home.cleanup();
  data.cleanup();
});

const inBackups = (p: string): boolean => p.includes(`${path.sep}backups${path.sep}`);

async function resetWith(deps: ResetDeps) {
  const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
  return applyPlan(t.home.ctx, plan, deps, { dryRun: false });
}

function leftoverTemps(): string[] {
  return [...snapshotTree(t.home.home).keys()].filter((k) => k.endsWith('.tmp'));
}

describe('errors name the file and leave it as it was', () => {
  it('disk full while backing up a file: that file is not touched, the others are reset', async () => {
    const fsPort = faultyFs([
      { op: 'writeFile', when: (p) => inBackups(p) && p.endsWith(`files${path.sep}1`), code: 'ENOSPC' },
    ]);
    const before = fs.readFileSync(t.paths.aTokens);
    const result = await resetWith({ dataDir: data.dir, fs: fsPort });
    const item = result.items.find((i) => i.path === t.paths.aTokens)!;
    expect(item.status).toBe('failed');
    expect(item.reason).toContain(`could not back up ${t.paths.aTokens}, so it was not touched`);
    expect(item.reason).toContain('the disk is full');
    expect(fs.readFileSync(t.paths.aTokens)).toEqual(before);
    expect(result.items.filter((i) => i.status === 'done')).toHaveLength(result.items.length - 1);
    assertNoCanary(JSON.stringify(result), 'the reset result');
  });

  it('a file locked by another program (Windows EBUSY) fails with a plain message; undo restores only what was done', async () => {
    const before = snapshotTree(t.home.home);
    const fsPort = faultyFs([{ op: 'unlink', when: (p) => p === t.paths.aInfo, code: 'EBUSY' }]);
    const result = await resetWith({ dataDir: data.dir, fs: fsPort });
    const item = result.items.find((i) => i.path === t.paths.aInfo)!;
    expect(item.status).toBe('failed');
    expect(item.reason).toBe(
      `${t.paths.aInfo} is locked by another program (often the client itself) while removing it; quit the client and try again`,
    );
    expect(fs.existsSync(t.paths.aInfo)).toBe(true);

    const undone = await undoReset(t.home.ctx, { dataDir: data.dir });
    expect(undone.items.map((i) => i.path)).not.toContain(t.paths.aInfo);
    expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
  });

  it('permission denied when swapping in the rewritten shared file: the old file stays whole, no temp file left', async () => {
    const before = fs.readFileSync(t.paths.claudeCreds);
    const fsPort = faultyFs([{ op: 'rename', when: (p) => p === t.paths.claudeCreds, code: 'EACCES' }]);
    const result = await resetWith({ dataDir: data.dir, fs: fsPort });
    const item = result.items.find((i) => i.path === t.paths.claudeCreds)!;
    expect(item.status).toBe('failed');
    expect(item.reason).toBe(
      `permission denied while rewriting ${t.paths.claudeCreds}; nothing else was changed`,
    );
    expect(fs.readFileSync(t.paths.claudeCreds)).toEqual(before);
    expect(leftoverTemps()).toEqual([]);
  });

  it('disk full while writing the new content of a shared file: the old file stays whole', async () => {
    const before = fs.readFileSync(t.paths.geminiTokens);
    const fsPort = faultyFs([
      { op: 'writeFile', when: (p) => p.includes('mcp-oauth-tokens.json.mad-'), code: 'ENOSPC' },
    ]);
    const result = await resetWith({ dataDir: data.dir, fs: fsPort });
    const items = result.items.filter((i) => i.path === t.paths.geminiTokens);
    expect(items.map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(items[0]!.reason).toContain('the disk is full');
    expect(fs.readFileSync(t.paths.geminiTokens)).toEqual(before);
    expect(JSON.parse(fs.readFileSync(t.paths.geminiTokens, 'utf8'))).toHaveLength(3);
    expect(leftoverTemps()).toEqual([]);
  });

  it('permission denied reading a file at check time is a failed item naming the file', async () => {
    const fsPort = faultyFs([{ op: 'readFile', when: (p) => p === t.paths.aOld, code: 'EACCES' }]);
    const result = await resetWith({ dataDir: data.dir, fs: fsPort });
    const item = result.items.find((i) => i.path === t.paths.aOld)!;
    expect(item).toMatchObject({
      status: 'failed',
      reason: `permission denied while reading ${t.paths.aOld}; nothing else was changed`,
    });
    expect(fs.existsSync(t.paths.aOld)).toBe(true);
  });

  it('no room even for the backup folder: the reset stops before any change, with a clear message', async () => {
    const before = snapshotTree(t.home.home);
    const fsPort = faultyFs([{ op: 'mkdir', when: (p) => inBackups(p + path.sep), code: 'ENOSPC' }]);
    await expect(resetWith({ dataDir: data.dir, fs: fsPort })).rejects.toThrow(
      /the disk is full while creating the backup folder .*; nothing was changed/,
    );
    expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    expect(fs.existsSync(path.join(data.dir, 'reset.lock'))).toBe(false);
  });

  it('permission denied while undoing one file leaves the rest restored and says which file', async () => {
    await resetWith({ dataDir: data.dir });
    const fsPort = faultyFs([{ op: 'rename', when: (p) => p === t.paths.aTokens, code: 'EPERM' }]);
    const undone = await undoReset(t.home.ctx, { dataDir: data.dir, fs: fsPort });
    const item = undone.items.find((i) => i.path === t.paths.aTokens)!;
    expect(item.status).toBe('failed');
    expect(item.reason).toContain(`permission denied while restoring ${t.paths.aTokens}`);
    expect(fs.existsSync(t.paths.aTokens)).toBe(false);
    expect(fs.existsSync(t.paths.aInfo)).toBe(true);
    expect(leftoverTemps()).toEqual([]);
    // a later undo of the same backup finishes the job
    const again = await undoReset(t.home.ctx, { dataDir: data.dir });
    expect(again.items.find((i) => i.path === t.paths.aTokens)!.status).toBe('restored');
  });

  it('a client writing the file while it is being backed up: the file is left as the client wrote it', async () => {
    const port: FsPort = {
      ...nodeFsPort,
      async writeFile(p, d, o) {
        await nodeFsPort.writeFile(p, d, o);
        if (inBackups(p) && p.endsWith(`files${path.sep}3`)) {
          fs.writeFileSync(
            t.paths.claudeCreds,
            '{"claudeAiOauth":{},"mcpOAuth":{},"written":"by the client meanwhile"}',
          );
        }
      },
    };
    const result = await resetWith({ dataDir: data.dir, fs: port });
    const item = result.items.find((i) => i.path === t.paths.claudeCreds)!;
    expect(item.status).toBe('skipped');
    expect(item.reason).toMatch(/changed while it was being backed up/);
    expect(fs.readFileSync(t.paths.claudeCreds, 'utf8')).toContain('by the client meanwhile');
  });
});

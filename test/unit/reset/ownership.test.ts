/**
 * Owners survive a reset and its undo. These tests run as root (as the CLI does under sudo or in
 * a container): a file rewritten or recreated by root would belong to root, and a user whose
 * 0600 credentials file became root's could no longer read their own Claude login.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyPlan,
  planReset,
  recoverInterrupted,
  SimulatedCrash,
  undoReset,
} from '../../../src/reset/index';
import { cli, cliHome, EU, type CliHome } from './helpers/cli-home';
import { changedPaths, snapshotTree, tempDir } from './helpers/reset-fixtures';
import { SERVER_A, typicalHome } from './helpers/typical-home';

const USER = { uid: 1000, gid: 1000 };
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function owner(file: string): { uid: number; gid: number } {
  const st = fs.lstatSync(file);
  return { uid: st.uid, gid: st.gid };
}

/** Gives a whole tree to the user, as it is on a real machine. */
function chownTree(root: string): void {
  fs.lchownSync(root, USER.uid, USER.gid);
  if (!fs.lstatSync(root).isDirectory()) return;
  for (const name of fs.readdirSync(root)) chownTree(path.join(root, name));
}

/** Every entry below root with its owner, so "nothing changed" covers owners too. */
function owners(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of snapshotTree(root).keys()) {
    const o = owner(path.join(root, rel));
    out.set(rel, `${o.uid}:${o.gid}`);
  }
  return out;
}

describe.runIf(asRoot)('owners are kept (running as root)', () => {
  let h: CliHome;
  beforeEach(() => {
    h = cliHome();
    chownTree(h.home.p('.claude'));
    chownTree(h.home.p('.mcp-auth'));
  });
  afterEach(() => h.cleanup());

  it("Claude Code's credentials file stays the user's after reset --client claude-code and after undo", async () => {
    const mode = fs.statSync(h.files.claudeCreds).mode & 0o7777;
    const reset = await cli(h, ['reset', '--client', 'claude-code', '--yes']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/removed entry/);
    expect(owner(h.files.claudeCreds)).toEqual(USER);
    expect(fs.statSync(h.files.claudeCreds).mode & 0o7777).toBe(mode);

    const undo = await cli(h, ['undo']);
    expect(undo.code, undo.stderr).toBe(0);
    expect(owner(h.files.claudeCreds)).toEqual(USER);
    expect(fs.statSync(h.files.claudeCreds).mode & 0o7777).toBe(mode);
  });

  it("files a reset deleted come back with their owner; a folder undo has to recreate is the user's too", async () => {
    const bytes = new Map([h.files.euInfo, h.files.euTokens].map((f) => [f, fs.readFileSync(f)]));
    expect((await cli(h, ['reset', '--server', EU, '--yes'])).code).toBe(0);
    expect(fs.existsSync(h.files.euTokens)).toBe(false);
    // The cache folder went away too (by hand), so undo recreates it below the user's ~/.mcp-auth.
    fs.rmSync(path.dirname(h.files.euTokens), { recursive: true, force: true });
    expect((await cli(h, ['undo'])).code).toBe(0);
    for (const [file, data] of bytes) {
      expect(fs.readFileSync(file).equals(data)).toBe(true);
      expect(owner(file)).toEqual(USER);
    }
    expect(owner(path.dirname(h.files.euInfo))).toEqual(USER);
    expect(owner(h.files.claudeCreds)).toEqual(USER);
  });

  it("a forced undo that merges entries into a newer file keeps that file's owner", async () => {
    expect((await cli(h, ['reset', '--server', EU, '--yes'])).code).toBe(0);
    const now = JSON.parse(fs.readFileSync(h.files.claudeCreds, 'utf8')) as Record<string, unknown>;
    now.claudeAiOauth = { accessToken: 'renewed' };
    fs.writeFileSync(h.files.claudeCreds, JSON.stringify(now, null, 2));
    fs.chownSync(h.files.claudeCreds, USER.uid, USER.gid);
    const forced = await cli(h, ['undo', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(owner(h.files.claudeCreds)).toEqual(USER);
  });
});

describe.runIf(asRoot)('owners after a crash roll-back (running as root)', () => {
  it('the roll-back gives restored files back to their owner', async () => {
    const t = typicalHome();
    const { dir: data, cleanup } = tempDir();
    try {
      chownTree(t.home.p('.mcp-auth'));
      chownTree(t.home.p('.claude'));
      chownTree(t.home.p('.gemini'));
      const ownersBefore = owners(t.home.home);
      const before = snapshotTree(t.home.home);
      const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
      const crash = (s: string): void => {
        if (s === 'act:4') throw new SimulatedCrash(s);
      };
      await expect(
        applyPlan(t.home.ctx, plan, { dataDir: data, hooks: { afterStep: crash } }, { dryRun: false }),
      ).rejects.toBeInstanceOf(SimulatedCrash);
      // Claude Code's file was rewritten by root before the crash: it still is the user's.
      expect(owner(t.paths.claudeCreds)).toEqual(USER);
      await recoverInterrupted(t.home.ctx, { dataDir: data });
      expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
      expect(changedPaths(ownersBefore, owners(t.home.home))).toEqual([]);

      const again = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
      await applyPlan(t.home.ctx, again, { dataDir: data }, { dryRun: false });
      await undoReset(t.home.ctx, { dataDir: data });
      expect(changedPaths(ownersBefore, owners(t.home.home))).toEqual([]);
    } finally {
      t.home.cleanup();
      cleanup();
    }
  });
});

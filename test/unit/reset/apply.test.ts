import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, type ResetDeps } from '../../../src/reset/index';
import { readManifest } from '../../../src/reset/backup-store';
import { nodeFsPort } from '../../../src/reset/fs-port';
import { assertNoCanary } from '../../helpers/canary';
import { changedPaths, scanOf, snapshotTree, tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_A, SERVER_B, typicalHome, type TypicalHome } from './helpers/typical-home';

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

const json = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('reset --server', () => {
  it('plans every file and entry of that server in every client, and nothing of the other server', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), {
      kind: 'server',
      urls: ['HTTPS://EU.example.com:443/mcp/'],
    });
    const items = plan.items.map((i) =>
      `${i.action} ${path.relative(t.home.home, i.path)} ${i.entry ?? ''}`.trim(),
    );
    expect(items).toEqual([
      'delete-file .mcp-auth/mcp-remote-v1/aaaa_client_info.json',
      'delete-file .mcp-auth/mcp-remote-v1/aaaa_tokens.json',
      'delete-file .mcp-auth/mcp-remote-0.1.37/aaaa_tokens.json',
      'remove-entry .claude/.credentials.json /mcpOAuth/eu|0123456789abcdef',
      // highest index first, so the first removal does not shift the second
      'remove-entry .gemini/mcp-oauth-tokens.json /2',
      'remove-entry .gemini/mcp-oauth-tokens.json /0',
      // the old version folder holds nothing else; the current one still holds server B
      'delete-dir .mcp-auth/mcp-remote-0.1.37',
    ]);
  });

  it('a dry run reports the same items as planned and changes nothing anywhere', async () => {
    const before = snapshotTree(t.home.home);
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    const preview = await applyPlan(t.home.ctx, plan, deps, { dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(preview.backupId).toBeNull();
    expect(preview.items.map((i) => i.status)).toEqual(plan.items.map(() => 'planned'));
    expect(changedPaths(before, snapshotTree(t.home.home))).toEqual([]);
    expect(fs.readdirSync(data.dir)).toEqual([]);
  });

  it('applies the plan: files gone, shared files keep every other key and their mode, backup kept', async () => {
    const before = snapshotTree(t.home.home);
    const claudeBefore = json(t.paths.claudeCreds) as Record<string, unknown>;
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    const preview = await applyPlan(t.home.ctx, plan, deps, { dryRun: true });
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });

    expect(result.items.map((i) => i.status)).toEqual(plan.items.map(() => 'done'));
    expect(result.items.map(({ status: _s, ...rest }) => rest)).toEqual(
      preview.items.map(({ status: _s, ...rest }) => rest),
    );
    for (const f of [t.paths.aInfo, t.paths.aTokens, t.paths.aOld, t.paths.oldDir])
      expect(fs.existsSync(f)).toBe(false);
    for (const f of [t.paths.bInfo, t.paths.bTokens, t.paths.geminiLogin])
      expect(fs.existsSync(f)).toBe(true);

    const claude = json(t.paths.claudeCreds) as Record<string, Record<string, unknown>>;
    expect(Object.keys(claude)).toEqual(['claudeAiOauth', 'mcpOAuth', 'organizationUuid']);
    expect(Object.keys(claude.mcpOAuth!)).toEqual(['us|fedcba9876543210']);
    expect(claude.claudeAiOauth).toEqual(claudeBefore.claudeAiOauth);
    expect(fs.statSync(t.paths.claudeCreds).mode & 0o777).toBe(0o600);

    const gemini = json(t.paths.geminiTokens) as { serverName: string }[];
    expect(gemini.map((g) => g.serverName)).toEqual(['us']);
    expect(fs.statSync(t.paths.geminiTokens).mode & 0o777).toBe(0o640);

    const changed = changedPaths(before, snapshotTree(t.home.home));
    expect(changed).toEqual(
      [
        '.claude/.credentials.json',
        '.gemini/mcp-oauth-tokens.json',
        '.mcp-auth/mcp-remote-0.1.37',
        '.mcp-auth/mcp-remote-0.1.37/aaaa_tokens.json',
        '.mcp-auth/mcp-remote-v1/aaaa_client_info.json',
        '.mcp-auth/mcp-remote-v1/aaaa_tokens.json',
      ].sort(),
    );

    const dir = result.backupDir!;
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(data.dir, 'backups')).mode & 0o777).toBe(0o700);
    for (const f of fs.readdirSync(path.join(dir, 'files'))) {
      expect(fs.statSync(path.join(dir, 'files', f)).mode & 0o777).toBe(0o600);
    }
    const manifest = await readManifest(nodeFsPort, dir);
    expect(manifest?.status).toBe('complete');
    expect(manifest?.items.every((i) => i.status === 'done')).toBe(true);
    assertNoCanary(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), 'the manifest');
    assertNoCanary(JSON.stringify(result), 'the reset result');
    expect(fs.existsSync(path.join(dir, 'journal.jsonl'))).toBe(false);
    expect(fs.existsSync(path.join(data.dir, 'reset.lock'))).toBe(false);
  });

  it('matches a server URL despite case, default port and a trailing slash — not another host spelling', async () => {
    const scan = t.scan();
    const a = await planReset(t.home.ctx, scan, { kind: 'server', urls: ['https://EU.EXAMPLE.COM/mcp///'] });
    expect(new Set(a.credentials)).toEqual(new Set(['mr-a', 'mr-a-old', 'cc-a', 'gm-a', 'gm-a2']));
    const none = await planReset(t.home.ctx, scan, { kind: 'server', urls: ['https://eu.example.com/MCP'] });
    expect(none.items).toEqual([]);
  });
});

describe('targets', () => {
  it('--credential selects exactly that credential and rejects unknown ids', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['cc-b'] });
    expect(plan.items.map((i) => [i.action, i.entry])).toEqual([
      ['remove-entry', '/mcpOAuth/us|fedcba9876543210'],
    ]);
    await expect(planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['nope'] })).rejects.toThrow(
      /no credential with id nope/,
    );
  });

  it('--client selects every credential of that client; --all everything', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'client', ids: ['gemini-cli'] });
    expect(plan.items.map((i) => i.entry)).toEqual(['/2', '/1', '/0']);
    const all = await planReset(t.home.ctx, t.scan(), { kind: 'all' });
    expect(all.credentials.length).toBe(t.specs.length);
    // every mcp-remote file goes, so both version folders go too
    expect(
      all.items
        .filter((i) => i.action === 'delete-dir')
        .map((i) => path.basename(i.path))
        .sort(),
    ).toEqual(['mcp-remote-0.1.37', 'mcp-remote-v1']);
  });

  it('resetting every entry of a shared file leaves a file that still parses, with the other keys', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'all' });
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    expect(result.items.every((i) => i.status === 'done')).toBe(true);
    expect(json(t.paths.geminiTokens)).toEqual([]);
    expect(Object.keys(json(t.paths.claudeCreds) as object)).toEqual([
      'claudeAiOauth',
      'mcpOAuth',
      'organizationUuid',
    ]);
    expect(fs.existsSync(t.paths.mcpAuth)).toBe(true);
    expect(fs.readdirSync(t.paths.mcpAuth)).toEqual([]);
  });
});

describe('re-checks at apply time', () => {
  it('refuses a file that changed between the scan and apply, and still does the rest', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    fs.writeFileSync(t.paths.aTokens, JSON.stringify({ access_token: 'renewed' }));
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    const tokens = result.items.find((i) => i.path === t.paths.aTokens)!;
    expect(tokens.status).toBe('skipped');
    expect(tokens.reason).toContain('changed since the scan');
    expect(tokens.reason).toContain(t.paths.aTokens);
    expect(fs.readFileSync(t.paths.aTokens, 'utf8')).toContain('renewed');
    expect(result.items.find((i) => i.path === t.paths.aInfo)!.status).toBe('done');
  });

  it('refuses a shared file changed since the scan (a client wrote to it)', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['cc-a'] });
    const creds = json(t.paths.claudeCreds) as Record<string, unknown>;
    fs.writeFileSync(t.paths.claudeCreds, JSON.stringify({ ...creds, organizationUuid: 'org-2' }));
    const before = fs.readFileSync(t.paths.claudeCreds);
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    expect(result.items[0]!.status).toBe('skipped');
    expect(fs.readFileSync(t.paths.claudeCreds)).toEqual(before);
    expect(result.backupId).toBeNull();
    expect(fs.readdirSync(path.join(data.dir, 'backups'))).toEqual([]);
  });

  it('a file that is already gone is skipped as such', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'credential', ids: ['mr-b'] });
    fs.unlinkSync(t.paths.bInfo);
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    expect(result.items.map((i) => [i.status, i.reason])).toEqual([
      ['skipped', 'already gone'],
      ['done', null],
    ]);
  });

  it('names a running client that rewrites its files, skips its items, and --force overrides', async () => {
    const running: ResetDeps = {
      ...deps,
      processes: { list: () => Promise.resolve([{ pid: 42, name: 'claude' }]), isAlive: () => false },
      clients: [
        {
          id: 'claude-code',
          label: 'Claude Code',
          processNames: { all: ['claude'] },
          rewritesWhileRunning: true,
        },
        {
          id: 'mcp-remote',
          label: 'mcp-remote',
          processNames: { all: ['mcp-remote'] },
          rewritesWhileRunning: false,
        },
      ],
    };
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_B] });
    const preview = await applyPlan(t.home.ctx, plan, running, { dryRun: true });
    expect(preview.runningClients).toEqual(['claude-code']);
    const cc = preview.items.find((i) => i.path === t.paths.claudeCreds)!;
    expect(cc.status).toBe('skipped');
    expect(cc.reason).toMatch(/Claude Code is running .* quit it first \(or use --force\)/);
    expect(preview.items.find((i) => i.path === t.paths.bInfo)!.status).toBe('planned');

    const forced = await applyPlan(t.home.ctx, plan, running, { dryRun: false, force: true });
    expect(forced.items.find((i) => i.path === t.paths.claudeCreds)!.status).toBe('done');
  });

  it('a running mcp-remote only stands in the way of the server on its command line', async () => {
    const bridge = (cmd?: string): ResetDeps => ({
      ...deps,
      processes: {
        list: () => Promise.resolve([{ pid: 9, name: 'node', ...(cmd !== undefined ? { cmd } : {}) }]),
        isAlive: () => false,
      },
      clients: [
        {
          id: 'mcp-remote',
          label: 'mcp-remote',
          processNames: { all: ['mcp-remote'] },
          rewritesWhileRunning: true,
        },
      ],
    });
    const forB = bridge(`node /opt/node_modules/mcp-remote/dist/proxy.js ${SERVER_B} --debug`);
    const planA = await planReset(t.home.ctx, t.scan(), { kind: 'client', ids: ['mcp-remote'] });
    const preview = await applyPlan(t.home.ctx, planA, forB, { dryRun: true });
    const status = (p: string): string => preview.items.find((i) => i.path === p)!.status;
    expect(status(t.paths.aTokens)).toBe('planned');
    expect(status(t.paths.bTokens)).toBe('skipped');
    expect(preview.runningClients).toEqual(['mcp-remote']);

    const onlyA = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_A] });
    expect((await applyPlan(t.home.ctx, onlyA, forB, { dryRun: true })).runningClients).toEqual([]);
    // A process whose command line is unknown could be serving any server.
    const unknown = {
      ...bridge(),
      processes: { list: () => Promise.resolve([{ pid: 9, name: 'mcp-remote' }]), isAlive: () => false },
    };
    const blocked = await applyPlan(t.home.ctx, onlyA, unknown, { dryRun: true });
    expect(
      blocked.items.filter((i) => i.path.includes('.mcp-auth')).every((i) => i.status === 'skipped'),
    ).toBe(true);
  });

  it('leaves an mcp-remote lock file alone while its process lives, removes it when the process is gone', async () => {
    const lock = t.home.write('.mcp-auth/mcp-remote-v1/bbbb_lock.json', {
      pid: 4242,
      port: 1234,
      timestamp: 1,
    });
    const lease = t.home.write('.mcp-auth/mcp-remote-v1/bbbb_refresh_in_progress.json', {
      pid: 4343,
      nonce: 'n',
      at: 1,
    });
    const specs = t.specs.map((s) => (s.id === 'mr-b' ? { ...s, files: [...s.files!, lock, lease] } : s));
    const plan = await planReset(t.home.ctx, scanOf(specs), { kind: 'credential', ids: ['mr-b'] });
    const alive = (pid: number): boolean => pid === 4242;
    const result = await applyPlan(
      t.home.ctx,
      plan,
      { ...deps, processes: { list: () => Promise.resolve([]), isAlive: alive } },
      { dryRun: false },
    );
    const byPath = new Map(result.items.map((i) => [i.path, i]));
    expect(byPath.get(lock)!.status).toBe('skipped');
    expect(byPath.get(lock)!.reason).toContain('pid 4242');
    expect(byPath.get(lease)!.status).toBe('done');
    expect(fs.existsSync(lock)).toBe(true);
  });
});

describe('entries of one shared file', () => {
  it('are checked, backed up and rewritten together; an entry the file lacks fails alone', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'client', ids: ['claude-code'] });
    const forged = {
      ...plan,
      items: [
        ...plan.items,
        { ...plan.items[0]!, index: plan.items.length, credential: 'ghost', entry: '/mcpOAuth/ghost|0' },
      ],
    };
    const result = await applyPlan(t.home.ctx, forged, deps, { dryRun: false });
    expect(result.items.map((i) => [i.entry, i.status])).toEqual([
      ['/mcpOAuth/eu|0123456789abcdef', 'done'],
      ['/mcpOAuth/us|fedcba9876543210', 'done'],
      ['/mcpOAuth/ghost|0', 'failed'],
    ]);
    expect(result.items[2]!.reason).toMatch(/the entry \/mcpOAuth\/ghost\|0 is not in .*credentials\.json/);
    expect(fs.readdirSync(path.join(result.backupDir!, 'files'))).toEqual(['0']);
    expect(Object.keys((json(t.paths.claudeCreds) as { mcpOAuth: object }).mcpOAuth)).toEqual([]);
  });
});

describe('folders', () => {
  it("only mcp-remote's per-version cache folders are removed when emptied; other clients' folders stay", async () => {
    const token = t.home.write('.copilot/mcp-oauth-config/abc.json', { clientId: 'x' }, 0o600);
    const plan = await planReset(
      t.home.ctx,
      scanOf([{ id: 'cp', client: 'copilot-cli', files: [token], roots: [t.home.p('.copilot')] }]),
      { kind: 'all' },
    );
    expect(plan.items.map((i) => i.action)).toEqual(['delete-file']);
    await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    expect(fs.readdirSync(t.home.p('.copilot/mcp-oauth-config'))).toEqual([]);
  });
});

describe('lock files on Windows', () => {
  it('are not in use there (mcp-remote does not use them on win32): removed even if the pid is alive', async () => {
    const win = { ...t.home.ctx, platform: 'win32' as const };
    const lock = t.home.write('.mcp-auth/mcp-remote-v1/bbbb_lock.json', { pid: 4242, port: 1, timestamp: 1 });
    const specs = t.specs.map((s) => (s.id === 'mr-b' ? { ...s, files: [...s.files!, lock] } : s));
    const plan = await planReset(win, scanOf(specs), { kind: 'credential', ids: ['mr-b'] });
    const result = await applyPlan(
      win,
      plan,
      { ...deps, processes: { list: () => Promise.resolve([]), isAlive: () => true } },
      { dryRun: false },
    );
    expect(result.items.find((i) => i.path === lock)!.status).toBe('done');
  });
});

describe('nothing to do', () => {
  it('a server nobody holds gives an empty plan, and apply creates no backup', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), {
      kind: 'server',
      urls: ['https://nobody.example/mcp'],
    });
    const result = await applyPlan(t.home.ctx, plan, deps, { dryRun: false });
    expect(result.items).toEqual([]);
    expect(result.backupId).toBeNull();
  });

  it('refuses to run while another live process holds the reset lock', async () => {
    fs.writeFileSync(
      path.join(data.dir, 'reset.lock'),
      JSON.stringify({ pid: 1, token: 'x', startedAt: 'then' }),
    );
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_B] });
    await expect(
      applyPlan(
        t.home.ctx,
        plan,
        { ...deps, processes: { list: () => Promise.resolve([]), isAlive: () => true } },
        { dryRun: false },
      ),
    ).rejects.toThrow(/another reset or undo is running \(pid 1/);
    expect(fs.existsSync(t.paths.bInfo)).toBe(true);
  });
});

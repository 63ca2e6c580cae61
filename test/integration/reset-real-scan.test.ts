/**
 * Reset on top of the real scanner: a realistic home (several clients in their real formats, with
 * Claude's and Google's own logins and an AWS SSO sign-in beside the MCP state), scanned for real,
 * reset per server and all at once, then undone. What the scan does not call a credential is never
 * touched; Claude's own login survives; undo gives back the home byte-for-byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, undoReset, type ResetDeps } from '../../src/reset/index';
import { scan } from '../../src/scan/index';
import { assertNoCanary, canary } from '../helpers/canary';
import { buildDemoHome, DEMO_URLS, type DemoHome } from '../fixtures/homes/demo-home';
import { changedPaths, snapshotTree, tempDir, type TempDir } from '../unit/reset/helpers/reset-fixtures';
import { buildVscdb, readVscdb } from '../unit/reset/helpers/vscdb-fixture';

let home: DemoHome;
let data: TempDir;
let deps: ResetDeps;
let awsSso: string;

beforeEach(() => {
  home = buildDemoHome({ now: new Date('2026-11-26T12:00:00Z') });
  // An AWS IAM Identity Center sign-in in the folder Amazon Q shares with AWS: never ours.
  awsSso = home.write(
    '.aws/sso/cache/0123456789abcdef0123456789abcdef01234567.json',
    { accessToken: 'aws-sso', expiresAt: '2026-12-01T00:00:00Z' },
    0o600,
  );
  data = tempDir();
  deps = { dataDir: data.dir };
});
afterEach(() => {
  home.cleanup();
  data.cleanup();
});

const rel = (p: string): string => path.relative(home.home, p);

describe('reset over a real scan', () => {
  it('--server touches only what the scan attributes to that server, in every client', async () => {
    const scanned = await scan(home.ctx);
    const plan = await planReset(home.ctx, scanned, { kind: 'server', urls: [DEMO_URLS.atlasEu] });
    const clients = new Set(plan.items.map((i) => i.client));
    expect([...clients].sort()).toEqual(['codex', 'copilot-cli', 'mcp-remote']);

    const before = snapshotTree(home.home);
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items.filter((i) => i.status !== 'done')).toEqual([]);
    const allowed = new Set(plan.items.map((i) => rel(i.path)));
    expect(changedPaths(before, snapshotTree(home.home)).filter((p) => !allowed.has(p))).toEqual([]);
    // the US credentials, the old environment's, are still there
    for (const f of home.staleAtlasFiles) expect(fs.existsSync(f)).toBe(true);
    assertNoCanary(JSON.stringify(result), 'the reset result');

    await undoReset(home.ctx, deps);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
  });

  it('--all removes every credential the scan found, keeps logins and AWS sign-ins, and a rescan finds none', async () => {
    const scanned = await scan(home.ctx);
    const before = snapshotTree(home.home);
    const claudeBefore = JSON.parse(fs.readFileSync(home.claudeCredentialsFile, 'utf8')) as {
      claudeAiOauth: unknown;
    };
    const plan = await planReset(home.ctx, scanned, { kind: 'all' });
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items.filter((i) => i.status !== 'done')).toEqual([]);

    const claudeAfter = JSON.parse(fs.readFileSync(home.claudeCredentialsFile, 'utf8')) as {
      claudeAiOauth: unknown;
      mcpOAuth: object;
    };
    expect(claudeAfter.claudeAiOauth).toEqual(claudeBefore.claudeAiOauth);
    expect(claudeAfter.mcpOAuth).toEqual({});
    expect(fs.existsSync(home.p('.gemini/oauth_creds.json'))).toBe(true);
    expect(fs.readFileSync(awsSso, 'utf8')).toContain('aws-sso');
    expect(plan.items.map((i) => i.path)).not.toContain(home.malformedFile);

    const allowed = new Set(plan.items.map((i) => rel(i.path)));
    expect(changedPaths(before, snapshotTree(home.home)).filter((p) => !allowed.has(p))).toEqual([]);
    const rescan = await scan(home.ctx);
    expect(rescan.credentials.size).toBe(0);

    const undone = await undoReset(home.ctx, deps);
    expect(undone.items.every((i) => i.status === 'restored')).toBe(true);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
    expect((await scan(home.ctx)).credentials.size).toBe(scanned.credentials.size);
  });

  it('a VS Code sign-in: the provider and its secret rows leave state.vscdb, the rest of the database stays', async () => {
    const providers = [
      {
        providerId: 'https://auth.eu.example.com/ https://eu.example.com/mcp',
        label: 'EU',
        authorizationServer: 'https://auth.eu.example.com/',
        clientId: 'c-eu',
      },
      {
        providerId: 'https://auth.us.example.com/',
        label: 'US',
        authorizationServer: 'https://auth.us.example.com/',
        clientId: 'c-us',
      },
    ];
    const db = home.write(
      '.config/Code/User/globalStorage/state.vscdb',
      await buildVscdb(providers, () => canary('vscode')),
      0o600,
    );
    home.write('.config/Code/User/mcp.json', {
      servers: { eu: { type: 'http', url: 'https://eu.example.com/mcp' } },
    });
    const before = snapshotTree(home.home);
    const rowsBefore = await readVscdb(fs.readFileSync(db));

    const plan = await planReset(home.ctx, await scan(home.ctx), {
      kind: 'server',
      urls: ['https://eu.example.com/mcp'],
    });
    expect(plan.items.map((i) => [i.action, rel(i.path), i.entry])).toEqual([
      ['remove-entry', rel(db), '/dynamicAuthProviders/0'],
    ]);
    const result = await applyPlan(home.ctx, plan, deps, { dryRun: false });
    expect(result.items[0]!.status).toBe('done');
    const rowsAfter = await readVscdb(fs.readFileSync(db));
    expect([...rowsBefore.keys()].filter((k) => !rowsAfter.has(k)).sort()).toEqual(
      [
        `secret://dynamicAuthProvider:clientRegistration:${providers[0]!.providerId}`,
        `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: providers[0]!.providerId, clientId: 'c-eu' })}`,
      ].sort(),
    );
    expect(
      (JSON.parse(rowsAfter.get('dynamicAuthProviders')!) as { label: string }[]).map((p) => p.label),
    ).toEqual(['US']);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([rel(db)]);

    await undoReset(home.ctx, deps);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
  });
});

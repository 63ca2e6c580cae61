import { describe, expect, it } from 'vitest';
import {
  buildRows,
  filterRows,
  findingKey,
  knownServerUrls,
  previewCounts,
  previewItemState,
  sortRows,
  summarizeClients,
  summaryLine,
  visibleClients,
} from '../../renderer/src/store/derive';
import { INITIAL_FILTERS } from '../../renderer/src/store/selection-slice';
import { client, credential, finding, planView, scanReport } from './sample-records';

const report = scanReport(
  [
    client('mcp-remote', 'mcp-remote', [
      credential('old', { serverUrl: 'https://us.example.com/mcp', expiresAt: '2026-01-01T00:00:00.000Z' }),
      credential('new', { serverUrl: 'https://eu.example.com/mcp', expiresAt: '2026-12-30T00:00:00.000Z' }),
    ]),
    client('codex', 'Codex', [
      credential('cx', {
        client: 'codex',
        serverUrl: 'https://eu.example.com/mcp',
        issuer: 'https://zeta.example.com',
      }),
    ]),
    client('cursor', 'Cursor', [], false),
    client('vscode', 'VS Code', [], true),
  ],
  [
    finding({ code: 'orphaned-credential', severity: 'warning', credential: 'old' }),
    finding({ code: 'expired-token', severity: 'error', credential: 'old' }),
    finding({
      code: 'malformed-file',
      severity: 'error',
      client: 'codex',
      path: '/home/u/.codex/.credentials.json',
    }),
    finding({ code: 'secrets-in-keychain', severity: 'info', client: 'vscode' }),
  ],
);

describe('credential rows', () => {
  const rows = buildRows(report);

  it('gives each credential the worst severity of its findings and says what it is', () => {
    const old = rows.find((r) => r.credential.id === 'old')!;
    expect(old.status).toBe('error');
    expect(old.findings.map((f) => f.code)).toEqual(['expired-token', 'orphaned-credential']);
    expect(old.statusText).toBe('Sign-in has expired (+1)');
    expect(rows.find((r) => r.credential.id === 'new')!.status).toBe('ok');
    expect(rows.find((r) => r.credential.id === 'cx')!.clientLabel).toBe('Codex');
  });

  it('filters by client, server, status and free text', () => {
    const ids = (f: Partial<typeof INITIAL_FILTERS>) =>
      filterRows(rows, { ...INITIAL_FILTERS, ...f }).map((r) => r.credential.id);
    expect(ids({ client: 'codex' })).toEqual(['cx']);
    expect(ids({ server: 'https://eu.example.com/mcp' })).toEqual(['new', 'cx']);
    expect(ids({ status: 'problems' })).toEqual(['old']);
    expect(ids({ status: 'ok' })).toEqual(['new', 'cx']);
    expect(ids({ status: 'warning' })).toEqual([]);
    expect(ids({ text: 'ZETA' })).toEqual(['cx']);
    expect(ids({ text: 'client-new' })).toEqual(['new']);
  });

  it('sorts by each key in both directions, keeping ties in scan order', () => {
    const order = (key: Parameters<typeof sortRows>[1]['key'], dir: 'asc' | 'desc') =>
      sortRows(rows, { key, dir }).map((r) => r.credential.id);
    expect(order('expires', 'asc')).toEqual(['old', 'cx', 'new']);
    expect(order('expires', 'desc')).toEqual(['new', 'cx', 'old']);
    expect(order('client', 'asc')).toEqual(['cx', 'old', 'new']);
    expect(order('status', 'desc')).toEqual(['old', 'new', 'cx']);
    expect(order('issuer', 'desc')).toEqual(['cx', 'old', 'new']);
  });

  it('puts servers whose URL is unknown after every known one', () => {
    const withUnknown = buildRows(
      scanReport([
        client('mcp-remote', 'mcp-remote', [credential('u', { serverUrl: null }), credential('k')]),
      ]),
    );
    expect(sortRows(withUnknown, { key: 'server', dir: 'asc' }).map((r) => r.credential.id)).toEqual([
      'k',
      'u',
    ]);
  });

  it('handles 5,000 rows', () => {
    const many = scanReport([
      client(
        'mcp-remote',
        'mcp-remote',
        Array.from({ length: 5000 }, (_, i) =>
          credential(`c${i}`, { updatedAt: new Date(i * 1000).toISOString() }),
        ),
      ),
    ]);
    const sorted = sortRows(buildRows(many), { key: 'updated', dir: 'desc' });
    expect(sorted).toHaveLength(5000);
    expect(sorted[0]!.credential.id).toBe('c4999');
  });
});

describe('overview summary', () => {
  it('counts problems (not notes) per client and names the worst severity', () => {
    const summaries = summarizeClients(report);
    const byId = Object.fromEntries(summaries.map((s) => [s.id, s]));
    expect(byId['mcp-remote']).toMatchObject({ credentialCount: 2, problemCount: 2, worst: 'error' });
    expect(byId.codex).toMatchObject({ credentialCount: 1, problemCount: 1, worst: 'error' });
    expect(byId.vscode).toMatchObject({ problemCount: 0, worst: 'info' });
    expect(visibleClients(summaries).map((s) => s.id)).toEqual(['mcp-remote', 'codex', 'vscode']);
  });

  it('writes the summary line', () => {
    expect(summaryLine(report)).toBe('3 problems in 2 clients');
    expect(summaryLine(scanReport([], [finding({ code: 'stale-lock' })]))).toBe('1 problem in 1 client');
    expect(summaryLine(scanReport([], [finding({ code: 'secrets-in-keychain', severity: 'info' })]))).toBe(
      'No problems found.',
    );
  });

  it('lists every server URL once, and keys findings stably', () => {
    expect(knownServerUrls(report)).toEqual(['https://eu.example.com/mcp', 'https://us.example.com/mcp']);
    const f = report.findings[0]!;
    expect(findingKey(f)).toBe(findingKey({ ...f }));
    expect(findingKey(f)).not.toBe(findingKey(report.findings[1]!));
  });
});

describe('reset preview items', () => {
  it('tells items waiting for a running app from items reset will not touch', () => {
    const scan = scanReport([
      client('claude-code', 'Claude Code', [credential('cc', { client: 'claude-code' })]),
      client('mcp-remote', 'mcp-remote', [credential('mr')]),
    ]);
    const plan = planView('p', ['/a', '/b', '/c'], ['claude-code']);
    plan.items[0] = {
      ...plan.items[0]!,
      credential: 'cc',
      status: 'skipped',
      reason: 'Claude Code is running',
    };
    plan.items[1] = {
      ...plan.items[1]!,
      credential: 'mr',
      status: 'skipped',
      reason: 'changed since the scan',
    };
    plan.items[2] = { ...plan.items[2]!, credential: 'mr', status: 'planned' };
    expect(plan.items.map((i) => previewItemState(i, plan, scan))).toEqual([
      'waiting',
      'left-alone',
      'ready',
    ]);
    expect(previewCounts(plan, scan)).toEqual({ ready: 1, waiting: 1, 'left-alone': 1 });
    // With nothing running, a skipped item is simply left alone.
    expect(previewCounts({ ...plan, runningClients: [] }, scan)).toEqual({
      ready: 1,
      waiting: 0,
      'left-alone': 2,
    });
  });

  it('reads the reason code when there is one: a refusal of a running app’s file is not “waiting”', () => {
    const scan = scanReport([
      client('claude-code', 'Claude Code', [credential('cc', { client: 'claude-code' })]),
    ]);
    const plan = planView('p', ['/a', '/b'], ['claude-code']);
    plan.items[0] = {
      ...plan.items[0]!,
      credential: 'cc',
      status: 'skipped',
      reason: 'x',
      reasonCode: 'not-owned',
    };
    plan.items[1] = {
      ...plan.items[1]!,
      credential: 'cc',
      status: 'skipped',
      reason: 'y',
      reasonCode: 'client-running',
    };
    expect(plan.items.map((i) => previewItemState(i, plan, scan))).toEqual(['left-alone', 'waiting']);
  });
});

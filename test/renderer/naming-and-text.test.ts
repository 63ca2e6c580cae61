/**
 * How the window names things for people: paths under the home as `~`, a finding's CLI fix in the
 * app's terms, credentials by app and server (preview groups, backups), and which selected rows a
 * "Reset selected" may touch.
 */
import { describe, expect, it } from 'vitest';
import { appFixText } from '../../renderer/src/fix-text';
import { tildifyText } from '../../renderer/src/format';
import { plainReason } from '../../renderer/src/reset-words';
import { RETENTION_DAYS } from '../../renderer/src/retention';
import {
  backupTitle,
  buildRows,
  credentialOwner,
  describeResetTarget,
  filterRows,
  groupPreviewItems,
  visibleSelection,
} from '../../renderer/src/store/derive';
import { INITIAL_FILTERS } from '../../renderer/src/store/selection-slice';
import { DEFAULT_RETENTION_DAYS } from '../../src/reset/types';
import type { ResetItem } from '../../src/model/index';
import { client, credential, scanReport } from './sample-records';

describe('paths in sentences', () => {
  it('writes every path under the home as ~, and only whole paths', () => {
    const home = '/home/ann';
    expect(tildifyText('Cannot parse /home/ann/.cursor/mcp.json: bad JSON', home)).toBe(
      'Cannot parse ~/.cursor/mcp.json: bad JSON',
    );
    expect(tildifyText('both /home/ann/a and "/home/ann/b" and (/home/ann)', home)).toBe(
      'both ~/a and "~/b" and (~)',
    );
    expect(tildifyText('/home/anna/x and /x/home/ann/y stay', home)).toBe(
      '/home/anna/x and /x/home/ann/y stay',
    );
    expect(tildifyText('C:\\Users\\ann\\.codex\\auth.json', 'C:\\Users\\ann')).toBe('~\\.codex\\auth.json');
    expect(tildifyText('no home given /home/ann/a', '')).toBe('no home given /home/ann/a');
  });

  it('gives a reset reason in plain words, naming the file', () => {
    expect(plainReason({ path: '/home/u/a.json', reason: 'already being restored' }, '/home/u')).toBe(
      '~/a.json: already being restored.',
    );
    expect(plainReason({ path: '/home/u/a.json', reason: null }, '/home/u')).toBe(
      '~/a.json: no reason was given.',
    );
  });
});

describe('a finding’s fix in the app', () => {
  it('points a stale lock at the button instead of a terminal command, which stays as secondary text', () => {
    const fix = appFixText(
      'Quit every mcp-remote process for this server, then delete the lock (mcp-auth-doctor reset --credential mcp-remote-1a2b3c removes it with the rest of this credential).',
      'the “Reset this sign-in” button below',
    );
    expect(fix.text).toBe(
      'Quit every mcp-remote process for this server, then delete the lock (the “Reset this sign-in” button below removes it with the rest of this credential).',
    );
    expect(fix.text).not.toContain('mcp-auth-doctor');
    expect(fix.commands).toEqual(['mcp-auth-doctor reset --credential mcp-remote-1a2b3c']);
  });

  it('drops the CLI preview flag advice and keeps several credentials in one command', () => {
    const fix = appFixText(
      'Reset them: mcp-auth-doctor reset --credential a-1 --credential b-2 (add --dry-run to preview). The client then registers again.',
      'the button below',
    );
    expect(fix.text).toBe('Reset them: the button below. The client then registers again.');
    expect(fix.commands).toEqual(['mcp-auth-doctor reset --credential a-1 --credential b-2']);
  });

  it('leaves a fix without a command as it is', () => {
    expect(appFixText('Sign in again from Cursor.', 'x')).toEqual({
      text: 'Sign in again from Cursor.',
      commands: [],
    });
  });
});

const jira = credential('claude-code-9856a2ec4e62', {
  client: 'claude-code',
  serverName: 'jira',
  serverUrl: 'https://jira-old.example.com/mcp',
});
const atlas = credential('mcp-remote-77aa', { serverUrl: 'https://atlas.us.example.com/mcp' });
const scan = scanReport([
  client('claude-code', 'Claude Code', [jira]),
  client('mcp-remote', 'mcp-remote', [atlas]),
]);

describe('naming credentials and backups', () => {
  it('names a credential by app and server, or by app alone once it is gone', () => {
    expect(credentialOwner(jira.id, scan)).toEqual({
      clientLabel: 'Claude Code',
      serverName: 'jira',
      serverUrl: 'https://jira-old.example.com/mcp',
      issuer: 'https://auth.example.com',
      known: true,
    });
    expect(credentialOwner('claude-code-0000', scan)).toMatchObject({
      clientLabel: 'Claude Code',
      known: false,
    });
    expect(credentialOwner('nobody-1', scan)).toBeNull();
  });

  it('falls back to the issuer when the cache keeps no server URL, and keeps an app’s own case', () => {
    const hashed = credential('mcp-remote-0b', { serverUrl: null, issuer: 'https://auth.us.example.com' });
    const bare = credential('mcp-remote-0c', { serverUrl: null, issuer: null });
    const withHashed = scanReport([client('mcp-remote', 'mcp-remote', [hashed, bare])]);
    expect(describeResetTarget({ kind: 'credential', ids: [hashed.id] }, withHashed)).toBe(
      'mcp-remote sign-in with https://auth.us.example.com (server address not recorded)',
    );
    expect(describeResetTarget({ kind: 'credential', ids: [bare.id] }, withHashed)).toBe(
      'mcp-remote sign-in (server not recorded)',
    );
    expect(describeResetTarget({ kind: 'credential', ids: ['mcp-remote-gone'] }, withHashed)).toBe(
      'A sign-in saved by mcp-remote',
    );
  });

  it('groups the preview by the sign-in each file belongs to, in plan order', () => {
    const item = (credentialId: string | null, path: string): ResetItem => ({
      credential: credentialId,
      path,
      entry: null,
      action: 'delete-file',
      status: 'planned',
      reason: null,
    });
    const groups = groupPreviewItems(
      [item(atlas.id, '/a1'), item(jira.id, '/j'), item(atlas.id, '/a2'), item(null, '/lock')],
      scan,
    );
    expect(groups.map((g) => [g.title, g.items.map((i) => i.path)])).toEqual([
      ['mcp-remote sign-in for https://atlas.us.example.com/mcp', ['/a1', '/a2']],
      ['Claude Code sign-in for jira (https://jira-old.example.com/mcp)', ['/j']],
      ['Other files', ['/lock']],
    ]);
  });

  it('titles backups readably: the session’s name, else one read from the label, else none', () => {
    const b = (id: string, label: string) => ({ id, label });
    expect(backupTitle(b('x', 'credential gone-1'), scan, { x: 'Claude Code sign-in for jira' })).toBe(
      'Claude Code sign-in for jira',
    );
    expect(backupTitle(b('y', `credential ${jira.id}`), scan, {})).toBe(
      'Claude Code sign-in for jira (https://jira-old.example.com/mcp)',
    );
    expect(backupTitle(b('y', 'credential claude-code-0000 (interrupted, rolled back)'), scan, {})).toBe(
      'A sign-in saved by Claude Code (interrupted, rolled back)',
    );
    expect(backupTitle(b('z', 'server https://atlas.eu.example.com/mcp'), scan, {})).toBe(
      'Everything saved for https://atlas.eu.example.com/mcp',
    );
    expect(backupTitle(b('z', 'client mcp-remote'), scan, {})).toBe('Everything saved by mcp-remote');
    expect(backupTitle(b('z', 'every cached credential'), scan, {})).toBe('Every saved sign-in');
    expect(
      backupTitle(b('z', 'files replaced by undo of x'), scan, { x: 'Claude Code sign-in for jira' }),
    ).toBe('Files set aside when restoring “Claude Code sign-in for jira”');
    expect(backupTitle(b('z', 'credential nobody-1'), scan, {})).toBeNull();
  });
});

describe('reset selected', () => {
  it('acts only on the selected rows the filters show, and counts the hidden ones', () => {
    const rows = buildRows(scan);
    const selected = { [jira.id]: true, [atlas.id]: true } as const;
    const shown = filterRows(rows, { ...INITIAL_FILTERS, text: 'jira' });
    expect(visibleSelection(shown, selected)).toEqual({ ids: [jira.id], hidden: 1 });
    expect(visibleSelection(rows, selected)).toEqual({ ids: [jira.id, atlas.id], hidden: 0 });
  });
});

describe('backup retention shown in the window', () => {
  it('is the core’s default', () => {
    expect(RETENTION_DAYS).toBe(DEFAULT_RETENTION_DAYS);
  });
});

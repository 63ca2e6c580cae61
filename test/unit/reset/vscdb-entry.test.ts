import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, planReset, undoReset } from '../../../src/reset/index';
import { hasVscdbEntry, reinsertVscdbEntry, removeVscdbEntry } from '../../../src/reset/vscdb-entry';
import { canary } from '../../helpers/canary';
import { makeFakeHome } from '../../helpers/fake-home';
import { scanOf, snapshotTree, changedPaths, tempDir } from './helpers/reset-fixtures';
import { buildVscdb, readVscdb, type Provider } from './helpers/vscdb-fixture';

const F = '/home/u/.config/Code/User/globalStorage/state.vscdb';
const providers: Provider[] = [
  {
    providerId: 'https://eu.example.com/',
    label: 'EU',
    authorizationServer: 'https://eu.example.com/',
    clientId: 'c-eu',
  },
  {
    providerId: 'https://us.example.com/ https://us.example.com/mcp',
    label: 'US',
    authorizationServer: 'https://us.example.com/',
    clientId: 'c-us',
  },
];
const token = (): string => canary('vscode');

describe('removing a VS Code dynamic auth provider from state.vscdb', () => {
  it('removes the list element and its two secret rows, by provider id, and nothing else', async () => {
    const db = await buildVscdb(providers, token);
    const before = await readVscdb(db);
    const out = await removeVscdbEntry(
      db,
      `/dynamicAuthProviders/${providers[1]!.providerId.replace(/\//g, '~1')}`,
      F,
    );
    const after = await readVscdb(out);
    expect((JSON.parse(after.get('dynamicAuthProviders')!) as Provider[]).map((p) => p.label)).toEqual([
      'EU',
    ]);
    const gone = [...before.keys()].filter((k) => !after.has(k));
    expect(gone.sort()).toEqual(
      [
        `secret://dynamicAuthProvider:clientRegistration:${providers[1]!.providerId}`,
        `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: providers[1]!.providerId, clientId: 'c-us' })}`,
      ].sort(),
    );
    for (const [k, v] of after) if (k !== 'dynamicAuthProviders') expect(before.get(k)).toBe(v);
  });

  it('accepts an index pointer too, and knows when the entry is absent', async () => {
    const db = await buildVscdb(providers, token);
    const out = await removeVscdbEntry(db, '/dynamicAuthProviders/0', F);
    expect(
      (JSON.parse((await readVscdb(out)).get('dynamicAuthProviders')!) as Provider[]).map((p) => p.label),
    ).toEqual(['US']);
    expect(await hasVscdbEntry(out, '/dynamicAuthProviders/https:~1~1eu.example.com~1', F)).toBe(false);
    await expect(
      removeVscdbEntry(out, '/dynamicAuthProviders/https:~1~1eu.example.com~1', F),
    ).rejects.toThrow(/no longer in/);
  });

  it('refuses a file that is not a VS Code database', async () => {
    await expect(removeVscdbEntry(Buffer.from('not sqlite'), '/dynamicAuthProviders/0', F)).rejects.toThrow(
      /not a VS Code-style state database/,
    );
  });

  it('puts a provider and its secrets back into a newer database (forced undo)', async () => {
    const original = await buildVscdb(providers, token);
    const removed = await removeVscdbEntry(original, '/dynamicAuthProviders/0', F);
    const back = await readVscdb(
      await reinsertVscdbEntry(removed, original, { pointer: '/dynamicAuthProviders/0', keys: [] }, F),
    );
    expect(back).toEqual(await readVscdb(original));
  });
});

describe('reset and undo of a VS Code credential on disk', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('rewrites state.vscdb atomically with its mode, and undo restores it byte-for-byte', async () => {
    const home = makeFakeHome();
    const data = tempDir();
    cleanups.push(home.cleanup, data.cleanup);
    const file = home.write(
      '.config/Code/User/globalStorage/state.vscdb',
      await buildVscdb(providers, token),
      0o600,
    );
    const root = home.p('.config/Code/User');
    const scan = scanOf([
      {
        id: 'vs-eu',
        client: 'vscode',
        serverUrl: 'https://eu.example.com/mcp',
        shared: { file, pointer: '/dynamicAuthProviders/0', format: 'vscdb' },
        roots: [root],
      },
    ]);
    const before = snapshotTree(home.home);
    const plan = await planReset(home.ctx, scan, { kind: 'client', ids: ['vscode'] });
    const result = await applyPlan(home.ctx, plan, { dataDir: data.dir }, { dryRun: false });
    expect(result.items.map((i) => [i.action, i.status])).toEqual([['remove-entry', 'done']]);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([path.relative(home.home, file)]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(
      (JSON.parse((await readVscdb(fs.readFileSync(file))).get('dynamicAuthProviders')!) as Provider[])
        .length,
    ).toBe(1);

    const undone = await undoReset(home.ctx, { dataDir: data.dir });
    expect(undone.items).toEqual([{ path: file, status: 'restored', reason: null }]);
    expect(changedPaths(before, snapshotTree(home.home))).toEqual([]);
  });
});

describe('secret rows of extensions (Cursor, Windsurf) and rows the scan names', () => {
  const cursorRow = (field: string): string =>
    `secret://{"extensionId":"anysphere.cursor-mcp","key":"[user-eu] ${field}"}`;

  async function cursorDb(): Promise<Buffer> {
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)');
    for (const [k, v] of [
      [cursorRow('mcp_tokens'), token()],
      [cursorRow('mcp_client_information'), token()],
      [`secret://{"extensionId":"anysphere.cursor-mcp","key":"[user-us] mcp_tokens"}`, token()],
      ['cursorAuth/accessToken', token()],
      ['workbench.panel.width', '300'],
    ]) {
      db.run('INSERT INTO ItemTable (key, value) VALUES (?, ?)', [k!, v!]);
    }
    const out = Buffer.from(db.export());
    db.close();
    return out;
  }

  it('removes the row the pointer names and the rows the scan lists with it, nothing else', async () => {
    const db = await cursorDb();
    const { removeVscdbEntries } = await import('../../../src/reset/vscdb-entry');
    const { data, missing } = await removeVscdbEntries(
      db,
      [
        {
          pointer: `/${cursorRow('mcp_tokens').replace(/~/g, '~0').replace(/\//g, '~1')}`,
          keys: [cursorRow('mcp_client_information'), 'cursorAuth/accessToken'],
        },
      ],
      F,
    );
    expect(missing).toEqual([]);
    const left = [...(await readVscdb(data!)).keys()].sort();
    // a listed key that is not a secret:// row (Cursor's own sign-in) is never deleted
    expect(left).toEqual([
      'cursorAuth/accessToken',
      'secret://{"extensionId":"anysphere.cursor-mcp","key":"[user-us] mcp_tokens"}',
      'workbench.panel.width',
    ]);
  });

  it('refuses a database whose write-ahead log still holds changes, and one with a hot journal', async () => {
    const home = makeFakeHome();
    const data = tempDir();
    try {
      const file = home.write(
        '.config/Code/User/globalStorage/state.vscdb',
        await buildVscdb(providers, token),
        0o600,
      );
      const scan = scanOf([
        {
          id: 'vs',
          client: 'vscode',
          shared: { file, pointer: '/dynamicAuthProviders/0', format: 'vscdb' },
          roots: [home.p('.config/Code/User')],
        },
      ]);
      const plan = await planReset(home.ctx, scan, { kind: 'all' });
      fs.writeFileSync(`${file}-wal`, 'pages');
      let result = await applyPlan(home.ctx, plan, { dataDir: data.dir }, { dryRun: true });
      expect(result.items[0]!.status).toBe('skipped');
      expect(result.items[0]!.reason).toMatch(
        /state\.vscdb-wal holds changes VS Code has not yet written into the database; quit VS Code/,
      );
      fs.writeFileSync(`${file}-wal`, '');
      expect(
        (await applyPlan(home.ctx, plan, { dataDir: data.dir }, { dryRun: true })).items[0]!.status,
      ).toBe('planned');
      fs.writeFileSync(`${file}-journal`, '');
      result = await applyPlan(home.ctx, plan, { dataDir: data.dir }, { dryRun: false });
      expect(result.items[0]!.reason).toMatch(/state\.vscdb-journal holds changes/);
    } finally {
      home.cleanup();
      data.cleanup();
    }
  });
});

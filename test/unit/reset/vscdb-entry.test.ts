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
      /not a VS Code state database/,
    );
  });

  it('puts a provider and its secrets back into a newer database (forced undo)', async () => {
    const original = await buildVscdb(providers, token);
    const removed = await removeVscdbEntry(original, '/dynamicAuthProviders/0', F);
    const back = await readVscdb(await reinsertVscdbEntry(removed, original, '/dynamicAuthProviders/0', F));
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

/**
 * `reset --server URL` finds what the scan could not tie to a URL: an mcp-remote cache whose host
 * config entry is gone (found by the hash mcp-remote computes from the URL), and a VS Code
 * provider whose provider id names the URL.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResetResult } from '../../../src/model/reset';
import { mcpRemoteHashesFor, planReset } from '../../../src/reset/index';
import { scan } from '../../../src/scan/index';
import { assertNoCanary, canary } from '../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { cli, md5, type CliHome } from './helpers/cli-home';
import { changedPaths, scanOf, snapshotTree, tempDir } from './helpers/reset-fixtures';

const EU = 'https://eu.example.com/mcp';
const US = 'https://us.example.com/mcp';

describe('the hashes mcp-remote would use for a URL', () => {
  it('cover the URL as typed and as a config usually spells it', () => {
    const hashes = mcpRemoteHashesFor('HTTPS://EU.example.com/mcp/');
    for (const spelling of ['HTTPS://EU.example.com/mcp/', EU, `${EU}/`]) {
      expect(hashes.has(md5(spelling)), spelling).toBe(true);
    }
    expect(hashes.has(md5(US))).toBe(false);
  });
});

describe('reset --server on an mcp-remote cache with no host config', () => {
  let h: CliHome;
  let files: { euInfo: string; euTokens: string; usTokens: string };

  beforeEach(() => {
    const data = tempDir();
    const home = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: data.dir } });
    const dir = '.mcp-auth/mcp-remote-0.1.37';
    files = {
      euInfo: home.write(`${dir}/${md5(EU)}_client_info.json`, { client_id: 'old-eu' }, 0o600),
      euTokens: home.write(
        `${dir}/${md5(EU)}_tokens.json`,
        { access_token: canary('at'), token_type: 'bearer' },
        0o600,
      ),
      usTokens: home.write(`${dir}/${md5(US)}_tokens.json`, { access_token: canary('at') }, 0o600),
    };
    h = {
      home,
      data,
      files: { ...files, claudeCreds: '' },
      cleanup: () => {
        home.cleanup();
        data.cleanup();
      },
    };
  });
  afterEach(() => h.cleanup());

  it('the scan cannot name the server, yet the reset finds its files by hash, however the URL is spelled', async () => {
    const scanned = await scan(h.home.ctx);
    const mcpRemote = [...scanned.credentials.values()].filter((c) => c.credential.client === 'mcp-remote');
    expect(mcpRemote.length).toBeGreaterThan(0);
    expect(mcpRemote.every((c) => c.credential.serverUrl === null)).toBe(true);

    const before = snapshotTree(h.home.home);
    for (const url of [EU, 'HTTPS://EU.EXAMPLE.COM/mcp/']) {
      const run = await cli(h, ['reset', '--server', url, '--dry-run', '--json']);
      expect(run.code, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout) as ResetResult;
      expect(doc.items.map((i) => i.path).sort()).toEqual([files.euInfo, files.euTokens].sort());
      assertNoCanary(run.stdout + run.stderr);
    }
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([]);

    const run = await cli(h, ['reset', '--server', EU, '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(fs.existsSync(files.euInfo)).toBe(false);
    expect(fs.existsSync(files.euTokens)).toBe(false);
    expect(fs.existsSync(files.usTokens)).toBe(true);
    expect((await cli(h, ['undo'])).code).toBe(0);
    expect(changedPaths(before, snapshotTree(h.home.home))).toEqual([]);
  });
});

describe('reset --server on VS Code providers', () => {
  let home: FakeHome;
  beforeEach(() => {
    home = makeFakeHome();
  });
  afterEach(() => home.cleanup());

  it('matches a provider whose id (from its entry or its secret rows) names the URL', async () => {
    const db = home.write('.config/Code/User/globalStorage/state.vscdb', 'not read by the plan');
    const roots = [home.p('.config/Code/User/globalStorage')];
    const scanned = scanOf([
      {
        id: 'by-row',
        client: 'vscode',
        shared: {
          file: db,
          pointer: '/dynamicAuthProviders/0',
          format: 'vscdb',
          keys: [`secret://dynamicAuthProvider:clientRegistration:${EU}`],
        },
        roots,
      },
      {
        id: 'by-session',
        client: 'vscode',
        shared: {
          file: db,
          pointer: '/dynamicAuthProviders/1',
          format: 'vscdb',
          keys: [
            `secret://${JSON.stringify({ isDynamicAuthProvider: true, authProviderId: `https://auth.example.com/ ${EU}/`, clientId: 'c' })}`,
          ],
        },
        roots,
      },
      {
        id: 'by-pointer',
        client: 'vscode',
        shared: { file: db, pointer: `/dynamicAuthProviders/${EU.replace(/\//g, '~1')}`, format: 'vscdb' },
        roots,
      },
      {
        id: 'other',
        client: 'vscode',
        shared: {
          file: db,
          pointer: '/dynamicAuthProviders/2',
          format: 'vscdb',
          keys: [`secret://dynamicAuthProvider:clientRegistration:${US}`],
        },
        roots,
      },
    ]);
    const plan = await planReset(home.ctx, scanned, {
      kind: 'server',
      urls: ['https://EU.example.com/mcp/'],
    });
    expect(plan.credentials.sort()).toEqual(['by-pointer', 'by-row', 'by-session']);
    expect(plan.items.every((i) => i.serverUrl === 'https://EU.example.com/mcp/')).toBe(true);
  });
});

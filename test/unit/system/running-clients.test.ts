import { describe, expect, it } from 'vitest';
import { findRunningClients, matchRunningClients } from '../../../src/system/running-clients';
import type { Context, Platform } from '../../../src/context';
import type { ProcessInfo } from '../../../src/system/process-port';
import { assertNoCanary, canary } from '../../helpers/canary';
import { declaration } from './fake-ports';

const CLIENTS = [
  declaration('claude-desktop', { darwin: ['Claude'], win32: ['Claude.exe'] }),
  declaration('vscode', { darwin: ['Electron', 'Code Helper'], win32: ['Code.exe'], linux: ['code'] }),
  declaration('mcp-remote', { all: ['mcp-remote', 'proxy.js'] }),
  declaration('cursor', { all: ['Cursor', 'cursor'] }),
];

const ctxFor = (platform: Platform): Context => ({
  home: '/h',
  env: {},
  platform,
  now: () => new Date(0),
});

describe('matchRunningClients', () => {
  it('matches each OS by its own names, case-insensitively on Windows', () => {
    const windows: ProcessInfo[] = [
      { pid: 4, name: 'System' },
      { pid: 100, name: 'CLAUDE.EXE' },
      { pid: 101, name: 'code.exe' },
    ];
    expect(matchRunningClients(windows, CLIENTS, 'win32', 1)).toEqual(['claude-desktop', 'vscode']);
  });

  it('is case-sensitive on Linux and uses the `all` names when an OS has none', () => {
    const linux: ProcessInfo[] = [
      { pid: 10, name: 'Code' },
      { pid: 11, name: 'cursor' },
    ];
    expect(matchRunningClients(linux, CLIENTS, 'linux', 1)).toEqual(['cursor']);
  });

  it('finds mcp-remote inside a node command line, by a whole path segment', () => {
    const procs: ProcessInfo[] = [
      {
        pid: 20,
        name: 'node',
        cmd: 'node /home/a/.npm/_npx/abc/node_modules/.bin/mcp-remote https://x.example/mcp',
      },
      { pid: 21, name: 'node', cmd: 'node /srv/not-mcp-remote-at-all/server.js' },
    ];
    expect(matchRunningClients(procs, CLIENTS, 'linux', 1)).toEqual(['mcp-remote']);
    expect(matchRunningClients([procs[1]!], CLIENTS, 'linux', 1)).toEqual([]);
  });

  it('never counts its own process', () => {
    const procs: ProcessInfo[] = [
      { pid: 42, name: 'node', cmd: 'node mcp-auth-doctor reset --client mcp-remote' },
    ];
    expect(matchRunningClients(procs, CLIENTS, 'linux', 42)).toEqual([]);
    expect(matchRunningClients(procs, CLIENTS, 'linux', 7)).toEqual(['mcp-remote']);
  });

  it('reports a client once and in declaration order', () => {
    const procs: ProcessInfo[] = [
      { pid: 1, name: 'cursor' },
      { pid: 2, name: 'cursor' },
      { pid: 3, name: 'code' },
    ];
    expect(matchRunningClients(procs, CLIENTS, 'linux', 99)).toEqual(['vscode', 'cursor']);
  });
});

describe('findRunningClients', () => {
  it('returns client ids only, never a command line', async () => {
    const token = canary('bearer');
    const processes = {
      list: () =>
        Promise.resolve([
          {
            pid: 30,
            name: 'node',
            cmd: `node mcp-remote https://x.example/mcp --header "Authorization: Bearer ${token}"`,
          },
        ]),
      isAlive: () => true,
    };
    const result = await findRunningClients(ctxFor('darwin'), processes, CLIENTS);
    expect(result).toEqual({ running: ['mcp-remote'], error: null });
    assertNoCanary(JSON.stringify(result));
  });

  it('says the list is unknown (not empty) when the process list fails', async () => {
    const processes = {
      list: () => Promise.reject(new Error('spawn ps ENOENT\nmore detail')),
      isAlive: () => false,
    };
    const result = await findRunningClients(ctxFor('linux'), processes, CLIENTS);
    expect(result.running).toEqual([]);
    expect(result.error).toBe('could not list processes: spawn ps ENOENT');
  });
});

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
      { pid: 42, name: 'node', cmd: 'node /usr/lib/node_modules/.bin/mcp-remote https://x' },
    ];
    expect(matchRunningClients(procs, CLIENTS, 'linux', 42)).toEqual([]);
    expect(matchRunningClients(procs, CLIENTS, 'linux', 7)).toEqual(['mcp-remote']);
  });

  it('does not count a process whose later arguments merely name a client (finding 7)', () => {
    const codex = declaration('codex', { all: ['codex'] });
    const gemini = declaration('gemini-cli', { all: ['gemini', 'gemini-cli'] });
    const all = [...CLIENTS, codex, gemini];
    const bystanders: ProcessInfo[] = [
      {
        pid: 50,
        name: 'python3',
        cmd: "python3 -c 'import time;time.sleep(30)' /tmp/x/projects/codex/notes.md",
      },
      { pid: 51, name: 'node', cmd: 'node mcp-auth-doctor reset --client mcp-remote' },
      { pid: 52, name: 'vim', cmd: 'vim /home/a/src/mcp-remote/README.md /home/a/cursor' },
      { pid: 53, name: 'less', cmd: 'less /var/log/codex' },
      { pid: 54, name: 'node', cmd: 'node /srv/app/server.js --name gemini /opt/codex' },
      { pid: 55, name: 'bash', cmd: 'bash -c codex' },
      { pid: 56, name: 'grep', cmd: 'grep -r gemini-cli /home/a' },
      { pid: 57, name: 'node', cmd: 'node -e require("codex")' },
      { pid: 58, name: 'node', cmd: 'node /home/a/projects/codex/index.js' },
    ];
    for (const p of bystanders) expect(matchRunningClients([p], all, 'linux', 1), p.cmd).toEqual([]);
  });

  it('counts the executable, and a script client by its script argument only (finding 7)', () => {
    const codex = declaration('codex', { all: ['codex'] });
    const gemini = declaration('gemini-cli', { all: ['gemini', 'gemini-cli'] });
    const all = [...CLIENTS, codex, gemini];
    const cases: [ProcessInfo, string][] = [
      [{ pid: 60, name: 'codex', cmd: '/usr/local/bin/codex --model o4' }, 'codex'],
      [
        { pid: 61, name: 'node', cmd: 'node /usr/local/lib/node_modules/@openai/codex/bin/codex.js' },
        'codex',
      ],
      [{ pid: 62, name: 'node', cmd: 'node /usr/local/bin/codex' }, 'codex'],
      [{ pid: 63, name: 'node', cmd: 'node --no-warnings=DEP0040 /usr/bin/gemini' }, 'gemini-cli'],
      [
        { pid: 64, name: 'node', cmd: 'node /opt/node_modules/@google/gemini-cli/dist/index.js' },
        'gemini-cli',
      ],
      [
        { pid: 65, name: 'node', cmd: 'node /opt/node_modules/mcp-remote/dist/proxy.js https://x/mcp' },
        'mcp-remote',
      ],
      [{ pid: 66, name: 'bun', cmd: 'bun run /home/a/.bun/bin/codex' }, 'codex'],
      [{ pid: 67, name: 'python3', cmd: 'python3 /home/a/.local/bin/codex' }, 'codex'],
      [{ pid: 68, name: 'codex', cmd: '' }, 'codex'],
    ];
    for (const [p, id] of cases) expect(matchRunningClients([p], all, 'linux', 1), p.cmd).toEqual([id]);
  });

  it('reads Windows and macOS command lines: quoted paths, .exe, app bundles', () => {
    const codex = declaration('codex', { all: ['codex'], win32: ['codex.exe', 'codex'] });
    const vscodeMac = declaration('vscode', { darwin: ['Code', 'Code.app'] });
    expect(
      matchRunningClients(
        [
          {
            pid: 70,
            name: 'node.exe',
            cmd: '"C:\\Program Files\\nodejs\\node.exe" "C:\\Users\\John Smith\\AppData\\Roaming\\npm\\node_modules\\@openai\\codex\\bin\\codex.js"',
          },
        ],
        [codex],
        'win32',
        1,
      ),
    ).toEqual(['codex']);
    expect(
      matchRunningClients(
        [{ pid: 71, name: 'notepad.exe', cmd: 'notepad.exe C:\\Users\\a\\codex\\notes.txt' }],
        [codex],
        'win32',
        1,
      ),
    ).toEqual([]);
    expect(
      matchRunningClients(
        [
          {
            pid: 72,
            name: 'Electron',
            cmd: '/Applications/Visual Studio Code.app/Contents/MacOS/Electron --type=renderer',
          },
        ],
        [vscodeMac],
        'darwin',
        1,
      ),
    ).toEqual(['vscode']);
    expect(
      matchRunningClients(
        [
          {
            pid: 73,
            name: 'Preview',
            cmd: '/System/Applications/Preview.app/Contents/MacOS/Preview /Users/a/Code.app.png',
          },
        ],
        [vscodeMac],
        'darwin',
        1,
      ),
    ).toEqual([]);
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

/**
 * The real machine behind SystemPorts: PATH lookups in the context's env, short read-only
 * queries with a timeout, lstat-only file checks.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context';
import type { ClientDeclaration } from '../clients/types';
import { envValue } from './env';
import type { ProcessPort } from './process-port';
import type { CommandResult, SystemPorts } from './ports';

export interface RealPortsOptions {
  processes?: ProcessPort;
  clients?: readonly ClientDeclaration[];
  /** Per-command limit; a hung `reg` or `defaults` must not hang the check. */
  timeoutMs?: number;
}

const MAX_OUTPUT = 1024 * 1024;
const MAX_FILE = 64 * 1024;

/** Looks a command up on the context's PATH (with PATHEXT on Windows), like `which`. */
export function whichIn(ctx: Context, command: string): string | null {
  const pathVar = envValue(ctx, 'PATH');
  if (pathVar === null) return null;
  const delimiter = ctx.platform === 'win32' ? ';' : ':';
  const exts =
    ctx.platform === 'win32'
      ? (envValue(ctx, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '')
      : [''];
  for (const dir of pathVar.split(delimiter)) {
    if (dir === '') continue;
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      try {
        const st = fs.statSync(candidate);
        if (!st.isFile()) continue;
        if (ctx.platform !== 'win32') fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // Not here, or not executable: keep looking like the shell would.
      }
    }
  }
  return null;
}

/**
 * Where the OS keeps the query commands we run, for when the PATH a GUI app starts with lacks
 * them (macOS apps launched from Finder often have no /usr/sbin).
 */
function systemLocation(ctx: Context, command: string): string | null {
  const candidates: Record<string, string[]> =
    ctx.platform === 'darwin'
      ? { scutil: ['/usr/sbin/scutil'], defaults: ['/usr/bin/defaults'], open: ['/usr/bin/open'] }
      : ctx.platform === 'win32'
        ? { reg: [path.win32.join(envValue(ctx, 'SystemRoot') ?? 'C:\\Windows', 'System32', 'reg.exe')] }
        : {};
  return (candidates[command] ?? []).find((c) => fs.existsSync(c)) ?? null;
}

export function createRealSystemPorts(ctx: Context, options: RealPortsOptions = {}): SystemPorts {
  const timeout = options.timeoutMs ?? 5000;
  return {
    which: (command) => Promise.resolve(whichIn(ctx, command)),
    run: (command, args) =>
      new Promise<CommandResult>((resolve) => {
        const resolved = path.isAbsolute(command)
          ? command
          : (whichIn(ctx, command) ?? systemLocation(ctx, command));
        if (resolved === null) {
          resolve({ code: null, stdout: '', stderr: `${command}: not found on PATH` });
          return;
        }
        execFile(
          resolved,
          [...args],
          {
            env: { ...ctx.env },
            timeout,
            maxBuffer: MAX_OUTPUT,
            windowsHide: true,
            encoding: 'utf8',
          },
          (err, stdout, stderr) => {
            const code =
              err === null ? 0 : typeof err.code === 'number' && err.killed !== true ? err.code : null;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    readFile: async (file) => {
      try {
        const st = await fs.promises.lstat(file);
        if (!st.isFile()) return null;
        // procfs files report size 0, so read up to a cap instead of trusting st.size.
        const handle = await fs.promises.open(file, 'r');
        try {
          const buffer = Buffer.alloc(MAX_FILE);
          const { bytesRead } = await handle.read(buffer, 0, MAX_FILE, 0);
          return buffer.subarray(0, bytesRead).toString('utf8');
        } finally {
          await handle.close();
        }
      } catch {
        return null;
      }
    },
    fileExists: (file) =>
      fs.promises.stat(file).then(
        (st) => st.isFile(),
        () => false,
      ),
    ...(options.processes !== undefined ? { processes: options.processes } : {}),
    ...(options.clients !== undefined ? { clients: options.clients } : {}),
  };
}

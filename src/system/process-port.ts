/**
 * The process list as a port: the real one (ps-list / platform command) is supplied by the shell,
 * tests hand in each OS's answers.
 */
import type { Platform } from '../context';
import type { ClientId } from '../model/scan';
import { pathIsProgram, scriptArgument, splitExecutable } from './command-line';

export interface ProcessInfo {
  pid: number;
  /** Executable name as the OS reports it (e.g. `Code.exe`, `Claude`, `node`). */
  name: string;
  /** Full command line when available (lets us tell `node …/mcp-remote` from other node processes). */
  cmd?: string;
}

export interface ProcessPort {
  list: () => Promise<ProcessInfo[]>;
  /** Whether a process with this pid exists now (used for lock files). */
  isAlive: (pid: number) => boolean;
}

/**
 * Match a process against per-OS program names; case-insensitive on Windows and macOS. The
 * process is the program when its name or its executable (argv[0]) is, or when an interpreter
 * (node, bun, python…) runs the program's script (argv[1], e.g. `node …/bin/mcp-remote`). Later
 * arguments never count: `vim ~/codex/notes.md` is not Codex.
 */
export function processMatches(proc: ProcessInfo, names: readonly string[], platform: Platform): boolean {
  const fold = (s: string): string => (platform === 'linux' ? s : s.toLowerCase());
  const procName = fold(proc.name);
  const cmd = proc.cmd?.trim() ?? '';
  const [executable, rest] = cmd !== '' ? splitExecutable(cmd, proc.name, fold) : ['', ''];
  const script = executable !== '' ? scriptArgument(executable, rest) : null;
  return names.some((name) => {
    if (procName === fold(name)) return true;
    if (executable !== '' && pathIsProgram(executable, name, fold)) return true;
    return script !== null && pathIsProgram(script, name, fold);
  });
}

export type RunningClients = ClientId[];

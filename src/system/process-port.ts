/**
 * The process list as a port: the real one (ps-list / platform command) is supplied by the shell,
 * tests hand in each OS's answers.
 */
import type { Platform } from '../context';
import type { ClientId } from '../model/scan';

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

/** Match a process list against per-OS executable names; case-insensitive on Windows and macOS. */
export function processMatches(proc: ProcessInfo, names: readonly string[], platform: Platform): boolean {
  const fold = (s: string): string => (platform === 'linux' ? s : s.toLowerCase());
  const procName = fold(proc.name);
  const cmd = proc.cmd !== undefined ? fold(proc.cmd) : '';
  return names.some((raw) => {
    const name = fold(raw);
    if (procName === name) return true;
    // Command lines name scripts (e.g. `node /…/bin/mcp-remote`): match a whole path segment.
    return cmd.split(/[\s/\\]+/).some((part) => part === name);
  });
}

export type RunningClients = ClientId[];

/**
 * What the system checks need from the machine, as ports: the CLI and Electron hand in the real
 * ones (real-ports.ts), tests hand in each OS's answers without running on that OS.
 */
import type { ClientDeclaration } from '../clients/types';
import type { ProcessPort } from './process-port';

export interface CommandResult {
  /** Exit code; null when the command could not be started or was killed (timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SystemPorts {
  /** Absolute path of a command found on PATH, or null. */
  which: (command: string) => Promise<string | null>;
  /** Runs a read-only query command (never one that opens or changes anything). */
  run: (command: string, args: readonly string[]) => Promise<CommandResult>;
  /** A small regular file's text (e.g. /proc/version), or null; a symlink is not followed. */
  readFile: (path: string) => Promise<string | null>;
  /**
   * Whether a file exists where a program opening this path would find it (used for
   * NODE_EXTRA_CA_CERTS, which is often a symlink into /etc/ssl). Nothing is read.
   */
  fileExists: (path: string) => Promise<boolean>;
  /** The process list; without it running clients are not checked. */
  processes?: ProcessPort;
  /** Client declarations whose process names mean "running". */
  clients?: readonly ClientDeclaration[];
}

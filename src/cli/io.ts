/** Where the CLI writes, injectable so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is an interactive terminal. */
  isTty: boolean;
  /** Ask a yes/no question on the terminal; undefined when there is no terminal to ask on. */
  confirm?: (question: string) => Promise<boolean>;
}

export interface Style {
  bold: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  dim: (s: string) => string;
}

const plain = (s: string): string => s;
const wrap =
  (open: number, close: number) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(io: CliIo, env: Readonly<Record<string, string | undefined>>): Style {
  const colour = io.isTty && (env.NO_COLOR === undefined || env.NO_COLOR === '');
  if (!colour) return { bold: plain, red: plain, yellow: plain, green: plain, dim: plain };
  return {
    bold: wrap(1, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    dim: wrap(2, 22),
  };
}

/** Exit statuses (cli-contract.md). */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_ERROR = 2;

export class UsageError extends Error {}

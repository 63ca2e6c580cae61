/**
 * The `mcp-auth-doctor` command line. Parses global flags, then hands over to one command.
 * Exit codes: 0 nothing wrong, 1 problems found, 2 usage or runtime error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLIENTS } from '../clients/registry';
import { envForInspectedHome } from '../paths/inspected-home';
import { redactText } from '../redact/index';
import { contextFromProcess, isPlatform, type Context } from '../context';
import { appDataDir } from '../util/data-dir';
import { COMMANDS } from './commands/index';
import { EXIT_ERROR, EXIT_OK, UsageError, type CliIo } from './io';
import { VERSION } from '../version';

export interface MainOptions {
  argv: string[];
  io: CliIo;
  /** Defaults to the real machine; tests pass a fake home. */
  baseContext?: Context;
}

function usage(): string {
  const lines = [
    'Usage: mcp-auth-doctor <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(9)} ${c.summary}`),
    '',
    'Global options:',
    '  --home DIR                  inspect another home folder (default: yours)',
    '  --platform darwin|win32|linux  read that home with that OS layout',
    '  --json                      print exactly one JSON document',
    '  --help, --version',
    '',
    'Exit status: 0 nothing wrong, 1 problems found, 2 usage or runtime error.',
  ];
  return lines.join('\n') + '\n';
}

interface GlobalFlags {
  home?: string;
  platform?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

function takeGlobalFlags(argv: string[]): GlobalFlags {
  const flags: GlobalFlags = { json: false, help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--home') flags.home = value();
    else if (name === '--platform') flags.platform = value();
    else if (name === '--json') flags.json = true;
    else if (name === '--help' || name === '-h') flags.help = true;
    else if (name === '--version' || name === '-V') flags.version = true;
    else flags.rest.push(arg);
  }
  return flags;
}

/**
 * `--home /tmp/a/../a/home`, `/tmp//a/home`, `home/`: one absolute spelling, so every path the
 * scan builds starts with it and reports can show it as `~`. A Windows-style home read on another
 * OS (`--platform win32`) keeps Windows rules.
 */
export function normaliseHome(home: string): string {
  return /^[A-Za-z]:[\\/]|^\\\\/.test(home) ? path.win32.resolve(home) : path.resolve(home);
}

export async function runCli({ argv, io, baseContext }: MainOptions): Promise<number> {
  let flags: GlobalFlags;
  try {
    flags = takeGlobalFlags(argv);
  } catch (err) {
    io.stderr(`mcp-auth-doctor: ${(err as Error).message}\n${usage()}`);
    return EXIT_ERROR;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const [name, ...args] = flags.rest;
  const command = COMMANDS.find((c) => c.name === name);
  if (name === undefined || flags.help) {
    io.stdout(command ? `${command.usage}\n` : usage());
    return name === undefined && !flags.help ? EXIT_ERROR : EXIT_OK;
  }
  if (!command) {
    io.stderr(`mcp-auth-doctor: unknown command '${name}'\n${usage()}`);
    return EXIT_ERROR;
  }
  if (flags.platform !== undefined && !isPlatform(flags.platform)) {
    io.stderr(`mcp-auth-doctor: --platform must be darwin, win32 or linux (got '${flags.platform}')\n`);
    return EXIT_ERROR;
  }
  const base = baseContext ?? contextFromProcess();
  let ctx: Context = {
    ...base,
    ...(flags.platform !== undefined ? { platform: flags.platform } : {}),
  };
  if (flags.home !== undefined) {
    const home = normaliseHome(flags.home);
    const problem = homeProblem(home);
    if (problem !== null) {
      io.stderr(`mcp-auth-doctor: --home ${flags.home}: ${problem}\n`);
      if (flags.json) io.stdout(errorDocument(command.name, `--home ${flags.home}: ${problem}`));
      return EXIT_ERROR;
    }
    ctx = { ...ctx, home, env: envForInspectedHome(base.env, home, CLIENTS) };
  }
  try {
    return await command.run({ args, ctx, io, json: flags.json, dataDir: appDataDir(base) });
  } catch (err) {
    // Messages can quote what the user typed (a URL with ?token=...): never echo a secret.
    const message = redactText(err instanceof Error ? err.message : String(err), { env: ctx.env });
    if (err instanceof UsageError) {
      io.stderr(`mcp-auth-doctor ${command.name}: ${message}\n${command.usage}\n`);
    } else {
      io.stderr(`mcp-auth-doctor ${command.name}: ${message}\n`);
    }
    // --json promises exactly one document on stdout, failures included.
    if (flags.json) io.stdout(errorDocument(command.name, message));
    return EXIT_ERROR;
  }
}

/** Why a --home folder cannot be inspected, or null. A typo must not look like a clean machine. */
function homeProblem(home: string): string | null {
  try {
    return fs.statSync(home).isDirectory() ? null : 'is not a folder';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such folder' : `cannot be read (${code ?? 'unknown error'})`;
  }
}

export const ERROR_SCHEMA = 'mcp-auth-doctor/error@1';

function errorDocument(command: string, message: string): string {
  return JSON.stringify({ schema: ERROR_SCHEMA, command, error: { message } }, null, 2) + '\n';
}

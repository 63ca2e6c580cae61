import type { Context } from '../context';
import type { CliIo } from './io';

/** Everything a command gets: parsed global flags, the rest of argv, and where to write. */
export interface CommandInput {
  /** Arguments after the command name, with global flags removed. */
  args: string[];
  ctx: Context;
  io: CliIo;
  json: boolean;
  /** The app's data folder (backups live here); shared with the Electron app. */
  dataDir: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run: (input: CommandInput) => Promise<number>;
}

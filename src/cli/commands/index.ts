import type { Command } from '../command';
import { backupsCommand } from './backups';
import { doctorCommand } from './doctor';
import { resetCommand } from './reset';
import { reportCommand } from './report';
import { scanCommand } from './scan';
import { systemCommand } from './system';
import { undoCommand } from './undo';

/**
 * Every CLI command, one module each. Add a command by adding its module here.
 */
export const COMMANDS: Command[] = [
  scanCommand,
  resetCommand,
  undoCommand,
  backupsCommand,
  systemCommand,
  reportCommand,
  doctorCommand,
];

import type { Command } from '../command';
import { doctorCommand } from './doctor';
import { reportCommand } from './report';
import { scanCommand } from './scan';
import { systemCommand } from './system';

/**
 * Every CLI command, one module each. Add a command by adding its module here.
 */
export const COMMANDS: Command[] = [scanCommand, systemCommand, reportCommand, doctorCommand];

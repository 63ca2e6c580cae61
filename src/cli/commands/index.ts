import type { Command } from '../command';
import { reportCommand } from './report';
import { systemCommand } from './system';

/**
 * Every CLI command, one module each. Add a command by adding its module here.
 */
export const COMMANDS: Command[] = [systemCommand, reportCommand];

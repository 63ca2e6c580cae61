import type { Command } from '../command';

/**
 * Every CLI command, one module each. Add a command by adding its module here.
 */
export const COMMANDS: Command[] = [];

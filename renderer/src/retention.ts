import type { DEFAULT_RETENTION_DAYS } from '../../src/reset/types';

/**
 * How long the core keeps backups before a reset purges them. The renderer takes only types from
 * the core, so the number is written here but typed as the core's own constant: when the core's
 * default changes, this line stops compiling instead of the window quietly saying the wrong thing.
 */
export const RETENTION_DAYS: typeof DEFAULT_RETENTION_DAYS = 14;

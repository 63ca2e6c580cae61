/**
 * `mcp-auth-doctor backups [list|purge [--older-than DAYS]] [--json]`: see the reset backups kept
 * in the app's data folder, and let old ones go (default: older than the 14-day retention).
 * JSON: `{ "schema": "mcp-auth-doctor/backups@1", "dataDir", "backups": [BackupSummary],
 * "damaged": [{ id, createdAt, path, problem }], "removed": [id] (purge only) }`.
 * Listing is read-only (no lock, no folder created, no roll-back of an interrupted reset: it is
 * only mentioned); purge changes files, so it rolls an interrupted reset back first.
 */
import path from 'node:path';
import type { BackupSummary } from '../../model/reset';
import {
  DEFAULT_RETENTION_DAYS,
  interruptedResets,
  listBackups,
  listDamagedBackups,
  purgeBackups,
  type DamagedBackup,
} from '../../reset/index';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, UsageError, styleFor, type Style } from '../io';
import { commandResetDeps, interruptedText, realResetDeps, type ResetCommandDeps } from './reset';

export const BACKUPS_SCHEMA = 'mcp-auth-doctor/backups@1';

const USAGE = [
  'Usage: mcp-auth-doctor backups [list | purge [--older-than DAYS]] [--json]',
  '',
  '  list                   the backups kept by resets, newest first (default)',
  `  purge                  remove backups older than ${DEFAULT_RETENTION_DAYS} days (resets also do this,`,
  '                         except for damaged backups, which only an explicit purge removes)',
  '  purge --older-than N   remove backups older than N days (0: every backup)',
  '  --json                 print one JSON document (schema mcp-auth-doctor/backups@1)',
].join('\n');

export function parseBackupsArgs(args: string[]): { action: 'list' | 'purge'; olderThanDays?: number } {
  const [first, ...rest] = args;
  const action = first === undefined ? 'list' : first;
  if (action !== 'list' && action !== 'purge')
    throw new UsageError(`unknown action '${action}' (list or purge)`);
  let olderThanDays: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (action !== 'purge' || name !== '--older-than') throw new UsageError(`unknown argument '${arg}'`);
    const raw = inline ?? rest[++i];
    const days = raw !== undefined && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(days))
      throw new UsageError(`--older-than needs a number of days (got '${raw ?? ''}')`);
    olderThanDays = days;
  }
  return { action, ...(olderThanDays !== undefined ? { olderThanDays } : {}) };
}

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function table(backups: BackupSummary[], damaged: DamagedBackup[], style: Style): string[] {
  if (backups.length === 0 && damaged.length === 0) return ['No backups.'];
  const lines = backups.map((b) => {
    const state =
      b.restoredAt !== null ? style.dim(`restored ${b.restoredAt}`) : style.green('can be undone');
    return `  ${style.bold(b.id)}  ${b.createdAt}  ${b.label}; ${b.itemCount} item(s), ${size(b.bytes)}; ${state}`;
  });
  for (const d of damaged) {
    lines.push(
      `  ${style.bold(d.id)}  ${d.createdAt ?? '?'}  ${style.red('damaged')}: ${d.problem}, so it cannot be undone automatically.`,
      `      Its files/ folder still holds the original bytes, to copy back by hand: ${d.path}`,
    );
  }
  return lines;
}

export function createBackupsCommand(deps: Pick<ResetCommandDeps, 'processes' | 'clients'>): Command {
  return {
    name: 'backups',
    summary: 'list reset backups, or purge old ones',
    usage: USAGE,
    async run({ args, ctx, io, json, dataDir: given }: CommandInput): Promise<number> {
      const parsed = parseBackupsArgs(args);
      // Shown as an absolute path: a relative MCP_AUTH_DOCTOR_DATA_DIR means nothing elsewhere.
      const dataDir = path.resolve(given);
      const style = styleFor(io, ctx.env);
      const resetDeps = commandResetDeps({ ctx, io, dataDir }, deps);
      let removed: string[] | null = null;
      let removedDamaged: string[] = [];
      if (parsed.action === 'purge') {
        const damagedBefore = new Set((await listDamagedBackups(resetDeps)).map((d) => d.id));
        removed = await purgeBackups(
          ctx,
          resetDeps,
          parsed.olderThanDays !== undefined ? { olderThanDays: parsed.olderThanDays } : {},
        );
        removedDamaged = removed.filter((id) => damagedBefore.has(id));
      } else {
        io.stderr(interruptedText(await interruptedResets(resetDeps)));
      }
      const backups = await listBackups(resetDeps);
      const damaged = await listDamagedBackups(resetDeps);
      if (json) {
        io.stdout(
          JSON.stringify(
            { schema: BACKUPS_SCHEMA, dataDir, backups, damaged, ...(removed !== null ? { removed } : {}) },
            null,
            2,
          ) + '\n',
        );
        return EXIT_OK;
      }
      const lines: string[] = [];
      if (removed !== null) {
        const days = parsed.olderThanDays ?? DEFAULT_RETENTION_DAYS;
        lines.push(
          removed.length > 0
            ? `Removed ${removed.length} backup(s) older than ${days} day(s): ${removed.join(', ')}`
            : `No backup is older than ${days} day(s).`,
        );
        if (removedDamaged.length > 0) {
          lines.push(
            `Of these, ${removedDamaged.join(', ')} ${removedDamaged.length === 1 ? 'was' : 'were'} damaged ` +
              `(unreadable manifest) and past the ${days}-day period, so ${removedDamaged.length === 1 ? 'it was' : 'they were'} removed too.`,
          );
        }
      }
      lines.push(style.bold(`Backups in ${dataDir}:`), ...table(backups, damaged, style));
      io.stdout(lines.join('\n') + '\n');
      return EXIT_OK;
    },
  };
}

export const backupsCommand = createBackupsCommand(realResetDeps);

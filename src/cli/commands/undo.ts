/**
 * `mcp-auth-doctor undo [BACKUP_ID] [--force] [--json]`: put back, byte for byte, what a reset
 * removed (the newest backup not yet restored when no id is given). A file the client has written
 * since is left alone unless --force, which first keeps it in a backup of its own.
 * Exit: 0 everything restored, 1 some paths were not restored, 2 usage or runtime error.
 */
import { UNDO_SCHEMA, type UndoItem } from '../../model/reset';
import { ALREADY_AS_BEFORE, NOT_CHANGED, PUT_BACK_EARLIER, undoReset } from '../../reset/index';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, styleFor, type Style } from '../io';
import { commandResetDeps, realResetDeps, tilde, type ResetCommandDeps } from './reset';

const USAGE = [
  'Usage: mcp-auth-doctor undo [BACKUP_ID] [--force] [--json]',
  '',
  'Restores a reset backup (the newest reset not restored yet when no id is given; see `backups`).',
  'Right after a reset was interrupted, a bare `undo` rolls that reset back. The backup of files a',
  'forced undo replaced is never picked by a bare `undo`: restore it by its id.',
  '',
  '  --force   also replace files the client has written since the reset (they are backed up',
  '            first); for shared files, the removed entries are put back into the newer file',
  '  --json    print one JSON document (schema mcp-auth-doctor/undo@1)',
  '',
  'Exit status: 0 restored, 1 some files were not restored, 2 usage or runtime error.',
].join('\n');

export function parseUndoArgs(args: string[]): { backupId?: string; force: boolean } {
  let backupId: string | undefined;
  let force = false;
  for (const arg of args) {
    if (arg === '--force') force = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown argument '${arg}'`);
    else if (backupId !== undefined) throw new UsageError('give at most one backup id');
    else backupId = arg;
  }
  return { ...(backupId !== undefined ? { backupId } : {}), force };
}

const FINE = new Set([ALREADY_AS_BEFORE, NOT_CHANGED]);

export const undoNeedsAttention = (item: UndoItem): boolean =>
  item.status === 'failed' || (item.status === 'skipped' && !FINE.has(item.reason ?? ''));

function line(item: UndoItem, style: Style, home: string): string {
  const where = tilde(item.path, home);
  switch (item.status) {
    case 'restored':
      return `  ${style.green('✓')} restored: ${where}${item.reason !== null && item.reason !== PUT_BACK_EARLIER ? `\n      ${item.reason}` : ''}`;
    case 'skipped':
      return `  ${style.yellow('–')} skipped: ${where}\n      ${item.reason ?? ''}`;
    case 'failed':
      return `  ${style.red('✗')} failed: ${where}\n      ${item.reason ?? ''}`;
  }
}

export function createUndoCommand(deps: Pick<ResetCommandDeps, 'processes' | 'clients'>): Command {
  return {
    name: 'undo',
    summary: 'restore what a reset removed (the newest backup by default)',
    usage: USAGE,
    async run({ args, ctx, io, json, dataDir }: CommandInput): Promise<number> {
      const parsed = parseUndoArgs(args);
      const style = styleFor(io, ctx.env);
      const resetDeps = commandResetDeps({ ctx, io, dataDir }, deps);
      const result = await undoReset(ctx, resetDeps, parsed);
      if (json) {
        io.stdout(JSON.stringify({ ...result, schema: UNDO_SCHEMA }, null, 2) + '\n');
      } else {
        const lines = [
          style.bold(
            result.interrupted
              ? `Roll-back of the interrupted reset ${result.backupId}:`
              : `Undo of backup ${result.backupId}:`,
          ),
          ...result.items.map((i) => line(i, style, ctx.home)),
        ];
        if (result.items.length === 0) lines.push('  (the backup holds nothing that was changed)');
        if (result.replacedBackupId !== null) {
          lines.push(
            `The newer files that were replaced are kept in backup ${result.replacedBackupId}. ` +
              `A bare \`undo\` never picks that backup; to bring them back: mcp-auth-doctor undo ${result.replacedBackupId}`,
          );
        }
        if (result.items.some(undoNeedsAttention)) {
          lines.push(
            'Some files were not restored (see above). `undo --force` replaces files written since the reset.',
          );
        }
        io.stdout(lines.join('\n') + '\n');
      }
      return result.items.some(undoNeedsAttention) ? EXIT_PROBLEMS : EXIT_OK;
    },
  };
}

export const undoCommand = createUndoCommand(realResetDeps);

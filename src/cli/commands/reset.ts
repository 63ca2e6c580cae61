/**
 * `mcp-auth-doctor reset TARGET [--dry-run] [--yes] [--force] [--json]`: plan, back up and remove
 * the cached OAuth state of one credential, one server (in every client), one client, or all.
 * The preview and the real run are the same engine call (`applyPlan` with or without dryRun).
 * Without --yes it asks on a terminal, and refuses (exit 2, nothing changed) without one.
 * Exit: 0 done (or nothing to do), 1 some items failed or were refused, 2 usage or runtime error,
 * or the user said no (nothing was changed).
 */
import path from 'node:path';
import { contextFromProcess, type Context } from '../../context';
import { CLIENTS } from '../../clients/registry';
import { CLIENT_IDS, type ClientId } from '../../model/scan';
import type { ResetItem, ResetResult, ResetTarget } from '../../model/reset';
import {
  applyPlan,
  interruptedResets,
  itemNeedsAttention,
  planReset,
  recoverInterrupted,
  refuseIfPending,
  NOT_CHANGED,
  PUT_BACK_EARLIER,
  type ClientRule,
  type InterruptedReset,
  type RecoveryReport,
  type ResetDeps,
} from '../../reset/index';
import { scan as realScan } from '../../scan/index';
import type { ScanFn } from '../../scan/types';
import type { ProcessPort } from '../../system/process-port';
import { realProcessPort } from '../../system/processes';
import type { Command, CommandInput } from '../command';
import { EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, UsageError, styleFor, type Style } from '../io';

export interface ResetCommandDeps {
  scan: ScanFn;
  /** Running processes: only for this machine's own home (pids of a copied home mean nothing). */
  processes: (ctx: Context) => ProcessPort | undefined;
  clients: readonly ClientRule[];
}

export const realResetDeps: ResetCommandDeps = {
  scan: realScan,
  processes: (ctx) => {
    const self = contextFromProcess();
    return ctx.home === self.home && ctx.platform === self.platform ? realProcessPort : undefined;
  },
  clients: CLIENTS,
};

const USAGE = [
  'Usage: mcp-auth-doctor reset TARGET [--dry-run] [--yes] [--force] [--json]',
  '',
  'Removes cached OAuth state (client registrations, tokens, verifiers, locks) so the client signs',
  'in afresh. Every file is backed up first; `mcp-auth-doctor undo` puts it all back.',
  '',
  'TARGET (one kind; --credential, --server, --client and --file are repeatable):',
  '  --credential ID   one credential (ids from `mcp-auth-doctor scan`)',
  '  --server URL      everything held for this server, in every client',
  '                    (scheme/host case, a default port and a trailing slash do not matter)',
  `  --client ID       everything one client holds: ${CLIENT_IDS.join(', ')}`,
  '  --all             every cached credential',
  '  --credential ID --file PATH',
  '                    only these files of that one credential (repeat --file): a stale lock or an',
  "                    abandoned sign-in's verifier, leaving the working sign-in in place. Each PATH",
  "                    must be one of that credential's own files (see `scan --json`); any other is",
  '                    refused, and an entry in a shared file is never edited this way',
  '',
  '  --dry-run   show what would be removed; change nothing',
  '  --yes       do not ask (needed when not run in a terminal)',
  '  --force     also when a client that rewrites its files is running',
  '  --json      print one JSON document (schema mcp-auth-doctor/reset@1)',
  '',
  'Exit status: 0 done or nothing to do, 1 some items failed or were refused, 2 usage or runtime error',
  '(or you answered no: then nothing was changed).',
].join('\n');

interface ResetArgs {
  target: ResetTarget;
  dryRun: boolean;
  yes: boolean;
  force: boolean;
}

function checkedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server needs a URL such as https://mcp.example.com/mcp (got '${value}')`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--server needs an http(s) URL (got '${value}')`);
  }
  return value;
}

export function parseResetArgs(args: string[]): ResetArgs {
  const credentials: string[] = [];
  const servers: string[] = [];
  const clients: ClientId[] = [];
  const files: string[] = [];
  let all = false;
  const out = { dryRun: false, yes: false, force: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) {
        throw new UsageError(`a value is missing after ${name}`);
      }
      return v;
    };
    switch (name) {
      case '--credential':
        credentials.push(value());
        break;
      case '--server':
        servers.push(checkedUrl(value()));
        break;
      case '--client': {
        const id = value();
        if (!(CLIENT_IDS as readonly string[]).includes(id)) {
          throw new UsageError(`unknown client '${id}' (known: ${CLIENT_IDS.join(', ')})`);
        }
        if (!clients.includes(id as ClientId)) clients.push(id as ClientId);
        break;
      }
      case '--all':
        all = true;
        break;
      case '--file':
        files.push(path.resolve(value()));
        break;
      case '--dry-run':
        out.dryRun = true;
        break;
      case '--yes':
      case '-y':
        out.yes = true;
        break;
      case '--force':
        out.force = true;
        break;
      default:
        throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  const kinds = [credentials.length > 0, servers.length > 0, clients.length > 0, all].filter(Boolean).length;
  if (kinds === 0)
    throw new UsageError('say what to reset: --credential ID, --server URL, --client ID or --all');
  if (kinds > 1) throw new UsageError('choose one kind of target: --credential, --server, --client or --all');
  if (files.length > 0 && credentials.length !== 1) {
    throw new UsageError(
      '--file restricts the reset of one credential: give exactly one --credential ID with it',
    );
  }
  const target: ResetTarget =
    files.length > 0
      ? { kind: 'files', credential: credentials[0]!, paths: [...new Set(files)] }
      : credentials.length > 0
        ? { kind: 'credential', ids: credentials }
        : servers.length > 0
          ? { kind: 'server', urls: servers }
          : clients.length > 0
            ? { kind: 'client', ids: clients }
            : { kind: 'all' };
  return { target, ...out };
}

export function tilde(p: string, home: string): string {
  if (home === '') return p;
  if (p === home) return '~';
  return p.startsWith(home + path.sep) ? `~${path.sep}${p.slice(home.length + 1)}` : p;
}

const VERB: Record<ResetItem['action'], { planned: string; done: string }> = {
  'delete-file': { planned: 'will remove', done: 'removed' },
  'delete-dir': { planned: 'will remove folder', done: 'removed folder' },
  'remove-entry': { planned: 'will remove entry', done: 'removed entry' },
};

function itemLine(item: ResetItem, style: Style, home: string): string {
  const where = `${tilde(item.path, home)}${item.entry !== null ? ` ${style.dim(`entry ${item.entry}`)}` : ''}`;
  const owner = item.credential !== null ? style.dim(` (credential ${item.credential})`) : '';
  switch (item.status) {
    case 'planned':
      return `  ${style.bold('•')} ${VERB[item.action].planned}: ${where}${owner}`;
    case 'done':
      return `  ${style.green('✓')} ${VERB[item.action].done}: ${where}${owner}`;
    case 'skipped':
      return `  ${style.yellow('–')} skipped: ${where}${owner}\n      ${item.reason ?? ''}`;
    case 'failed':
      return `  ${style.red('✗')} failed: ${where}${owner}\n      ${item.reason ?? ''}`;
  }
}

export function resultText(
  result: ResetResult,
  label: string,
  style: Style,
  home: string,
  clientNames: Map<string, string>,
): string {
  if (result.items.length === 0) return `Nothing to reset for ${label}: no cached state found.\n`;
  const heading = result.dryRun
    ? `Reset preview for ${label} (${result.items.length} item(s); nothing has been changed):`
    : `Reset of ${label}:`;
  const lines = [style.bold(heading), ...result.items.map((i) => itemLine(i, style, home))];
  const running = (result.runningClients ?? []).map((id) => clientNames.get(id) ?? id);
  if (running.length > 0) {
    lines.push(
      style.yellow(`Quit first: ${running.join(', ')} (running, and rewrites its files) — or use --force.`),
    );
  }
  if (!result.dryRun && result.backupId !== null) {
    lines.push(`Backup ${result.backupId} in ${result.backupDir ?? ''}`);
    lines.push(`Put everything back with: mcp-auth-doctor undo ${result.backupId}`);
  }
  const done = result.items.filter((i) => i.status === 'done').length;
  const attention = result.items.filter(itemNeedsAttention).length;
  if (!result.dryRun) lines.push(`${done} changed, ${attention} not done.`);
  return lines.join('\n') + '\n';
}

/** What the roll-back of an interrupted reset did, for stderr. */
export function recoveryText(reports: RecoveryReport[], home: string): string {
  return reports
    .map((r) => {
      const restored = r.items.filter((i) => i.status === 'restored').length;
      const issues = r.items
        .filter(
          (i) =>
            i.status === 'failed' ||
            (i.status === 'skipped' && i.reason !== NOT_CHANGED) ||
            (i.status === 'restored' && i.reason !== null && i.reason !== PUT_BACK_EARLIER),
        )
        .map((i) => `  ${tilde(i.path, home)}: ${i.reason ?? ''}`);
      const head = r.complete
        ? `An earlier reset (${r.label}, ${r.createdAt}) was interrupted; it has been rolled back (${restored} item(s) put back).`
        : `An earlier reset (${r.label}, ${r.createdAt}) was interrupted; rolling it back is not finished (${restored} item(s) put back, ` +
          `${r.items.filter((i) => i.status === 'failed').length} not yet). It is tried again by the next reset or undo, ` +
          `or now with: mcp-auth-doctor undo ${r.backupId}`;
      return [head, ...issues].join('\n');
    })
    .map((s) => s + '\n')
    .join('');
}

/** For read-only commands: a reset a crash interrupted is waiting; they say so and leave it. */
export function interruptedText(interrupted: InterruptedReset[]): string {
  return interrupted
    .map(
      (r) =>
        `An earlier reset (${r.label}, ${r.createdAt}) was interrupted; its files are as the crash left them. ` +
        'It will be rolled back first by the next command that changes files: run `mcp-auth-doctor undo` or any reset.\n',
    )
    .join('');
}

/**
 * The reset engine's dependencies for a command. Commands that change files (reset, undo,
 * backups purge) roll back an interrupted reset inside the engine, under its lock, and the
 * engine tells us so here; read-only paths (dry run, backups list) never do.
 */
export function commandResetDeps(
  input: Pick<CommandInput, 'ctx' | 'io' | 'dataDir'>,
  deps: Pick<ResetCommandDeps, 'processes' | 'clients'>,
): ResetDeps {
  const { ctx, io, dataDir } = input;
  const processes = deps.processes(ctx);
  return {
    dataDir,
    clients: deps.clients,
    ...(processes !== undefined ? { processes } : {}),
    onRecovered: (reports) => io.stderr(recoveryText(reports, ctx.home)),
  };
}

export function createResetCommand(deps: ResetCommandDeps): Command {
  return {
    name: 'reset',
    summary: 'back up and remove cached OAuth state (preview with --dry-run)',
    usage: USAGE,
    async run({ args, ctx, io, json, dataDir }: CommandInput): Promise<number> {
      const parsed = parseResetArgs(args);
      if (!parsed.dryRun && !parsed.yes && io.confirm === undefined) {
        io.stderr(
          'mcp-auth-doctor reset: not running in a terminal, so there is no one to ask; pass --yes to reset ' +
            'without asking (or --dry-run to see the plan). Nothing was changed.\n',
        );
        return EXIT_ERROR;
      }
      const style = styleFor(io, ctx.env);
      const clientNames = new Map(deps.clients.map((c) => [c.id as string, c.label]));
      const resetDeps = commandResetDeps({ ctx, io, dataDir }, deps);
      let rolledBack = false;
      if (parsed.dryRun) {
        io.stderr(interruptedText(await interruptedResets(resetDeps)));
      } else {
        // Before the scan: the plan must be made from the files as they were before the crash.
        const recovered = await recoverInterrupted(ctx, resetDeps);
        refuseIfPending(recovered);
        rolledBack = recovered.some((r) => r.items.some((i) => i.status === 'restored'));
      }

      const scanned = await deps.scan(
        ctx,
        resetDeps.processes !== undefined ? { processes: resetDeps.processes } : {},
      );
      const plan = await planReset(ctx, scanned, parsed.target);
      const preview = await applyPlan(ctx, plan, resetDeps, { dryRun: true, force: parsed.force });
      const exitFor = (r: ResetResult): number =>
        r.items.some(itemNeedsAttention) ? EXIT_PROBLEMS : EXIT_OK;
      const emit = (r: ResetResult): void => {
        if (json) io.stdout(JSON.stringify(r, null, 2) + '\n');
        else io.stdout(resultText(r, plan.label, style, ctx.home, clientNames));
      };

      if (parsed.dryRun || plan.items.length === 0) {
        emit(preview);
        return exitFor(preview);
      }
      if (!parsed.yes && preview.items.some((i) => i.status === 'planned')) {
        // The question goes to stderr with the preview, so --json output stays one document.
        io.stderr(resultText(preview, plan.label, style, ctx.home, clientNames));
        const planned = preview.items.filter((i) => i.status === 'planned').length;
        const ok = await io.confirm!(
          `Reset ${planned} item(s)? A backup is kept; \`mcp-auth-doctor undo\` puts them back.`,
        );
        if (!ok) {
          // Exit 2 like the refusal without a terminal: 1 would mean "some items failed".
          io.stderr(
            rolledBack
              ? 'Cancelled. Nothing else was changed (only the interrupted reset was rolled back, as said above).\n'
              : 'Cancelled. Nothing was changed.\n',
          );
          return EXIT_ERROR;
        }
      }
      const result = await applyPlan(ctx, plan, resetDeps, { dryRun: false, force: parsed.force });
      emit(result);
      return exitFor(result);
    },
  };
}

export const resetCommand = createResetCommand(realResetDeps);

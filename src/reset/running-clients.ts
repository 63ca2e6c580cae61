/**
 * Clients that rewrite their own files while they run (Claude Desktop, VS Code, Cursor, Claude
 * Code, Copilot CLI...): editing their files under them is undone the next time they save, so
 * reset names them and asks the user to quit them first.
 */
import type { ClientDeclaration } from '../clients/types';
import type { Context } from '../context';
import type { ClientId } from '../model/scan';
import { processMatches, type ProcessPort } from '../system/process-port';
import { sameServer } from './server-url';

export type ClientRule = Pick<ClientDeclaration, 'id' | 'label' | 'processNames' | 'rewritesWhileRunning'>;

export interface RunningClient {
  id: ClientId;
  label: string;
  /** Command lines of its processes (null where the OS did not give one). */
  commandLines: (string | null)[];
}

/**
 * Bridges that run one process per server, with the server URL on the command line: a running
 * mcp-remote for another server does not touch this server's files, so only a process whose
 * command line names this server (or whose command line is unknown) stands in the way.
 */
const ONE_SERVER_PER_PROCESS = new Set<ClientId>(['mcp-remote']);

function mentionsServer(commandLine: string, serverUrl: string): boolean {
  return commandLine
    .split(/\s+/)
    .map((token) => token.replace(/^["']|["']$/g, ''))
    .some((token) => /^https?:\/\//i.test(token) && sameServer(token, serverUrl));
}

/** Whether this running client stands in the way of resetting an item of the given server. */
export function blocksItem(running: RunningClient, serverUrl: string | null): boolean {
  if (!ONE_SERVER_PER_PROCESS.has(running.id) || serverUrl === null) return true;
  return running.commandLines.some((cmd) => cmd === null || mentionsServer(cmd, serverUrl));
}

export async function runningRewriters(
  ctx: Context,
  clients: readonly ClientRule[],
  processes: ProcessPort | undefined,
  only: ReadonlySet<ClientId>,
): Promise<RunningClient[]> {
  const watched = clients.filter((c) => c.rewritesWhileRunning && only.has(c.id));
  if (processes === undefined || watched.length === 0) return [];
  const list = await processes.list();
  const out: RunningClient[] = [];
  for (const c of watched) {
    const names = c.processNames[ctx.platform] ?? c.processNames.all ?? [];
    const procs = names.length > 0 ? list.filter((proc) => processMatches(proc, names, ctx.platform)) : [];
    if (procs.length > 0)
      out.push({ id: c.id, label: c.label, commandLines: procs.map((p) => p.cmd ?? null) });
  }
  return out;
}

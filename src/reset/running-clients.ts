/**
 * Clients that rewrite their own files while they run (Claude Desktop, VS Code, Cursor, Claude
 * Code, Copilot CLI...): editing their files under them is undone the next time they save, so
 * reset names them and asks the user to quit them first.
 */
import type { ClientDeclaration } from '../clients/types';
import type { Context } from '../context';
import type { ClientId } from '../model/scan';
import { processMatches, type ProcessPort } from '../system/process-port';

export type ClientRule = Pick<ClientDeclaration, 'id' | 'label' | 'processNames' | 'rewritesWhileRunning'>;

export interface RunningClient {
  id: ClientId;
  label: string;
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
  return watched
    .filter((c) => {
      const names = c.processNames[ctx.platform] ?? c.processNames.all ?? [];
      return names.length > 0 && list.some((proc) => processMatches(proc, names, ctx.platform));
    })
    .map((c) => ({ id: c.id, label: c.label }));
}

/**
 * Which catalogue clients are running now: the process list matched against each declaration's
 * process names for the context's OS. Only client ids come out; command lines (which may hold
 * an `Authorization: Bearer …` argument) never leave this module.
 */
import type { Context, Platform } from '../context';
import type { ClientDeclaration } from '../clients/types';
import type { ClientId } from '../model/scan';
import { processMatches, type ProcessInfo, type ProcessPort } from './process-port';

export function processNamesFor(decl: ClientDeclaration, platform: Platform): readonly string[] {
  return decl.processNames[platform] ?? decl.processNames.all ?? [];
}

/** Pure matching, in declaration order, each client once. */
export function matchRunningClients(
  processes: readonly ProcessInfo[],
  declarations: readonly ClientDeclaration[],
  platform: Platform,
  /** Never count ourselves (our own command line may name a client we were asked about). */
  selfPid: number = process.pid,
): ClientId[] {
  const others = processes.filter((p) => p.pid !== selfPid);
  return declarations
    .filter((decl) => {
      const names = processNamesFor(decl, platform);
      return names.length > 0 && others.some((p) => processMatches(p, names, platform));
    })
    .map((decl) => decl.id);
}

export interface RunningClientsResult {
  running: ClientId[];
  /** Set when the process list could not be read: then "running" means "unknown", not "none". */
  error: string | null;
}

export async function findRunningClients(
  ctx: Context,
  processes: ProcessPort,
  declarations: readonly ClientDeclaration[],
): Promise<RunningClientsResult> {
  let list: ProcessInfo[];
  try {
    list = await processes.list();
  } catch (err) {
    // First line only, capped: a lister's error may quote its whole command output.
    const reason = (err as Error).message.split('\n')[0]!.slice(0, 200);
    return { running: [], error: `could not list processes: ${reason}` };
  }
  return { running: matchRunningClients(list, declarations, ctx.platform), error: null };
}

/**
 * The report's sources on the real machine: the scanner (with the process list when the home is
 * this user's own), the doctor over node:http(s) with the scan's credentials, the system checks.
 */
import path from 'node:path';
import type { Context } from '../context';
import { CLIENTS } from '../clients/registry';
import { runDoctor } from '../doctor/index';
import { scan } from '../scan/index';
import { runSystemChecks } from '../system/index';
import { realProcessPort } from '../system/processes';
import { createRealSystemPorts } from '../system/real-ports';
import type { ReportSources } from './collect';
import { credentialsFromScan } from './credentials';

/** Pids only mean something for this machine's own home, not for a copy read with --home. */
export function isOwnHome(ctx: Context): boolean {
  const own = ctx.platform === 'win32' ? ctx.env.USERPROFILE : ctx.env.HOME;
  return own !== undefined && own !== '' && path.resolve(own) === path.resolve(ctx.home);
}

export const realReportSources: ReportSources = {
  scan: async (ctx) => (await scan(ctx, isOwnHome(ctx) ? { processes: realProcessPort } : {})).report,
  doctor: (ctx, url, scanned) =>
    runDoctor(ctx, url, {}, scanned !== null ? { loadCredentials: credentialsFromScan(scanned) } : {}),
  system: (ctx) =>
    runSystemChecks(ctx, createRealSystemPorts(ctx, { processes: realProcessPort, clients: CLIENTS })),
};

/**
 * The report's sources on the real machine: the scanner (with the process list when the home is
 * this user's own), the doctor over node:http(s) with the scan's credentials, the system checks.
 */
import { CLIENTS } from '../clients/registry';
import { runDoctor } from '../doctor/index';
import { scan } from '../scan/index';
import { runSystemChecks } from '../system/index';
import { processesForHome, realProcessPort } from '../system/processes';
import { createRealSystemPorts } from '../system/real-ports';
import type { ReportSources } from './collect';
import { credentialsFromScan } from './credentials';

export const realReportSources: ReportSources = {
  scan: async (ctx) => {
    const processes = processesForHome(ctx);
    return (await scan(ctx, processes !== undefined ? { processes } : {})).report;
  },
  doctor: (ctx, url, scanned) =>
    runDoctor(ctx, url, {}, scanned !== null ? { loadCredentials: credentialsFromScan(scanned) } : {}),
  system: (ctx) =>
    runSystemChecks(ctx, createRealSystemPorts(ctx, { processes: realProcessPort, clients: CLIENTS })),
};

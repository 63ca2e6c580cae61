/**
 * The core functions the façade calls, wired here as each module lands. A module that is not
 * wired yet is null, and its operations refuse with "not available yet" instead of inventing a
 * result. Tests may replace any of them.
 */
import { CLIENTS } from '../clients/registry';
import type { ClientDeclaration } from '../clients/types';
import type { Context } from '../context';
import { credentialLoaderFromScan, runDoctor, type HttpPort } from '../doctor/index';
import type { BrowserOpener, SystemReport } from '../model/system';
import { collectSupportReport } from '../report/index';
import {
  applyPlan,
  interruptedResets,
  listBackups,
  planReset,
  purgeBackups,
  recoverInterrupted,
  toPlanView,
  undoReset,
} from '../reset/index';
import { scan } from '../scan/index';
import type { ScanFn } from '../scan/types';
import {
  checkBrowserOpener,
  createRealSystemPorts,
  openTestPage,
  runSystemChecks,
  type SystemPorts,
  type TestPageOptions,
  type TestPageResult,
} from '../system/index';

export interface SystemModule {
  /** The machine's ports; tests hand in each OS's answers. */
  ports: (ctx: Context, base: Pick<SystemPorts, 'processes' | 'clients'>) => SystemPorts;
  run: (ctx: Context, ports: SystemPorts) => Promise<SystemReport>;
  checkBrowserOpener: (ctx: Context, ports: SystemPorts) => Promise<BrowserOpener>;
  openTestPage: (ctx: Context, options: TestPageOptions) => Promise<TestPageResult>;
}

export interface ResetModule {
  planReset: typeof planReset;
  applyPlan: typeof applyPlan;
  undoReset: typeof undoReset;
  listBackups: typeof listBackups;
  purgeBackups: typeof purgeBackups;
  recoverInterrupted: typeof recoverInterrupted;
  /** Read-only: resets a crash interrupted that wait to be rolled back. */
  interruptedResets: typeof interruptedResets;
  toPlanView: typeof toPlanView;
}

export interface DoctorModule {
  runDoctor: typeof runDoctor;
  credentialLoaderFromScan: typeof credentialLoaderFromScan;
  /** The HTTP port; default Node's. Tests point it anywhere. */
  http?: HttpPort;
}

export interface ReportModule {
  collectSupportReport: typeof collectSupportReport;
}

export interface CoreModules {
  scan: ScanFn | null;
  reset: ResetModule | null;
  doctor: DoctorModule | null;
  system: SystemModule | null;
  report: ReportModule | null;
  /** Every client declaration (process names for "running", links the app may open). */
  clients: readonly ClientDeclaration[];
}

export const realSystemModule: SystemModule = {
  ports: (ctx, base) => createRealSystemPorts(ctx, base),
  run: runSystemChecks,
  checkBrowserOpener,
  openTestPage,
};

export const realResetModule: ResetModule = {
  planReset,
  applyPlan,
  undoReset,
  listBackups,
  purgeBackups,
  recoverInterrupted,
  interruptedResets,
  toPlanView,
};

export function defaultCoreModules(): CoreModules {
  return {
    scan,
    reset: realResetModule,
    doctor: { runDoctor, credentialLoaderFromScan },
    system: realSystemModule,
    report: { collectSupportReport },
    clients: CLIENTS,
  };
}

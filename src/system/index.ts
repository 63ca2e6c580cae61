/**
 * The machine itself: can a client open the browser for sign-in, which clients are running,
 * and will requests get out (proxy, TLS). Everything reaches the machine through ports.
 */
import type { Context } from '../context';
import type { Finding } from '../model/scan';
import { SYSTEM_SCHEMA, type BrowserOpener, type SystemReport } from '../model/system';
import { checkBrowserOpener } from './browser-opener';
import { checkProxy } from './proxy';
import { redactSystemValue } from './redact';
import { findRunningClients, type RunningClientsResult } from './running-clients';
import type { SystemPorts } from './ports';

export type { CommandResult, SystemPorts } from './ports';
export { createRealSystemPorts, whichIn } from './real-ports';
export { checkBrowserOpener, detectWsl, parseLaunchServicesHandlers } from './browser-opener';
export { checkProxy, maskProxyCredentials, parseScutilProxy, parseWindowsInternetSettings } from './proxy';
export { findRunningClients, matchRunningClients, processNamesFor } from './running-clients';
export { createProcessPort, isAlive, realProcessPort } from './processes';
export { redactSystemValue } from './redact';
export {
  openTestPage,
  openCommandFor,
  writeTestPage,
  serveTestPage,
  TEST_PAGE_TITLE,
  type TestPageOptions,
  type TestPageResult,
} from './open-test-page';

export function browserOpenerFindings(opener: BrowserOpener): Finding[] {
  if (opener.status === 'ok') return [];
  const missing = opener.status === 'missing';
  return [
    {
      code: missing ? 'browser-opener-missing' : 'browser-opener-unknown',
      severity: missing ? 'warning' : 'info',
      client: null,
      credential: null,
      path: null,
      message: missing
        ? `Clients cannot open the browser for sign-in: ${opener.detail}`
        : `Whether clients can open the browser for sign-in is uncertain: ${opener.detail}`,
      fix: opener.fix ?? 'Set a default browser and restart the client.',
    },
  ];
}

async function runningClients(ctx: Context, ports: SystemPorts): Promise<RunningClientsResult> {
  if (ports.processes === undefined) return { running: [], error: 'no process list available' };
  if (ports.clients === undefined || ports.clients.length === 0) {
    return { running: [], error: 'no client declarations available' };
  }
  return findRunningClients(ctx, ports.processes, ports.clients);
}

export async function runSystemChecks(ctx: Context, ports: SystemPorts): Promise<SystemReport> {
  const [browserOpener, proxy, running] = await Promise.all([
    checkBrowserOpener(ctx, ports),
    checkProxy(ctx, ports),
    runningClients(ctx, ports),
  ]);
  const { status, detail, ...rest } = browserOpener;
  // Everything shown (CLI text and JSON, the app, the support report) comes from this record.
  return redactSystemValue(ctx, {
    schema: SYSTEM_SCHEMA,
    // status and detail first: the order people and `jq` users read in.
    browserOpener: { status, detail, ...rest },
    runningClients: running.running,
    proxy: proxy.proxy,
    findings: [...browserOpenerFindings(browserOpener), ...proxy.findings],
    processListError: running.error,
    checkedAt: ctx.now().toISOString(),
  } satisfies SystemReport);
}

/** Exit status of `system`: 1 when any finding is a warning or an error. */
export function systemHasProblems(report: SystemReport): boolean {
  return report.findings.some((f) => f.severity === 'warning' || f.severity === 'error');
}

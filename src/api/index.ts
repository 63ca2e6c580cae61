/**
 * The core API façade: one object with one async function per contract operation, over the pure
 * core. The Electron IPC layer and the renderer's test bridge both call it, so the app and the
 * e2e tests exercise the same code. Nothing it returns holds a secret (the core returns
 * fingerprints only); arguments are validated by the caller (main/schemas.ts) and again here
 * where a path or URL reaches the desktop.
 */
import type { Context } from '../context';
import type { ApiRequest, ApiResponse, CoreApi } from '../contract';
import type { ProcessPort } from '../system/process-port';
import { defaultCoreModules, type CoreModules } from './core-modules';
import type { DesktopPorts, EmitEvent } from './desktop-ports';
import { ApiError, notAvailable } from './errors';
import { KnownPaths } from './known-paths';
import { APP_DOC_LINKS, LinkAllowList, linksOf } from './links';
import { doctorReportOps } from './doctor-report-ops';
import { resetOps } from './reset-ops';
import { saveReport } from './save-report';
import { systemOps } from './system-ops';

export interface CoreApiDeps {
  desktop: DesktopPorts;
  /** Pushes an event to the window (doctor progress). */
  emit: EmitEvent;
  /** The real process lister in the app; absent means "running" is unknown. */
  processes?: ProcessPort;
  /** Replace core modules (tests); defaults to the real ones. */
  modules?: Partial<CoreModules>;
  /** More https links the app built and may open. */
  extraLinks?: readonly string[];
}

export { ApiError, notAvailable, toErrorPayload } from './errors';
export type { DesktopPorts, EmitEvent, SaveDialogRequest } from './desktop-ports';
export { LinkAllowList, APP_DOC_LINKS, normaliseHttpsUrl } from './links';

export function createCoreApi(ctx: Context, deps: CoreApiDeps): CoreApi {
  const modules: CoreModules = { ...defaultCoreModules(), ...deps.modules };
  const known = new KnownPaths();
  const system = systemOps(ctx, modules, deps.desktop, deps.processes);
  const reset = resetOps(ctx, modules, deps.processes, known);
  const doctorReport = doctorReportOps(ctx, modules, deps.emit, () => system.system(), deps.processes);
  const links = new LinkAllowList([
    ...APP_DOC_LINKS,
    ...linksOf(modules.clients),
    ...(deps.extraLinks ?? []),
  ]);

  async function scan(request: ApiRequest<'scan'>): Promise<ApiResponse<'scan'>> {
    if (modules.scan === null) throw notAvailable('Scanning');
    const result = await modules.scan(ctx, {
      ...(request.clients !== undefined ? { clients: request.clients } : {}),
      ...(deps.processes !== undefined ? { processes: deps.processes } : {}),
    });
    known.rememberScan(result.report);
    return result.report;
  }

  async function revealPath(request: ApiRequest<'revealPath'>): Promise<ApiResponse<'revealPath'>> {
    if (!known.has(request.path)) {
      throw new ApiError('That file is not one the app found, so it will not be shown.', 'unknown-path');
    }
    await deps.desktop.showItemInFolder(request.path);
    return { ok: true };
  }

  async function openLink(request: ApiRequest<'openLink'>): Promise<ApiResponse<'openLink'>> {
    const href = links.check(request.url);
    if (href === null) {
      throw new ApiError('Only https links provided by the app can be opened.', 'link-not-allowed');
    }
    await deps.desktop.openExternal(href);
    return { ok: true };
  }

  return {
    scan,
    planReset: reset.planReset,
    applyReset: reset.applyReset,
    undo: reset.undo,
    listBackups: () => reset.listBackups(),
    purgeBackups: reset.purgeBackups,
    doctor: doctorReport.doctor,
    system: () => system.system(),
    report: doctorReport.report,
    saveReport: (request) => saveReport(ctx, deps.desktop, request),
    revealPath,
    openLink,
    testBrowserOpen: () => system.testBrowserOpen(),
  };
}

/**
 * Gathers what a support report needs (scan, doctor for the named server, system checks) and
 * builds it. Shared by the CLI and the app so both produce the same report for the same request.
 */
import type { Context } from '../context';
import type { DoctorReport, ScanReport, SystemReport } from '../model/index';
import type { LeftOut, ReportSource } from './body';
import { buildSupportReport, type BuiltSupportReport } from './build';

/** Where the report's facts come from; a missing source leaves its section out. */
export interface ReportSources {
  scan?: (ctx: Context) => Promise<ScanReport>;
  /** Gets the scan made for this report (when there is one) so it can check local credentials. */
  doctor?: (ctx: Context, url: string, scan: ScanReport | null) => Promise<DoctorReport>;
  system?: (ctx: Context) => Promise<SystemReport>;
}

export interface ReportRequestInput {
  serverUrl?: string | null;
  errorText?: string | null;
  errorAt?: string | null;
  steps?: string | null;
  /** Run the doctor against serverUrl (default: yes when a server is named). */
  runDoctor?: boolean;
  /** Exact strings known to be secret, removed wherever they turn up. */
  secrets?: readonly string[];
}

/**
 * A failing source is left out (a report without its scan is still worth sending) and listed in
 * the report with its reason, redacted like everything else; `onSourceError` lets the caller
 * say so too (the CLI prints it on stderr).
 */
export async function collectSupportReport(
  ctx: Context,
  request: ReportRequestInput,
  sources: ReportSources,
  onSourceError: (what: ReportSource, err: Error) => void = () => undefined,
): Promise<BuiltSupportReport> {
  const leftOut: LeftOut[] = [];
  const attempt = async <T>(what: ReportSource, run: (() => Promise<T>) | undefined) => {
    if (run === undefined) return null;
    try {
      return await run();
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      leftOut.push({ source: what, reason: error.message });
      onSourceError(what, error);
      return null;
    }
  };
  const serverUrl = request.serverUrl ?? null;
  const scan = await attempt('scan', sources.scan && (() => sources.scan!(ctx)));
  const doctor =
    serverUrl !== null && request.runDoctor !== false
      ? await attempt('doctor', sources.doctor && (() => sources.doctor!(ctx, serverUrl, scan)))
      : null;
  const system = await attempt('system checks', sources.system && (() => sources.system!(ctx)));
  return buildSupportReport({
    ctx,
    scan,
    doctor,
    system,
    serverUrl,
    errorText: request.errorText ?? null,
    errorAt: request.errorAt ?? null,
    steps: request.steps ?? null,
    leftOut,
    ...(request.secrets !== undefined ? { secrets: request.secrets } : {}),
  });
}

/** The connection doctor (with live progress) and the redacted support report. */
import type { Context } from '../context';
import type { ApiRequest, ApiResponse } from '../contract';
import type { DoctorReport, ScanReport, SystemReport } from '../model/index';
import { credentialsFromScan, type ReportSources } from '../report/index';
import type { ProcessPort } from '../system/process-port';
import type { CoreModules, DoctorModule } from './core-modules';
import type { EmitEvent } from './desktop-ports';
import { notAvailable } from './errors';

export interface DoctorReportOps {
  doctor: (request: ApiRequest<'doctor'>) => Promise<ApiResponse<'doctor'>>;
  report: (request: ApiRequest<'report'>) => Promise<ApiResponse<'report'>>;
}

export function doctorReportOps(
  ctx: Context,
  modules: CoreModules,
  emit: EmitEvent,
  systemReport: () => Promise<SystemReport>,
  processes: ProcessPort | undefined,
): DoctorReportOps {
  function runDoctor(
    doctor: DoctorModule,
    url: string,
    options: { timeoutSeconds?: number; probeRegistration?: boolean; runId?: string },
  ): Promise<DoctorReport> {
    const { runId } = options;
    return doctor.runDoctor(
      ctx,
      url,
      {
        ...(options.timeoutSeconds !== undefined
          ? { timeoutMs: Math.round(options.timeoutSeconds * 1000) }
          : {}),
        probeRegistration: options.probeRegistration === true,
        ...(runId !== undefined ? { onEvent: (event) => emit('doctorProgress', { runId, event }) } : {}),
      },
      {
        ...(doctor.http !== undefined ? { http: doctor.http } : {}),
        ...(modules.scan !== null
          ? { loadCredentials: doctor.credentialLoaderFromScan(ctx, modules.scan) }
          : {}),
      },
    );
  }

  /**
   * The report's sources, as the CLI's: the scan (with the process list), the doctor using that
   * scan's credentials, the system checks. A missing module is a missing source.
   */
  function reportSources(): ReportSources {
    const { scan, doctor } = modules;
    return {
      ...(scan !== null
        ? { scan: async (c: Context) => (await scan(c, processes !== undefined ? { processes } : {})).report }
        : {}),
      ...(doctor !== null
        ? {
            doctor: (_c: Context, url: string, scanned: ScanReport | null) =>
              doctor.runDoctor(
                ctx,
                url,
                {},
                {
                  ...(doctor.http !== undefined ? { http: doctor.http } : {}),
                  ...(scanned !== null ? { loadCredentials: credentialsFromScan(scanned) } : {}),
                },
              ),
          }
        : {}),
      ...(modules.system !== null ? { system: () => systemReport() } : {}),
    };
  }

  return {
    async doctor({ url, runId, probeRegistration, timeoutSeconds }) {
      if (modules.doctor === null) throw notAvailable('The connection doctor');
      return runDoctor(modules.doctor, url, {
        runId,
        ...(probeRegistration !== undefined ? { probeRegistration } : {}),
        ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
      });
    },

    async report({ serverUrl, errorText, when, steps, runDoctor: withDoctor }) {
      const reportModule = modules.report;
      if (reportModule === null) throw notAvailable('The support report');
      // The same collection as `mcp-auth-doctor report`: the doctor runs when a server is given,
      // and a source that fails is listed in the report instead of vanishing.
      return reportModule.collectSupportReport(
        ctx,
        {
          serverUrl: serverUrl !== undefined && serverUrl.trim() !== '' ? serverUrl.trim() : null,
          errorText: errorText ?? null,
          errorAt: when ?? null,
          steps: steps ?? null,
          ...(withDoctor !== undefined ? { runDoctor: withDoctor } : {}),
        },
        reportSources(),
      );
    },
  };
}

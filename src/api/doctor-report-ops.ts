/** The connection doctor (with live progress) and the redacted support report. */
import type { Context } from '../context';
import type { ApiRequest, ApiResponse } from '../contract';
import type { DoctorReport, ScanReport, SystemReport } from '../model/index';
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

  /** A part of the report that could not be gathered is left out, not fatal. */
  async function attempt<T>(make: (() => Promise<T>) | null): Promise<T | null> {
    if (make === null) return null;
    try {
      return await make();
    } catch {
      return null;
    }
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

    async report({ serverUrl, errorText, steps, runDoctor: withDoctor }) {
      if (modules.report === null) throw notAvailable('The support report');
      const { scan, doctor } = modules;
      const scanReport: ScanReport | null = await attempt(
        scan === null
          ? null
          : async () => (await scan(ctx, processes !== undefined ? { processes } : {})).report,
      );
      const doctorReport = await attempt(
        withDoctor === true && serverUrl !== undefined && serverUrl !== '' && doctor !== null
          ? () => runDoctor(doctor, serverUrl, {})
          : null,
      );
      const system = await attempt(modules.system === null ? null : systemReport);
      return modules.report.buildSupportReport({
        ctx,
        scan: scanReport,
        doctor: doctorReport,
        system,
        serverUrl: serverUrl ?? null,
        errorText: errorText ?? null,
        steps: steps ?? null,
      });
    },
  };
}

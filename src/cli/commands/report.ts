/**
 * `mcp-auth-doctor report [--server URL] [--out FILE] [--json] [--error TEXT] [--steps TEXT]
 * [--when TEXT]`: the redacted support report. What is saved is exactly what is printed, so the
 * user sees every byte before sending it.
 */
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Context } from '../../context';
import type { DoctorReport, ScanReport, SystemReport } from '../../model/index';
import { buildSupportReport, supportReportText } from '../../report/index';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, UsageError } from '../io';
import { realSystemDeps } from './system';
import { runSystemChecks } from '../../system/index';
import { realProcessPort } from '../../system/processes';
import { scan } from '../../scan/index';
import { runDoctor } from '../../doctor/index';
import { sameServerUrl } from '../../doctor/well-known';

/** Where the report's facts come from; each may be missing while its module is being written. */
export interface ReportSources {
  scan?: (ctx: Context) => Promise<ScanReport>;
  /** Gets the scan made for this report (when there is one) so it can check local credentials. */
  doctor?: (ctx: Context, url: string, scan: ScanReport | null) => Promise<DoctorReport>;
  system?: (ctx: Context) => Promise<SystemReport>;
}

/**
 * Running processes only mean something for this machine's own home; reading a copy of someone
 * else's (--home) leaves `running` unknown.
 */
function isOwnHome(ctx: Context): boolean {
  const own = ctx.platform === 'win32' ? ctx.env.USERPROFILE : ctx.env.HOME;
  return own !== undefined && path.resolve(own) === path.resolve(ctx.home);
}

export const realReportSources: ReportSources = {
  scan: async (ctx) => (await scan(ctx, isOwnHome(ctx) ? { processes: realProcessPort } : {})).report,
  doctor: (ctx, url, scan) =>
    runDoctor(
      ctx,
      url,
      {},
      scan !== null
        ? {
            loadCredentials: (serverUrl) =>
              Promise.resolve(
                scan.clients
                  .flatMap((c) => c.credentials)
                  .filter((c) => c.serverUrl !== null && sameServerUrl(c.serverUrl, serverUrl)),
              ),
          }
        : {},
    ),
  system: async (ctx) => runSystemChecks(ctx, await realSystemDeps.ports(ctx)),
};

interface ReportArgs {
  server?: string;
  out?: string;
  error?: string;
  steps?: string;
  when?: string;
}

function parseArgs(args: string[]): ReportArgs {
  const out: ReportArgs = {};
  const flags: Record<string, keyof ReportArgs> = {
    '--server': 'server',
    '--out': 'out',
    '--error': 'error',
    '--steps': 'steps',
    '--when': 'when',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const key = flags[name];
    if (key === undefined) throw new UsageError(`unknown argument '${arg}'`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    out[key] = value;
  }
  if (out.server !== undefined) {
    let url: URL;
    try {
      url = new URL(out.server);
    } catch {
      throw new UsageError(`--server must be a URL (got '${out.server}')`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new UsageError('--server must be an http(s) URL');
  }
  return out;
}

/** A source that fails leaves its section out; the report is still worth sending. */
async function attempt<T>(
  what: string,
  io: CommandInput['io'],
  run: (() => Promise<T>) | undefined,
): Promise<T | null> {
  if (run === undefined) return null;
  try {
    return await run();
  } catch (err) {
    io.stderr(`mcp-auth-doctor report: ${what} failed, left out of the report: ${(err as Error).message}\n`);
    return null;
  }
}

export function createReportCommand(sources: ReportSources = realReportSources): Command {
  return {
    name: 'report',
    summary: 'redacted support report',
    usage: [
      'Usage: mcp-auth-doctor report [--server URL] [--out FILE] [--json] [--error TEXT] [--steps TEXT] [--when TEXT]',
      '',
      'Builds a support report: the OAuth client ids held for the server, which client and transport',
      'reach it, your error text, when it happened and the steps you took, plus the scan summary, the',
      'doctor results for --server and the system checks. Tokens, secrets, keys, cookies and',
      'passwords are removed and home folders are shown as ~.',
      '',
      'The report is printed; with --out it is also saved to FILE, exactly as printed.',
    ].join('\n'),
    async run({ args, ctx, io, json }: CommandInput): Promise<number> {
      const options = parseArgs(args);
      const scan = await attempt('scan', io, sources.scan && (() => sources.scan!(ctx)));
      const serverUrl = options.server;
      const doctor =
        serverUrl !== undefined
          ? await attempt('doctor', io, sources.doctor && (() => sources.doctor!(ctx, serverUrl, scan)))
          : null;
      const system = await attempt('system checks', io, sources.system && (() => sources.system!(ctx)));
      const report = buildSupportReport({
        ctx,
        scan,
        doctor,
        system,
        serverUrl: serverUrl ?? null,
        errorText: options.error ?? null,
        errorAt: options.when ?? null,
        steps: options.steps ?? null,
      });
      const text = supportReportText(report, json ? 'json' : 'markdown');
      if (options.out !== undefined) {
        const file = path.resolve(options.out);
        // Owner-only: the report names servers and client ids, and it is the user's to share.
        await writeFileAtomic(file, text, { mode: 0o600 });
        io.stderr(
          `Saved to ${file} (${report.redactions} secret values removed). This is its exact content:\n`,
        );
      }
      io.stdout(text);
      return EXIT_OK;
    },
  };
}

export const reportCommand = createReportCommand();

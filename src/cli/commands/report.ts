/**
 * `mcp-auth-doctor report [--server URL] [--out FILE] [--json] [--error TEXT] [--steps TEXT]
 * [--when TEXT]`: the redacted support report. What is saved is exactly what is printed, so the
 * user sees every byte before sending it.
 */
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { collectSupportReport, supportReportText, type ReportSources } from '../../report/index';
import { realReportSources } from '../../report/real-sources';
import { redactText } from '../../redact/index';
import type { Command, CommandInput } from '../command';
import { EXIT_ERROR, EXIT_OK, UsageError } from '../io';

export type { ReportSources } from '../../report/collect';

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

/**
 * Why a save failed, in words, naming nothing but the user's own path: write-file-atomic writes
 * a temp file next to it first, and its error names that (`x.md.3077390120`).
 */
function saveProblem(err: unknown, file: string): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'that is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return message.split(/\r?\n/)[0]!.replace(new RegExp(`${escapeRe(file)}\\.\\d+`, 'g'), file);
    }
  }
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
      const report = await collectSupportReport(
        ctx,
        {
          serverUrl: options.server ?? null,
          errorText: options.error ?? null,
          errorAt: options.when ?? null,
          steps: options.steps ?? null,
        },
        sources,
        (what, err) =>
          io.stderr(
            `mcp-auth-doctor report: ${what} failed, left out of the report: ${redactText(err.message, { env: ctx.env })}\n`,
          ),
      );
      const text = supportReportText(report, json ? 'json' : 'markdown');
      if (options.out !== undefined) {
        const file = path.resolve(options.out);
        // Owner-only: the report names servers and client ids, and it is the user's to share.
        const problem = await writeFileAtomic(file, text, { mode: 0o600 }).then(
          () => null,
          (err: unknown) => `could not save the report to ${options.out}: ${saveProblem(err, file)}`,
        );
        // --json answers a failure with one error document; in Markdown the report the scan,
        // doctor and checks took time to build is still printed rather than lost.
        if (problem !== null && json) throw new Error(problem);
        if (problem !== null) {
          io.stdout(text);
          io.stderr(
            `mcp-auth-doctor report: ${redactText(problem, { env: ctx.env })}; it is printed above instead\n`,
          );
          return EXIT_ERROR;
        }
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

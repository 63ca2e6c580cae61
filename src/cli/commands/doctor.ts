/**
 * `mcp-auth-doctor doctor URL [--probe-registration] [--timeout SECONDS] [--json]`: walk the OAuth
 * handshake against a server. A live checklist on a terminal, plain lines otherwise, exactly one
 * `doctor@1` JSON document with --json. Exit 0 when every check passed or was skipped, 1 when a
 * check failed or warned (problems found, the same rule as `scan`), 2 on usage errors.
 */
import type { Context } from '../../context';
import {
  CHECKS,
  credentialLoaderFromScan,
  runDoctor,
  type CredentialLoader,
  type DoctorDeps,
  type HttpPort,
} from '../../doctor/index';
import { redactUrl } from '../../doctor/redact';
import { checklistLine, reportLines, type ChecklistRow } from '../../doctor/text';
import type { DoctorEvent } from '../../model/index';
import { scan } from '../../scan/index';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, styleFor } from '../io';

const USAGE = `Usage: mcp-auth-doctor doctor URL [--probe-registration] [--timeout SECONDS] [--json]

Walks the OAuth handshake against an MCP server URL, read-only: the 401 challenge, the protected
resource and authorization server metadata, issuer, PKCE, registration, refresh tokens, CORS,
popup policy, the token endpoint, firewalls in the way, and the credentials your clients cached
for this URL. No cached token is ever sent.

Options:
  --timeout SECONDS      per-request timeout (default 5; the whole run stops after 6 of them)
  --probe-registration   also register a test client on the authorization server (creates one)
  --json                 print one mcp-auth-doctor/doctor@1 JSON document

Exit status: 0 every check passed or was skipped, 1 a check failed or warned (problems found),
2 usage or runtime error.`;

export interface DoctorCommandDeps {
  /** The cached credentials for a URL (the scanner), or undefined when there is none. */
  credentials?: (ctx: Context) => CredentialLoader | undefined;
  http?: HttpPort;
}

interface DoctorArgs {
  url: string;
  timeoutMs: number;
  probeRegistration: boolean;
}

export function parseDoctorArgs(args: string[]): DoctorArgs {
  let url: string | undefined;
  let timeoutMs = 5000;
  let probeRegistration = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name === '--probe-registration' && inline === undefined) {
      probeRegistration = true;
    } else if (name === '--timeout') {
      const value = inline ?? args[++i];
      const seconds = Number(value);
      if (
        value === undefined ||
        value.trim() === '' ||
        !Number.isFinite(seconds) ||
        seconds <= 0 ||
        seconds > 600
      ) {
        throw new UsageError(`--timeout needs a number of seconds between 0 and 600 (got '${value ?? ''}')`);
      }
      timeoutMs = Math.round(seconds * 1000);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (url === undefined) {
      url = arg;
    } else {
      throw new UsageError(`one URL at a time (got '${url}' and '${arg}')`);
    }
  }
  if (url === undefined) throw new UsageError('which server? Give its MCP URL, e.g. https://example.com/mcp');
  return { url, timeoutMs, probeRegistration };
}

/** Redraws the checklist in place: cursor up over the previous drawing, then every row again. */
function liveChecklist(input: CommandInput): (e: DoctorEvent) => void {
  const style = styleFor(input.io, input.ctx.env);
  const rows = new Map<string, ChecklistRow>(
    CHECKS.map((c) => [c.id, { title: c.title, status: 'running' }]),
  );
  let drawn = 0;
  const draw = (): void => {
    const up = drawn > 0 ? `\u001b[${drawn}A` : '';
    const lines = [...rows.values()].map((r) => `\u001b[2K${checklistLine(r, style)}`);
    input.io.stdout(`${up}${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  draw();
  return (e) => {
    if (e.type !== 'check-finished') return;
    rows.set(e.result.id, {
      title: e.result.title,
      status: e.result.status,
      durationMs: e.result.durationMs,
    });
    draw();
  };
}

export function makeDoctorCommand(deps: DoctorCommandDeps): Command {
  return {
    name: 'doctor',
    summary: 'walk the OAuth handshake against a server URL',
    usage: USAGE,
    async run(input) {
      const args = parseDoctorArgs(input.args);
      const { ctx, io } = input;
      const loadCredentials = deps.credentials?.(ctx);
      const doctorDeps: DoctorDeps = {
        ...(deps.http ? { http: deps.http } : {}),
        ...(loadCredentials ? { loadCredentials } : {}),
      };
      const live = !input.json && io.isTty;
      const style = styleFor(io, ctx.env);
      if (live) io.stdout(`${style.bold('Doctor:')} ${redactUrl(args.url)}\n`);
      const onEvent = live ? liveChecklist(input) : null;
      const report = await runDoctor(
        ctx,
        args.url,
        {
          timeoutMs: args.timeoutMs,
          probeRegistration: args.probeRegistration,
          ...(onEvent ? { onEvent } : {}),
        },
        doctorDeps,
      );
      if (input.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        io.stdout(`${reportLines(report, style, !live).join('\n')}\n`);
      }
      return report.checks.some((c) => c.status === 'fail' || c.status === 'warn') ? EXIT_PROBLEMS : EXIT_OK;
    },
  };
}

/** The real command: local-credentials compares against what the scanner finds in --home. */
export const doctorCommand = makeDoctorCommand({
  credentials: (ctx) => credentialLoaderFromScan(ctx, scan),
});

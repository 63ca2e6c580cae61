/**
 * `mcp-auth-doctor system [--json] [--open-test-page [--wait SECONDS]]`: can clients open the
 * browser for sign-in, which clients are running, and will requests get out (proxy, TLS).
 */
import path from 'node:path';
import type { Context } from '../../context';
import { CLIENTS } from '../../clients/registry';
import type { SystemReport } from '../../model/system';
import { createRealSystemPorts } from '../../system/real-ports';
import { realProcessPort } from '../../system/processes';
import { redactSystemValue, runSystemChecks, systemHasProblems } from '../../system/index';
import { openTestPage, type TestPageResult } from '../../system/open-test-page';
import type { SystemPorts } from '../../system/ports';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, styleFor, type Style } from '../io';

export interface SystemCommandDeps {
  ports: (ctx: Context) => SystemPorts | Promise<SystemPorts>;
}

export const realSystemDeps: SystemCommandDeps = {
  ports: (ctx) => createRealSystemPorts(ctx, { processes: realProcessPort, clients: CLIENTS }),
};

interface SystemArgs {
  openTestPage: boolean;
  waitSeconds: number;
}

function parseArgs(args: string[]): SystemArgs {
  const out: SystemArgs = { openTestPage: false, waitSeconds: 20 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name === '--open-test-page') out.openTestPage = true;
    else if (name === '--wait') {
      const raw = inline ?? args[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isFinite(n) || n < 0 || n > 600) {
        throw new UsageError('--wait needs a number of seconds between 0 and 600');
      }
      out.waitSeconds = n;
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return out;
}

function statusWord(style: Style, status: string): string {
  if (status === 'ok') return style.green(status);
  if (status === 'missing') return style.red(status);
  return style.yellow(status);
}

function humanReport(report: SystemReport, style: Style): string {
  const lines: string[] = [];
  const b = report.browserOpener;
  lines.push(`${style.bold('Browser opener:')} ${statusWord(style, b.status)} — ${b.detail}`);
  if (b.status !== 'ok' && b.fix !== undefined) lines.push(`  ${style.dim('Fix:')} ${b.fix}`);
  const running =
    report.processListError !== undefined && report.processListError !== null
      ? `unknown (${report.processListError})`
      : report.runningClients.length > 0
        ? report.runningClients.join(', ')
        : 'none';
  lines.push(`${style.bold('Running clients:')} ${running}`);
  const p = report.proxy;
  const env = [
    ['HTTP_PROXY', p.httpProxy],
    ['HTTPS_PROXY', p.httpsProxy],
    ['NO_PROXY', p.noProxy],
    ['NODE_EXTRA_CA_CERTS', p.extraCaCerts],
  ]
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${v}`);
  const os = Object.entries(p.os).map(([k, v]) => `${k}=${v}`);
  lines.push(`${style.bold('Proxy (env):')} ${env.length > 0 ? env.join(', ') : 'none'}`);
  lines.push(`${style.bold('Proxy (OS):')} ${os.length > 0 ? os.join(', ') : 'none found'}`);
  for (const note of p.notes) lines.push(`  ${style.dim('Note:')} ${note}`);
  // The opener's own finding repeats what its line above already says.
  const others = report.findings.filter((f) => !f.code.startsWith('browser-opener-'));
  if (others.length > 0) {
    lines.push('', style.bold('Findings:'));
    for (const f of others) {
      const sev =
        f.severity === 'error'
          ? style.red(f.severity)
          : f.severity === 'warning'
            ? style.yellow(f.severity)
            : f.severity;
      lines.push(`  ${sev} ${f.code}: ${f.message}`, `    ${style.dim('Fix:')} ${f.fix}`);
    }
  }
  const problems = report.findings.filter((f) => f.severity !== 'info').length;
  lines.push(
    '',
    problems > 0 ? `${problems} problem${problems === 1 ? '' : 's'} found.` : 'No problems found.',
  );
  return lines.join('\n') + '\n';
}

function humanTestPage(result: TestPageResult, style: Style): string {
  const head = result.opened
    ? style.green('Browser test: the page opened.')
    : style.yellow('Browser test: not confirmed.');
  return `${head}\n  Page: ${result.target}\n  ${result.detail}\n`;
}

export function createSystemCommand(deps: SystemCommandDeps = realSystemDeps): Command {
  return {
    name: 'system',
    summary: 'browser opener, running clients, proxy settings',
    usage: [
      'Usage: mcp-auth-doctor system [--json] [--open-test-page [--wait SECONDS]]',
      '',
      'Checks that clients can open the browser for sign-in (xdg-open, default browser, WSL;',
      'LaunchServices on macOS; the https handler on Windows), which clients are running, and the',
      'proxy / TLS settings that decide whether requests leave this computer.',
      '',
      '  --open-test-page  also open a harmless local page the way clients open their sign-in page',
      '                    and report whether a browser loaded it',
      '  --wait SECONDS    how long to wait for the browser (default 20)',
      '',
      'Exit status: 0 nothing wrong, 1 problems found (or the test page did not open), 2 error.',
    ].join('\n'),
    async run({ args, ctx, io, json, dataDir }: CommandInput): Promise<number> {
      const options = parseArgs(args);
      const ports = await deps.ports(ctx);
      const report = await runSystemChecks(ctx, ports);
      const style = styleFor(io, ctx.env);
      let testPage: TestPageResult | null = null;
      if (options.openTestPage) {
        if (!json) io.stderr('Opening a test page in your browser…\n');
        testPage = await openTestPage(ctx, {
          dir: path.join(dataDir, 'browser-test'),
          opener: report.browserOpener,
          waitMs: options.waitSeconds * 1000,
        });
        if (testPage.needsAnswer && !json && io.confirm !== undefined) {
          const seen = await io.confirm(`Did a page with code ${testPage.marker} appear in your browser?`);
          testPage = {
            ...testPage,
            opened: seen,
            detail: seen
              ? 'You saw the test page, so clients can open their sign-in page too.'
              : testPage.detail,
          };
        }
      }
      // The report is redacted where it is made; the test page's words are redacted here.
      if (testPage !== null) testPage = redactSystemValue(ctx, testPage);
      if (json) {
        io.stdout(`${JSON.stringify(testPage !== null ? { ...report, testPage } : report, null, 2)}\n`);
      } else {
        io.stdout(humanReport(report, style));
        if (testPage !== null) io.stdout(humanTestPage(testPage, style));
      }
      const failed = systemHasProblems(report) || (testPage !== null && !testPage.opened);
      return failed ? EXIT_PROBLEMS : EXIT_OK;
    },
  };
}

export const systemCommand = createSystemCommand();

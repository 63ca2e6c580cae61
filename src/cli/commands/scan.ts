/**
 * `mcp-auth-doctor scan [--client ID]... [--json]`: every client's config, servers, cached
 * credentials (fingerprints only) and findings. Exit 0 when nothing is wrong, 1 when any error or
 * warning was found, 2 on a usage error or a failure of the scan itself.
 */
import path from 'node:path';
import type { Context } from '../../context';
import { CLIENTS } from '../../clients/registry';
import type { ClientId, ClientReport, Credential, Finding, ScanReport } from '../../model/scan';
import type { ProcessPort } from '../../system/process-port';
import { processesForHome } from '../../system/processes';
import { scan as realScan } from '../../scan/index';
import type { ScanFn } from '../../scan/types';
import type { Command, CommandInput } from '../command';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, styleFor, type Style } from '../io';

export interface ScanCommandDeps {
  scan: ScanFn;
  /** The process list for `running` and lock liveness; undefined leaves them unknown. */
  processes: (ctx: Context) => ProcessPort | undefined;
}

/**
 * Processes are only looked at when the scan reads this machine's own home with its own layout:
 * for a copy of someone else's home (`--home`, `--platform`), pids and process names mean nothing.
 */
export const realScanDeps: ScanCommandDeps = {
  scan: realScan,
  processes: (ctx) => processesForHome(ctx),
};

const USAGE = [
  'Usage: mcp-auth-doctor scan [--client ID]... [--json]',
  '',
  'Finds MCP clients, the servers they are configured for, the OAuth state they keep on disk',
  '(registrations, tokens, verifiers, locks; secrets shown as fingerprints only) and what is wrong.',
  '',
  `  --client ID   only this client (repeatable): ${CLIENTS.map((c) => c.id).join(', ')}`,
  '  --json        print one JSON document (schema mcp-auth-doctor/scan@1)',
  '',
  'Exit status: 0 nothing wrong, 1 problems found (errors or warnings), 2 usage or runtime error.',
].join('\n');

export function parseScanArgs(args: string[]): { clients: ClientId[] } {
  const clients: ClientId[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (name !== '--client') throw new UsageError(`unknown argument '${arg}'`);
    const value = inline ?? args[++i];
    if (value === undefined || value === '') throw new UsageError('--client needs a client id');
    const known = CLIENTS.find((c) => c.id === value);
    if (!known)
      throw new UsageError(`unknown client '${value}' (known: ${CLIENTS.map((c) => c.id).join(', ')})`);
    if (!clients.includes(known.id)) clients.push(known.id);
  }
  return { clients };
}

export function scanHasProblems(report: ScanReport): boolean {
  return report.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
}

function tilde(p: string, home: string): string {
  if (home === '') return p;
  if (p === home) return '~';
  return p.startsWith(home + path.sep) ? `~${path.sep}${p.slice(home.length + 1)}` : p;
}

function credentialLines(c: Credential, style: Style, home: string, now: number): string[] {
  const server = c.serverUrl ?? style.dim('(server unknown)');
  const name = c.serverName !== null ? ` ${style.dim(`[${c.serverName}]`)}` : '';
  const tokens = [
    c.hasAccessToken ? 'access token' : 'no access token',
    c.hasRefreshToken ? 'refresh token' : 'no refresh token',
  ].join(', ');
  let expiry = '';
  if (c.expiresAt !== null) {
    const expired = Date.parse(c.expiresAt) <= now;
    expiry = expired ? `, ${style.yellow(`expired ${c.expiresAt}`)}` : `, expires ${c.expiresAt}`;
  }
  const lines = [
    `    ${style.bold(c.id)}  ${server}${name}`,
    `      issuer: ${c.issuer ?? 'unknown'}; client id: ${c.oauthClientId ?? 'none'} (${c.registration}); ${tokens}${expiry}`,
  ];
  if (c.scopes.length > 0) lines.push(`      scopes: ${c.scopes.join(' ')}`);
  lines.push(`      fingerprint: ${c.fingerprint ?? 'none'}${c.entry !== null ? `; entry ${c.entry}` : ''}`);
  for (const f of c.files) lines.push(`      ${style.dim(tilde(f.path, home))}`);
  return lines;
}

function clientBlock(client: ClientReport, style: Style, home: string, now: number): string[] {
  const running =
    client.running === null ? '' : client.running ? `, ${style.yellow('running')}` : ', not running';
  const lines = [style.bold(`${client.label} (${client.id})`) + style.dim(`  installed${running}`)];
  const existing = client.paths.filter((p) => p.exists);
  if (existing.length > 0) {
    lines.push('  Paths:');
    for (const p of existing) lines.push(`    ${tilde(p.path, home)} ${style.dim(`(${p.role})`)}`);
  }
  if (client.servers.length > 0) {
    lines.push('  Servers:');
    for (const s of client.servers) {
      lines.push(`    ${s.name}  ${s.transport}  ${s.url ?? style.dim('(local command)')}`);
    }
  }
  if (client.credentials.length > 0) {
    lines.push(`  Credentials (${client.credentials.length}):`);
    for (const c of client.credentials) lines.push(...credentialLines(c, style, home, now));
  } else {
    lines.push(`  Credentials: none on disk`);
  }
  for (const note of client.notes) lines.push(`  ${style.dim(`Note: ${note}`)}`);
  return lines;
}

function severityTag(f: Finding, style: Style): string {
  if (f.severity === 'error') return style.red('error');
  if (f.severity === 'warning') return style.yellow('warning');
  return style.dim('info');
}

export function humanScan(report: ScanReport, style: Style): string {
  const now = Date.parse(report.scannedAt);
  const lines: string[] = [`Scanned ${report.home} (${report.platform} layout) at ${report.scannedAt}`, ''];
  const installed = report.clients.filter((c) => c.installed);
  for (const client of installed) lines.push(...clientBlock(client, style, report.home, now), '');
  const missing = report.clients.filter((c) => !c.installed);
  if (missing.length > 0) lines.push(style.dim(`Not found: ${missing.map((c) => c.label).join(', ')}`), '');
  if (report.findings.length > 0) {
    lines.push(style.bold('Findings:'));
    for (const f of report.findings) {
      const where = [f.client, f.credential].filter((x) => x !== null).join(' ');
      lines.push(`  [${severityTag(f, style)}] ${f.code}${where !== '' ? style.dim(` (${where})`) : ''}`);
      lines.push(`    ${f.message}`);
      lines.push(`    ${style.green('Fix:')} ${f.fix}`);
    }
    lines.push('');
  }
  const count = (s: Finding['severity']): number => report.findings.filter((f) => f.severity === s).length;
  const servers = installed.reduce((n, c) => n + c.servers.length, 0);
  const credentials = installed.reduce((n, c) => n + c.credentials.length, 0);
  const problems = count('error') + count('warning');
  const summary = `${installed.length} client(s) found, ${servers} server(s), ${credentials} credential(s); ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).`;
  lines.push(problems > 0 ? style.yellow(summary) : style.green(summary));
  return lines.join('\n') + '\n';
}

export function createScanCommand(deps: ScanCommandDeps = realScanDeps): Command {
  return {
    name: 'scan',
    summary: 'find clients, configured servers, cached credentials and what is wrong',
    usage: USAGE,
    async run({ args, ctx, io, json }: CommandInput): Promise<number> {
      const { clients } = parseScanArgs(args);
      const processes = deps.processes(ctx);
      const result = await deps.scan(ctx, {
        ...(clients.length > 0 ? { clients } : {}),
        ...(processes !== undefined ? { processes } : {}),
      });
      const report = result.report;
      if (json) io.stdout(JSON.stringify(report, null, 2) + '\n');
      else io.stdout(humanScan(report, styleFor(io, ctx.env)));
      return scanHasProblems(report) ? EXIT_PROBLEMS : EXIT_OK;
    },
  };
}

export const scanCommand: Command = createScanCommand();

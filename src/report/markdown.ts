/** The human half of the support report. Renders already-redacted facts; adds no data. */
import type { Finding } from '../model/scan';
import type { ReportBody } from './body';

/** One table cell: no line breaks, no column breaks. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A fenced block that user text cannot close early, whatever backticks it holds. */
function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function table(head: string[], rows: (string | number | boolean | null | undefined)[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function findingLines(findings: Finding[]): string[] {
  return findings.map(
    (f) =>
      `- **${f.severity}** \`${f.code}\`${f.client !== null ? ` (${f.client})` : ''}: ${cell(f.message)} — *Fix:* ${cell(f.fix)}`,
  );
}

export function renderMarkdown(body: ReportBody, createdAt: string, redactions: number): string {
  const out: string[] = [];
  const p = body.problem;
  out.push(
    '# MCP Auth Doctor support report',
    '',
    `Created ${createdAt} by ${body.app.name} ${body.app.version} on ${body.app.platform}.`,
    '',
    ...(body.leftOut.length > 0
      ? [
          '**Left out, because they failed:**',
          '',
          ...body.leftOut.map((l) => `- the ${l.source}: ${cell(l.reason)}`),
          '',
        ]
      : []),
    '## The problem',
    '',
    `- **Server:** ${p.serverUrl ?? 'not given'}`,
    `- **Resource (canonical URL):** ${p.resource ?? '—'}`,
    `- **When:** ${p.errorAt ?? 'not given'}`,
  );
  out.push('', '**Error text:**', '', p.errorText !== null ? fenced(p.errorText) : '_not given_');
  out.push('', '**Steps taken:**', '', p.steps !== null ? fenced(p.steps) : '_not given_');

  out.push('', p.serverUrl !== null ? '## OAuth clients held for this server' : '## OAuth clients held', '');
  if (body.oauthClients.length === 0) {
    out.push(body.scan === null ? '_No scan in this report._' : '_No cached credential found._');
  } else {
    out.push(
      ...table(
        ['Client', 'Server', 'OAuth client_id', 'Registration', 'Issuer', 'Tokens', 'Expires', 'Fingerprint'],
        body.oauthClients.map((c) => [
          c.clientLabel,
          c.serverUrl ?? c.serverName,
          c.oauthClientId,
          c.registration,
          c.issuer,
          [c.hasAccessToken ? 'access' : null, c.hasRefreshToken ? 'refresh' : null]
            .filter(Boolean)
            .join(' + ') || 'none',
          c.expiresAt,
          c.fingerprint,
        ]),
      ),
    );
  }

  out.push('', '## Clients and transports', '');
  if (body.connections.length === 0) {
    out.push(
      body.scan === null
        ? '_No scan in this report._'
        : p.serverUrl !== null
          ? '_No client configures this server._'
          : '_No client configures a remote server._',
    );
  } else {
    out.push(
      ...table(
        ['Client', 'Server name', 'URL', 'Transport', 'Configured in'],
        body.connections.map((c) => [c.clientLabel, c.server, c.url, c.transport, c.source]),
      ),
    );
  }

  out.push('', '## Scan summary', '');
  if (body.scan === null) {
    out.push('_No scan in this report._');
  } else {
    const s = body.scan;
    const installed = s.clients.filter((c) => c.installed);
    const count = (sev: Finding['severity']): number => s.findings.filter((f) => f.severity === sev).length;
    out.push(
      `Scanned ${s.scannedAt} (${s.platform}, home ${s.home}): ${installed.length} of ${s.clients.length} clients installed, ` +
        `${s.clients.reduce((n, c) => n + c.credentials, 0)} cached credentials, ` +
        `${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes.`,
      '',
      ...table(
        ['Client', 'Installed', 'Running', 'Servers', 'Credentials'],
        installed.map((c) => [
          c.label,
          'yes',
          c.running === null ? 'unknown' : c.running ? 'yes' : 'no',
          c.servers,
          c.credentials,
        ]),
      ),
    );
    if (s.findings.length > 0) out.push('', '### Findings', '', ...findingLines(s.findings));
  }

  out.push('', '## Doctor', '');
  if (body.doctor === null) {
    out.push('_No doctor run in this report._');
  } else {
    const d = body.doctor;
    out.push(
      `${d.url}, started ${d.startedAt}, ${d.durationMs} ms.`,
      '',
      ...table(
        ['Check', 'Result', 'What it means', 'Fix'],
        d.checks.map((c) => [c.title, c.status, c.explanation, c.status === 'pass' ? '' : c.fix]),
      ),
    );
    const evidence = d.checks.flatMap((c) =>
      c.evidence.map((e) => {
        const headers = Object.entries(e.headers).map(([k, v]) => `${k}: ${v}`);
        return `- ${c.id}: \`${e.request}\` → ${e.status ?? 'no response'}${e.note !== '' ? ` (${cell(e.note)})` : ''}${headers.length > 0 ? `; ${cell(headers.join('; '))}` : ''}`;
      }),
    );
    if (evidence.length > 0) out.push('', '### Evidence', '', ...evidence);
  }

  out.push('', '## This computer', '');
  if (body.system === null) {
    out.push('_No system checks in this report._');
  } else {
    const sys = body.system;
    const proxy = sys.proxy;
    const osProxy = Object.entries(proxy.os).map(([k, v]) => `${k}=${v}`);
    out.push(
      `- **Browser opener:** ${sys.browserOpener.status} — ${cell(sys.browserOpener.detail)}`,
      `- **Running clients:** ${sys.processListError ? `unknown (${cell(sys.processListError)})` : sys.runningClients.length > 0 ? sys.runningClients.join(', ') : 'none'}`,
      `- **HTTP_PROXY / HTTPS_PROXY / NO_PROXY:** ${cell(proxy.httpProxy)} / ${cell(proxy.httpsProxy)} / ${cell(proxy.noProxy)}`,
      `- **NODE_EXTRA_CA_CERTS:** ${cell(proxy.extraCaCerts)}`,
      `- **OS proxy:** ${osProxy.length > 0 ? cell(osProxy.join(', ')) : 'none found'}`,
      ...proxy.notes.map((n) => `- ${cell(n)}`),
    );
    if (sys.findings.length > 0) out.push('', '### Findings', '', ...findingLines(sys.findings));
  }

  out.push(
    '',
    '---',
    '',
    `Redacted before display: ${redactions} secret value${redactions === 1 ? '' : 's'} removed (tokens, secrets, keys, cookies, passwords), home folders shown as \`~\`. ` +
      'Credentials appear only as fingerprints (sha256 prefixes).',
    '',
  );
  return out.join('\n');
}

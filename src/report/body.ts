/**
 * The facts a support engineer asks for, gathered from the public records before redaction:
 * the failing OAuth client ids and server, which client and transport, the error and when, the
 * steps taken, then the scan summary, the doctor results and the system checks.
 */
import type { Context } from '../context';
import type { CheckStatus, DoctorReport, Evidence } from '../model/doctor';
import type { ClientId, Finding, Registration, ScanReport, Transport } from '../model/scan';
import type { SystemReport } from '../model/system';
import { VERSION } from '../version';

export interface SupportReportInput {
  ctx: Context;
  scan?: ScanReport | null;
  doctor?: DoctorReport | null;
  system?: SystemReport | null;
  /** The server the user is stuck on. */
  serverUrl?: string | null;
  /** What the user saw, in their words. */
  errorText?: string | null;
  /** When they saw it (free text or ISO); defaults to unknown. */
  errorAt?: string | null;
  steps?: string | null;
  /** Exact strings known to be secret, removed wherever they turn up. */
  secrets?: readonly string[];
  /** Sources that failed, so the report says what is missing and why instead of going quiet. */
  leftOut?: readonly LeftOut[];
}

export type ReportSource = 'scan' | 'doctor' | 'system checks';

export interface LeftOut {
  source: ReportSource;
  /** The error, first line only (redacted with everything else). */
  reason: string;
}

export interface OAuthClientFact {
  client: ClientId;
  clientLabel: string;
  serverUrl: string | null;
  serverName: string | null;
  oauthClientId: string | null;
  registration: Registration;
  issuer: string | null;
  scopes: string[];
  hasAccessToken: boolean;
  hasRefreshToken: boolean;
  expiresAt: string | null;
  fingerprint: string | null;
  credentialId: string;
}

export interface ConnectionFact {
  client: ClientId;
  clientLabel: string;
  server: string;
  url: string | null;
  transport: Transport;
  source: string;
}

export interface ReportBody {
  app: { name: 'mcp-auth-doctor'; version: string; platform: string };
  problem: {
    serverUrl: string | null;
    /** The server URL in canonical form: what OAuth calls the resource. */
    resource: string | null;
    errorText: string | null;
    errorAt: string | null;
    steps: string | null;
  };
  /** Sections that could not be gathered, and why. */
  leftOut: LeftOut[];
  /** The OAuth client ids held for the server (all of them when no server was named). */
  oauthClients: OAuthClientFact[];
  /** Which clients reach the server, and how. */
  connections: ConnectionFact[];
  scan: {
    scannedAt: string;
    platform: string;
    home: string;
    clients: {
      id: ClientId;
      label: string;
      installed: boolean;
      running: boolean | null;
      servers: number;
      credentials: number;
    }[];
    findings: Finding[];
  } | null;
  doctor: {
    url: string;
    startedAt: string;
    durationMs: number;
    checks: {
      id: string;
      title: string;
      status: CheckStatus;
      explanation: string;
      fix: string;
      evidence: Evidence[];
    }[];
  } | null;
  system: Omit<SystemReport, 'schema'> | null;
}

/** Canonical form for comparing server URLs: lower-case origin, default port dropped, no slash. */
export function canonicalServerUrl(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  try {
    const url = new URL(raw.trim());
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.protocol}//${url.host.toLowerCase()}${path}`;
  } catch {
    return null;
  }
}

const blankToNull = (s: string | null | undefined): string | null =>
  s === null || s === undefined || s.trim() === '' ? null : s.trim();

export function gatherFacts(input: SupportReportInput): ReportBody {
  const { ctx, scan, doctor, system } = input;
  const wanted = canonicalServerUrl(input.serverUrl ?? doctor?.url ?? null);
  const matches = (url: string | null): boolean => wanted === null || canonicalServerUrl(url) === wanted;

  const oauthClients: OAuthClientFact[] = [];
  const connections: ConnectionFact[] = [];
  for (const client of scan?.clients ?? []) {
    for (const c of client.credentials) {
      if (!matches(c.serverUrl)) continue;
      oauthClients.push({
        client: c.client,
        clientLabel: client.label,
        serverUrl: c.serverUrl,
        serverName: c.serverName,
        oauthClientId: c.oauthClientId,
        registration: c.registration,
        issuer: c.issuer,
        scopes: c.scopes,
        hasAccessToken: c.hasAccessToken,
        hasRefreshToken: c.hasRefreshToken,
        expiresAt: c.expiresAt,
        fingerprint: c.fingerprint,
        credentialId: c.id,
      });
    }
    for (const s of client.servers) {
      if (s.url === null || !matches(s.url)) continue;
      connections.push({
        client: client.id,
        clientLabel: client.label,
        server: s.name,
        url: s.url,
        transport: s.transport,
        source: s.source,
      });
    }
  }

  return {
    app: { name: 'mcp-auth-doctor', version: VERSION, platform: ctx.platform },
    problem: {
      serverUrl: blankToNull(input.serverUrl ?? doctor?.url ?? null),
      resource: wanted,
      errorText: blankToNull(input.errorText),
      errorAt: blankToNull(input.errorAt),
      steps: blankToNull(input.steps),
    },
    leftOut: (input.leftOut ?? []).map((l) => ({
      source: l.source,
      reason: l.reason.split(/\r?\n/)[0]!.slice(0, 500),
    })),
    oauthClients,
    connections,
    scan:
      scan === null || scan === undefined
        ? null
        : {
            scannedAt: scan.scannedAt,
            platform: scan.platform,
            home: scan.home,
            clients: scan.clients.map((c) => ({
              id: c.id,
              label: c.label,
              installed: c.installed,
              running: c.running,
              servers: c.servers.length,
              credentials: c.credentials.length,
            })),
            findings: scan.findings,
          },
    doctor:
      doctor === null || doctor === undefined
        ? null
        : {
            url: doctor.url,
            startedAt: doctor.startedAt,
            durationMs: doctor.durationMs,
            checks: doctor.checks.map((c) => ({
              id: c.id,
              title: c.title,
              status: c.status,
              explanation: c.explanation,
              fix: c.fix,
              evidence: c.evidence,
            })),
          },
    system:
      system === null || system === undefined
        ? null
        : {
            browserOpener: system.browserOpener,
            runningClients: system.runningClients,
            proxy: system.proxy,
            findings: system.findings,
            ...(system.processListError !== undefined ? { processListError: system.processListError } : {}),
            ...(system.checkedAt !== undefined ? { checkedAt: system.checkedAt } : {}),
          },
  };
}

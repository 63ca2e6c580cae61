/** Hand-built public records (what the core would return) for store tests. */
import type { ResetPlanView } from '../../src/contract';
import {
  DOCTOR_SCHEMA,
  RESET_SCHEMA,
  SCAN_SCHEMA,
  type CheckResult,
  type ClientReport,
  type Credential,
  type DoctorReport,
  type Finding,
  type ScanReport,
} from '../../src/model/index';

export function credential(id: string, overrides: Partial<Credential> = {}): Credential {
  return {
    id,
    client: 'mcp-remote',
    serverUrl: `https://${id}.example.com/mcp`,
    serverName: null,
    issuer: 'https://auth.example.com',
    oauthClientId: `client-${id}`,
    registration: 'dcr',
    scopes: [],
    hasAccessToken: true,
    hasRefreshToken: true,
    expiresAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-11-20T00:00:00.000Z',
    files: [
      {
        path: `/home/u/.mcp-auth/mcp-remote-v1/${id}_tokens.json`,
        bytes: 100,
        modifiedAt: '2026-11-20T00:00:00.000Z',
      },
    ],
    entry: null,
    fingerprint: 'sha256:0123456789ab',
    ...overrides,
  };
}

export function client(
  id: ClientReport['id'],
  label: string,
  credentials: Credential[],
  installed = true,
): ClientReport {
  return { id, label, installed, running: false, paths: [], servers: [], credentials, notes: [] };
}

export function finding(overrides: Partial<Finding> & Pick<Finding, 'code'>): Finding {
  return {
    severity: 'warning',
    client: 'mcp-remote',
    credential: null,
    path: null,
    message: `message for ${overrides.code}`,
    fix: `fix for ${overrides.code}`,
    ...overrides,
  };
}

export function scanReport(clients: ClientReport[], findings: Finding[] = []): ScanReport {
  return {
    schema: SCAN_SCHEMA,
    scannedAt: '2026-11-26T12:00:00.000Z',
    home: '/home/u',
    platform: 'linux',
    clients,
    findings,
  };
}

export function planView(planId: string, paths: string[], runningClients: string[] = []): ResetPlanView {
  return {
    schema: RESET_SCHEMA,
    dryRun: true,
    backupId: null,
    planId,
    runningClients,
    backupDir: '/home/u/.config/MCP Auth Doctor/backups/next',
    createdAt: '2026-11-26T12:00:00.000Z',
    items: paths.map((path) => ({
      credential: 'a',
      path,
      entry: null,
      action: 'delete-file',
      status: 'planned',
      reason: null,
    })),
  };
}

export function checkResult(id: CheckResult['id'], status: CheckResult['status']): CheckResult {
  return { id, title: `Title of ${id}`, status, durationMs: 5, evidence: [], explanation: '', fix: '' };
}

export function doctorReport(url: string, checks: CheckResult[]): DoctorReport {
  return { schema: DOCTOR_SCHEMA, url, startedAt: '2026-11-26T12:00:00.000Z', durationMs: 42, checks };
}

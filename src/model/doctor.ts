/** Public doctor records (cli-contract.md: `doctor@1`). Evidence never holds a secret. */
export const DOCTOR_CHECK_IDS = [
  'url',
  'reachability',
  'challenge',
  'edge-block',
  'resource-metadata',
  'auth-server-metadata',
  'issuer',
  'pkce',
  'registration',
  'offline-access',
  'cors',
  'popup-policy',
  'token-endpoint',
  'local-credentials',
  'registration-probe',
] as const;
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number];
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Evidence {
  request: string;
  status: number | null;
  headers: Record<string, string>;
  note: string;
  /** How long the request took (absent for evidence that is not a request). */
  durationMs?: number;
}

/** Whose side a problem is on, so the user knows whom to ask. */
export type DoctorOwner = 'server' | 'authorization-server' | 'edge' | 'network' | 'client-cache' | 'url';

export interface CheckResult {
  id: DoctorCheckId;
  title: string;
  status: CheckStatus;
  durationMs: number;
  evidence: Evidence[];
  explanation: string;
  fix: string;
  /** For local-credentials failures: the credential ids a reset would remove. */
  resetCredentialIds?: string[];
  /** Whose side the problem is on (absent when the check passed or was skipped). */
  owner?: DoctorOwner;
}

export const DOCTOR_SCHEMA = 'mcp-auth-doctor/doctor@1';

export interface DoctorReport {
  schema: typeof DOCTOR_SCHEMA;
  url: string;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
}

export type DoctorEvent =
  | { type: 'check-started'; id: DoctorCheckId; title: string }
  | { type: 'check-finished'; result: CheckResult };

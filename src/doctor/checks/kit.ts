/** What every check gets and returns. Checks write plain text; the runner redacts it once. */
import type { Context } from '../../context';
import type { CheckStatus, DoctorCheckId, DoctorOwner, Evidence } from '../../model/index';
import type { Probes } from '../probes';
import type { CredentialLoader } from '../types';

export interface CheckEnv {
  ctx: Context;
  /** The MCP URL as parsed (fragment dropped); null when it is not a usable http(s) URL. */
  target: URL | null;
  /** What the user typed. */
  rawUrl: string;
  probes: Probes;
  timeoutMs: number;
  probeRegistration: boolean;
  loadCredentials: CredentialLoader | undefined;
}

export interface CheckOutcome {
  status: CheckStatus;
  evidence: Evidence[];
  explanation: string;
  fix: string;
  owner?: DoctorOwner;
  resetCredentialIds?: string[];
  /**
   * Text the check composed from public values that the text rules would take for a secret
   * (`reset --credential <id>` reads like a secret flag): shown as is. Never server text.
   */
  shownAsIs?: string[];
}

export interface CheckDefinition {
  id: DoctorCheckId;
  title: string;
  /** Runs only with a usable URL (every check but `url` and `local-credentials`). */
  needsTarget: boolean;
  run: (env: CheckEnv) => Promise<CheckOutcome>;
}

export function outcome(
  status: CheckStatus,
  explanation: string,
  fix: string,
  evidence: Evidence[] = [],
  owner?: DoctorOwner,
): CheckOutcome {
  return {
    status,
    explanation,
    fix,
    evidence,
    ...(owner && status !== 'pass' && status !== 'skip' ? { owner } : {}),
  };
}

export const skip = (explanation: string, evidence: Evidence[] = []): CheckOutcome =>
  outcome('skip', explanation, '', evidence);

/** The worse of two statuses (fail > warn > pass > skip). */
export function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  const rank: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };
  return rank[a] >= rank[b] ? a : b;
}

export const statusLine = (status: number | undefined | null): string =>
  status === undefined || status === null ? 'no answer' : `HTTP ${status}`;

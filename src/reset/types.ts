/**
 * The reset engine's own records. A plan is built once from a scan and then run by `applyPlan`,
 * either as a preview (dry run) or for real: the same code decides every item's fate in both.
 */
import type { Platform } from '../context';
import type { ClientId } from '../model/scan';
import type { ResetAction, ResetReasonCode, ResetTarget } from '../model/reset';
import type { SharedFormat } from '../scan/types';
import type { ProcessPort } from '../system/process-port';
import type { FsPort } from './fs-port';
import type { RecoveryReport } from './recovery';
import type { ClientRule } from './running-clients';

export interface PlanItem {
  index: number;
  credential: string | null;
  client: ClientId;
  /** The server the credential belongs to, when known. */
  serverUrl: string | null;
  action: ResetAction;
  path: string;
  /** JSON pointer of the entry (remove-entry only). */
  entry: string | null;
  format: SharedFormat | null;
  /** Further rows of a shared store that go with the entry (VS Code family `secret://` keys). */
  keys: string[];
  /** What the scan saw (content hash and mode); null for a folder this reset empties. */
  expected: { sha256: string; mode: number; bytes: number } | null;
  /** Real paths of the client's declared roots: nothing outside them is touched. */
  roots: string[];
  /** Refused when planned: the item is reported `skipped` with this reason and never touched. */
  refused?: { reason: string; code: ResetReasonCode };
}

/** Who a credential belongs to, in words kept in the manifest (server URL redacted). */
export interface CredentialOwnerRecord {
  clientLabel: string;
  serverName: string | null;
  serverUrl: string | null;
}

export interface ResetPlan {
  id: string;
  createdAt: string;
  home: string;
  platform: Platform;
  target: ResetTarget;
  /** The target in words (shown in backups lists). */
  label: string;
  /** Ids of the credentials the target selected. */
  credentials: string[];
  /** Client names as the scan labelled them, for messages. */
  clientLabels: Partial<Record<ClientId, string>>;
  /** Each selected credential's owner, so backups name it in later sessions too. */
  owners: Record<string, CredentialOwnerRecord>;
  items: PlanItem[];
}

/** Test-only seams: a step hook that may throw `SimulatedCrash` to stand for a killed process. */
export interface ResetHooks {
  afterStep?: (step: string) => void;
}

export interface ResetDeps {
  /** The app's data folder (backups, journal, lock), shared by the CLI and the desktop app. */
  dataDir: string;
  fs?: FsPort;
  /** Running processes (clients to quit first, live lock files). Absent: nothing is detected. */
  processes?: ProcessPort;
  /** Client declarations (process names, whether they rewrite their files while running). */
  clients?: readonly ClientRule[];
  /** Backups older than this are purged when a reset runs. Default 14. */
  retentionDays?: number;
  hooks?: ResetHooks;
  /**
   * Told when a mutating call (reset, undo, purge) first rolled back a reset a crash interrupted,
   * so the caller can say so. Read-only calls never roll anything back.
   */
  onRecovered?: (reports: RecoveryReport[]) => void;
}

export const DEFAULT_RETENTION_DAYS = 14;

export interface ApplyOptions {
  dryRun: boolean;
  /** Act even when a client that rewrites its files is running. */
  force?: boolean;
}

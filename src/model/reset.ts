/** Public reset / undo / backups records (cli-contract.md: `reset@1`, `undo@1`). */
export type ResetAction = 'delete-file' | 'delete-dir' | 'remove-entry';
export type ResetItemStatus = 'planned' | 'done' | 'skipped' | 'failed';

export type ResetTarget =
  | { kind: 'credential'; ids: string[] }
  | { kind: 'server'; urls: string[] }
  | { kind: 'client'; ids: string[] }
  | { kind: 'all' };

export interface ResetItem {
  credential: string | null;
  path: string;
  entry: string | null;
  action: ResetAction;
  status: ResetItemStatus;
  reason: string | null;
}

export const RESET_SCHEMA = 'mcp-auth-doctor/reset@1';

export interface ResetResult {
  schema: typeof RESET_SCHEMA;
  dryRun: boolean;
  backupId: string | null;
  items: ResetItem[];
  /** Clients that rewrite their files while running and are running now. */
  runningClients?: string[];
  /** Where the backup lives (or would live). */
  backupDir?: string | null;
}

export type UndoItemStatus = 'restored' | 'skipped' | 'failed';

export interface UndoItem {
  path: string;
  status: UndoItemStatus;
  reason: string | null;
}

export const UNDO_SCHEMA = 'mcp-auth-doctor/undo@1';

export interface UndoResult {
  schema: typeof UNDO_SCHEMA;
  backupId: string;
  items: UndoItem[];
}

export interface BackupSummary {
  id: string;
  createdAt: string;
  /** What the reset targeted, in words. */
  label: string;
  itemCount: number;
  bytes: number;
  restoredAt: string | null;
  path: string;
}

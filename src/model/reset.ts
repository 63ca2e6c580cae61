/** Public reset / undo / backups records (cli-contract.md: `reset@1`, `undo@1`). */
export type ResetAction = 'delete-file' | 'delete-dir' | 'remove-entry';
export type ResetItemStatus = 'planned' | 'done' | 'skipped' | 'failed';

export type ResetTarget =
  | { kind: 'credential'; ids: string[] }
  | { kind: 'server'; urls: string[] }
  | { kind: 'client'; ids: string[] }
  | { kind: 'all' }
  /**
   * Only some files of one credential (a stale lock, an abandoned sign-in's verifier), leaving
   * the working sign-in in place. Every path must be one of that credential's own files.
   */
  | { kind: 'files'; credential: string; paths: string[] };

/**
 * Why an item was skipped or failed, as a code the app can act on (the reason text is for people
 * and may be reworded). Every item with a reason has a code.
 */
export type ResetReasonCode =
  /** The file is not what the scan (or preview) saw: preview again. */
  | 'changed-since-scan'
  /** Nothing to remove: the goal is met. */
  | 'already-gone'
  /** A client that rewrites its files is running: quit it, or force. */
  | 'client-running'
  /** Outside the client's declared folders once links are followed. */
  | 'outside-roots'
  /** A symbolic link where a real file or folder is needed. */
  | 'symlink'
  /** An mcp-remote lock held by a live process. */
  | 'lock-alive'
  /** Permission denied, file locked, disk full, unreadable... */
  | 'io-error'
  /** A `files` target named a path that is not one of that credential's own files. */
  | 'not-owned'
  /** A folder the reset would remove still holds other things. */
  | 'folder-not-empty'
  /** A database has changes its app has not written into it yet (quit the app). */
  | 'unsettled-database'
  /** The entry is not in the shared file, although the file is as the scan saw it. */
  | 'entry-missing';

export interface ResetItem {
  credential: string | null;
  path: string;
  entry: string | null;
  action: ResetAction;
  status: ResetItemStatus;
  reason: string | null;
  /** Set whenever `reason` is (additive to reset@1). */
  reasonCode?: ResetReasonCode;
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
  /** Days a backup is kept before a reset purges it (the setting in force when listed). */
  retentionDays?: number;
  /** Its reset was interrupted and waits to be rolled back by the next reset, undo or purge. */
  interrupted?: boolean;
}

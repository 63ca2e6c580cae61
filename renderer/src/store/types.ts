/** The app state is one zustand store made of slices; each slice is typed here. */
import type { StateCreator } from 'zustand';
import type { ApiEvents, ResetPlanView } from '../../../src/contract';
import type {
  BackupSummary,
  CheckResult,
  CheckStatus,
  ClientId,
  DoctorCheckId,
  DoctorReport,
  ResetResult,
  ResetTarget,
  ScanReport,
  SupportReport,
  SystemReport,
} from '../../../src/model/index';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ScanSlice {
  scan: ScanReport | null;
  scanStatus: LoadStatus;
  scanError: string | null;
  runScan: () => Promise<void>;
}

export type StatusFilter = 'all' | 'problems' | 'error' | 'warning' | 'ok';
export type SortKey =
  'client' | 'server' | 'issuer' | 'clientId' | 'expires' | 'refresh' | 'updated' | 'status';

export interface CredentialFilters {
  client: ClientId | 'all';
  /** A server URL, or 'all'. */
  server: string;
  status: StatusFilter;
  text: string;
}

export interface SelectionSlice {
  selected: Readonly<Record<string, true>>;
  filters: CredentialFilters;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  toggleSelected: (id: string) => void;
  setSelected: (ids: readonly string[], selected: boolean) => void;
  clearSelection: () => void;
  setFilter: <K extends keyof CredentialFilters>(key: K, value: CredentialFilters[K]) => void;
  setSort: (key: SortKey) => void;
}

export type ResetPhase = 'closed' | 'planning' | 'confirming' | 'applying';

/** "Undo last reset" from the menu asks first, naming what would be restored. */
export interface UndoConfirm {
  backupId: string;
  /** What the reset removed, in words (app and server), as named when it ran. */
  title: string;
  /** The files and entries the backup puts back (`~/…`). */
  files: string[];
  /** When the reset ran (the backup's time), when the backups list has it. */
  resetAt: string | null;
}

export interface ResetSlice {
  resetPhase: ResetPhase;
  resetTarget: ResetTarget | null;
  preview: ResetPlanView | null;
  resetError: string | null;
  /** The user ticked "reset anyway" although a client that must be quit is running. */
  forceReset: boolean;
  lastReset: ResetResult | null;
  /** Readable names of the backups made in this session (backup id → what the reset removed). */
  resetNames: Readonly<Record<string, string>>;
  /** Set while the window asks whether to undo the last reset (menu command). */
  undoConfirm: UndoConfirm | null;
  undoing: boolean;
  openResetPreview: (target: ResetTarget) => Promise<void>;
  setForceReset: (force: boolean) => void;
  confirmReset: () => Promise<void>;
  cancelReset: () => void;
  /** Restores a backup (the last reset's when no id) and rescans. */
  undoReset: (backupId?: string, options?: { takeFocus?: boolean }) => Promise<void>;
  /** The menu's "Undo last reset": opens the question (or says there is nothing to undo). */
  askUndoLast: () => void;
  cancelUndoConfirm: () => void;
  confirmUndo: () => Promise<void>;
}

export interface BackupsSlice {
  backups: BackupSummary[];
  backupsStatus: LoadStatus;
  backupsError: string | null;
  loadBackups: () => Promise<void>;
  purgeBackups: (request: { ids?: string[]; olderThanDays?: number }) => Promise<void>;
}

export type LiveCheckStatus = CheckStatus | 'running';

export interface LiveCheck {
  id: DoctorCheckId;
  title: string;
  status: LiveCheckStatus;
  result: CheckResult | null;
}

export interface DoctorSlice {
  doctorUrl: string;
  doctorRunId: string | null;
  doctorStatus: LoadStatus;
  doctorError: string | null;
  doctorChecks: LiveCheck[];
  doctorReport: DoctorReport | null;
  setDoctorUrl: (url: string) => void;
  runDoctor: () => Promise<void>;
  onDoctorEvent: (payload: ApiEvents['doctorProgress']) => void;
}

export interface SystemSlice {
  system: SystemReport | null;
  systemStatus: LoadStatus;
  systemError: string | null;
  browserTest: {
    phase: 'idle' | 'opening' | 'asking' | 'answered';
    detail: string;
    appeared: boolean | null;
    /** The check code shown on the test page. */
    code?: string;
    /** What to do when the page did not appear. */
    ifNot?: string;
  };
  loadSystem: () => Promise<void>;
  testBrowserOpen: () => Promise<void>;
  answerBrowserTest: (appeared: boolean) => void;
}

export interface ReportForm {
  serverUrl: string;
  errorText: string;
  /** When the error happened, in the user's words. */
  when: string;
  steps: string;
  runDoctor: boolean;
}

export interface ReportSlice {
  reportForm: ReportForm;
  report: SupportReport | null;
  reportStatus: LoadStatus;
  reportError: string | null;
  savedReportPath: string | null;
  setReportField: <K extends keyof ReportForm>(key: K, value: ReportForm[K]) => void;
  buildReport: () => Promise<void>;
  /** Saves the report as shown (Markdown) or as the JSON record (default Markdown). */
  saveReport: (format?: 'markdown' | 'json') => Promise<void>;
}

export type ViewName = 'overview' | 'credentials' | 'finding' | 'backups' | 'doctor' | 'system' | 'report';

export interface Toast {
  id: number;
  kind: 'success' | 'warning' | 'error' | 'info';
  message: string;
  /** One plain line each: why items were left alone or could not be changed. */
  details?: string[];
  /** Present after a reset: the toast offers Undo for this backup. */
  undoBackupId?: string;
  /** Present when a reset left items alone: the toast offers a fresh preview of the same target. */
  retryTarget?: ResetTarget;
  /**
   * The control that led here is gone (the dialog closed, the row was reset): keyboard focus moves
   * to the toast's first action instead of falling back to the page body.
   */
  takeFocus?: boolean;
}

export interface UiSlice {
  view: ViewName;
  /** Key of the finding shown in the detail view (see findingKey). */
  findingKey: string | null;
  toast: Toast | null;
  setView: (view: ViewName) => void;
  openFinding: (key: string) => void;
  showToast: (toast: Omit<Toast, 'id'>) => void;
  dismissToast: () => void;
  /** Shows a file in Finder / Explorer / Files. */
  revealPath: (path: string) => Promise<void>;
}

export type AppState = ScanSlice &
  SelectionSlice &
  ResetSlice &
  BackupsSlice &
  DoctorSlice &
  SystemSlice &
  ReportSlice &
  UiSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

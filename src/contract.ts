/**
 * The one contract between the UI (renderer, via preload + IPC, or the test bridge over loopback)
 * and the core. Types and constants only: main implements it, the preload and renderer import its
 * types. Nothing that crosses it may hold a secret: the core returns fingerprints only.
 */
import type {
  BackupSummary,
  ClientId,
  DoctorEvent,
  DoctorReport,
  ResetResult,
  ResetTarget,
  ScanReport,
  SupportReport,
  SystemReport,
  UndoResult,
} from './model/index';

/** A reset preview: the same plan apply will run, held by the core under `planId`. */
export interface ResetPlanView extends ResetResult {
  planId: string;
  /** Clients that must be quit first (reset refuses unless forced). */
  runningClients: string[];
  backupDir: string | null;
  createdAt: string;
  /**
   * Something to know before applying, in plain words: e.g. an earlier reset was interrupted and
   * will be rolled back first (the preview itself changes nothing).
   */
  notice?: string;
}

export interface ReportRequest {
  serverUrl?: string;
  /** What the user saw, in their words (the error text). */
  errorText?: string;
  /** When they saw it, in their words or ISO (the CLI's --when). */
  when?: string;
  steps?: string;
  /** Run the doctor against serverUrl; default yes when a server is given (as the CLI does). */
  runDoctor?: boolean;
}

/** A part of the report that could not be gathered, and why (the reason is redacted). */
export interface ReportLeftOut {
  source: 'scan' | 'doctor' | 'system checks';
  reason: string;
}

/** The support report as the app gets it: the same record `report --json` prints. */
export type ReportResponse = SupportReport & { leftOut?: ReportLeftOut[]; redactions?: number };

/** The browser test: did the page load, and must the user be asked whether it appeared. */
export interface BrowserTestResult {
  /** The app saw the browser load the page. */
  opened: boolean;
  detail: string;
  /** The page was handed to the browser but its load could not be seen: ask the user. */
  ask?: boolean;
  /** The check code shown on the page, so the user can tell it is this test's page. */
  code?: string;
  /** What to do when the page did not appear (no question in it). */
  ifNot?: string;
}

/** request → response, one entry per operation. */
export interface ApiOperations {
  scan: { request: { clients?: ClientId[] }; response: ScanReport };
  planReset: { request: { target: ResetTarget }; response: ResetPlanView };
  applyReset: { request: { planId: string; force?: boolean }; response: ResetResult };
  undo: { request: { backupId?: string; force?: boolean }; response: UndoResult };
  listBackups: { request: Record<string, never>; response: BackupSummary[] };
  purgeBackups: {
    request: { olderThanDays?: number; ids?: string[] };
    response: { removed: string[] };
  };
  doctor: {
    request: { url: string; runId: string; probeRegistration?: boolean; timeoutSeconds?: number };
    response: DoctorReport;
  };
  system: { request: Record<string, never>; response: SystemReport };
  report: { request: ReportRequest; response: ReportResponse };
  saveReport: { request: { text: string; format: 'markdown' | 'json' }; response: { path: string } | null };
  revealPath: { request: { path: string }; response: { ok: boolean } };
  openLink: { request: { url: string }; response: { ok: boolean } };
  testBrowserOpen: { request: Record<string, never>; response: BrowserTestResult };
}

export type OperationName = keyof ApiOperations;
export type ApiRequest<K extends OperationName> = ApiOperations[K]['request'];
export type ApiResponse<K extends OperationName> = ApiOperations[K]['response'];

/** The object the preload exposes (and the test bridge imitates): one function per operation. */
export type CoreApi = {
  [K in OperationName]: (request: ApiRequest<K>) => Promise<ApiResponse<K>>;
};

/** Events main pushes to the renderer. Listeners get the payload only. */
export interface ApiEvents {
  doctorProgress: { runId: string; event: DoctorEvent };
  menuCommand: { command: 'rescan' | 'undo-last' };
}
export type EventName = keyof ApiEvents;

export interface DesktopApi extends CoreApi {
  on: <E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) => () => void;
}

export const OPERATION_NAMES = [
  'scan',
  'planReset',
  'applyReset',
  'undo',
  'listBackups',
  'purgeBackups',
  'doctor',
  'system',
  'report',
  'saveReport',
  'revealPath',
  'openLink',
  'testBrowserOpen',
] as const satisfies readonly OperationName[];

export const EVENT_NAMES = ['doctorProgress', 'menuCommand'] as const satisfies readonly EventName[];

/** IPC channel of an operation or event; namespaced so foreign channels are obvious. */
export const channelOf = (name: OperationName | EventName): string => `mcp-auth-doctor:${name}`;

/** A failure the UI can show as it is: plain words, no stack, no secret. */
export interface ApiErrorPayload {
  message: string;
  code?: string;
}

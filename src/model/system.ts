/** Public system and report records (cli-contract.md: `system@1`, `report@1`). */
import type { Finding } from './scan';

export interface BrowserOpener {
  status: 'ok' | 'missing' | 'unknown';
  detail: string;
  /** What to do when the status is not ok (install xdg-utils, set a default browser, ...). */
  fix?: string;
  /** The command clients use to open a URL on this OS, when it was found. */
  command?: string | null;
  /** The default browser as the OS names it (a .desktop file, a bundle id, a ProgId). */
  defaultBrowser?: string | null;
  /** Running under Windows Subsystem for Linux. */
  wsl?: boolean;
  /** Linux: whether a graphical display (DISPLAY / WAYLAND_DISPLAY) is set; null elsewhere. */
  display?: boolean | null;
}

export interface ProxyInfo {
  httpProxy: string | null;
  httpsProxy: string | null;
  noProxy: string | null;
  extraCaCerts: string | null;
  /** OS-level proxy settings, where cheaply readable. */
  os: Record<string, string>;
  notes: string[];
}

export const SYSTEM_SCHEMA = 'mcp-auth-doctor/system@1';

export interface SystemReport {
  schema: typeof SYSTEM_SCHEMA;
  browserOpener: BrowserOpener;
  runningClients: string[];
  proxy: ProxyInfo;
  findings: Finding[];
  /** Why the process list could not be read (then runningClients is empty, not "none running"). */
  processListError?: string | null;
  checkedAt?: string;
}

export const REPORT_SCHEMA = 'mcp-auth-doctor/report@1';

export interface SupportReport {
  schema: typeof REPORT_SCHEMA;
  createdAt: string;
  markdown: string;
  [extra: string]: unknown;
}

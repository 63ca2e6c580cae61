/** Public system and report records (cli-contract.md: `system@1`, `report@1`). */
import type { Finding } from './scan';

export interface BrowserOpener {
  status: 'ok' | 'missing' | 'unknown';
  detail: string;
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
}

export const REPORT_SCHEMA = 'mcp-auth-doctor/report@1';

export interface SupportReport {
  schema: typeof REPORT_SCHEMA;
  createdAt: string;
  markdown: string;
  [extra: string]: unknown;
}

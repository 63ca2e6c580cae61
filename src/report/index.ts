/**
 * The redacted support report: Markdown for people, JSON for tools, built from the public
 * records and the user's own words, every string passed through one redactor.
 */
export { buildSupportReport, supportReportText, type BuiltSupportReport } from './build';
export type { LeftOut, ReportBody, ReportSource, SupportReportInput } from './body';
export { canonicalServerUrl } from './body';
export { createRedactor, REDACTED, type Redactor, type RedactorOptions } from './redact';
export { collectSupportReport, type ReportRequestInput, type ReportSources } from './collect';
export { credentialsFromScan } from './credentials';

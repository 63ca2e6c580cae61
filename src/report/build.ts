/** Builds the report from records: facts gathered, every string redacted, Markdown rendered. */
import { REPORT_SCHEMA, type SupportReport } from '../model/system';
import { gatherFacts, type ReportBody, type SupportReportInput } from './body';
import { renderMarkdown } from './markdown';
import { createRedactor } from './redact';

export interface BuiltSupportReport extends SupportReport, ReportBody {
  /** How many secret values were removed. */
  redactions: number;
}

export function buildSupportReport(input: SupportReportInput): BuiltSupportReport {
  const { ctx } = input;
  const redactor = createRedactor({
    home: ctx.home,
    platform: ctx.platform,
    env: ctx.env,
    ...(input.secrets !== undefined ? { secrets: input.secrets } : {}),
  });
  const body = redactor.value(gatherFacts(input));
  const createdAt = ctx.now().toISOString();
  // Rendered from redacted facts, then passed through once more: nothing the template adds
  // can carry a secret, and the pass is idempotent on what is already clean.
  const markdown = redactor.text(renderMarkdown(body, createdAt, redactor.count));
  return { schema: REPORT_SCHEMA, createdAt, redactions: redactor.count, ...body, markdown };
}

/** The exact text a user sees, copies or saves: the Markdown, or the whole record as JSON. */
export function supportReportText(report: SupportReport, format: 'markdown' | 'json'): string {
  return format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : report.markdown;
}

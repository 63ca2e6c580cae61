/**
 * The doctor as text for a terminal or a log: one line per check with its mark (✓ pass, ! warn,
 * ✗ fail, - skip, · still running), then what is wrong and what to change for every warning and
 * failure. Pure: the CLI decides where the lines go and whether to redraw them.
 */
import type { CheckResult, CheckStatus, DoctorReport } from '../model/index';

export interface TextStyle {
  bold: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  dim: (s: string) => string;
}

export const MARKS: Record<CheckStatus | 'running', string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  skip: '-',
  running: '·',
};

function paint(status: CheckStatus | 'running', text: string, style: TextStyle): string {
  switch (status) {
    case 'pass':
      return style.green(text);
    case 'warn':
      return style.yellow(text);
    case 'fail':
      return style.red(text);
    default:
      return style.dim(text);
  }
}

export interface ChecklistRow {
  title: string;
  status: CheckStatus | 'running';
  durationMs?: number;
}

export function checklistLine(row: ChecklistRow, style: TextStyle): string {
  const time =
    row.durationMs !== undefined && row.status !== 'skip' ? style.dim(` ${row.durationMs} ms`) : '';
  const title = row.status === 'running' ? style.dim(row.title) : row.title;
  return `  ${paint(row.status, MARKS[row.status], style)} ${title}${time}`;
}

function indent(text: string, prefix: string): string[] {
  return text.split('\n').map((l) => `${prefix}${l}`);
}

export function detailLines(check: CheckResult, style: TextStyle): string[] {
  const lines = [
    `${paint(check.status, MARKS[check.status], style)} ${style.bold(check.title)} (${check.id})`,
  ];
  lines.push(...indent(check.explanation, '    '));
  if (check.fix !== '') lines.push(...indent(`Fix: ${check.fix}`, '    '));
  for (const e of check.evidence
    .filter((ev) => ev.status !== null || ev.request.startsWith('CACHE'))
    .slice(0, 4)) {
    lines.push(style.dim(`    ${e.request}${e.status !== null ? ` → ${e.status}` : ''}`));
  }
  return lines;
}

export function summaryLine(report: DoctorReport): string {
  const count = (s: CheckStatus): number => report.checks.filter((c) => c.status === s).length;
  const took =
    report.durationMs < 1000 ? `${report.durationMs} ms` : `${(report.durationMs / 1000).toFixed(1)} s`;
  return `${report.checks.length} checks in ${took}: ${count('pass')} passed, ${count('warn')} warning(s), ${count('fail')} failed, ${count('skip')} skipped.`;
}

/** The whole report as plain lines (the non-terminal output and the final part of the live one). */
export function reportLines(report: DoctorReport, style: TextStyle, withChecklist: boolean): string[] {
  const lines: string[] = [];
  if (withChecklist) {
    lines.push(`Doctor: ${report.url}`);
    for (const c of report.checks) lines.push(checklistLine(c, style));
  }
  const problems = report.checks.filter((c) => c.status === 'warn' || c.status === 'fail');
  if (problems.length > 0) {
    lines.push('');
    for (const c of problems) lines.push(...detailLines(c, style), '');
  } else {
    lines.push('');
  }
  lines.push(summaryLine(report));
  return lines;
}

/** "Copy as Markdown" for a doctor run: the checklist with its evidence, for a ticket or a chat. */
import type { CheckStatus, DoctorReport } from '../../src/model/index';

const MARK: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };

export function doctorMarkdown(report: DoctorReport): string {
  const lines = [
    `# MCP Auth Doctor: ${report.url}`,
    '',
    `Checked ${report.startedAt} in ${Math.round(report.durationMs)} ms.`,
    '',
  ];
  for (const check of report.checks) {
    lines.push(`- ${MARK[check.status]} **${check.title}** (${check.status})`);
    if (check.status !== 'pass' && check.explanation !== '') lines.push(`  - ${check.explanation}`);
    if ((check.status === 'fail' || check.status === 'warn') && check.fix !== '')
      lines.push(`  - Fix: ${check.fix}`);
    for (const e of check.evidence) {
      lines.push(`  - \`${e.request}\` → ${e.status ?? 'no answer'}${e.note !== '' ? `: ${e.note}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { checklistLine, reportLines, summaryLine } from '../../../src/doctor/text';
import type { CheckResult, DoctorReport } from '../../../src/model/index';

const plain = {
  bold: (s: string) => s,
  red: (s: string) => s,
  yellow: (s: string) => s,
  green: (s: string) => s,
  dim: (s: string) => s,
};
const tagged = {
  bold: (s: string) => `<b>${s}</b>`,
  red: (s: string) => `<r>${s}</r>`,
  yellow: (s: string) => `<y>${s}</y>`,
  green: (s: string) => `<g>${s}</g>`,
  dim: (s: string) => `<d>${s}</d>`,
};

const check = (over: Partial<CheckResult>): CheckResult => ({
  id: 'pkce',
  title: 'PKCE with S256',
  status: 'pass',
  durationMs: 12,
  evidence: [],
  explanation: 'ok',
  fix: '',
  ...over,
});

const report = (checks: CheckResult[]): DoctorReport => ({
  schema: 'mcp-auth-doctor/doctor@1',
  url: 'https://h/mcp',
  startedAt: '2026-11-26T12:00:00.000Z',
  durationMs: 1530,
  checks,
});

describe('doctor text', () => {
  it('marks each status and colours it', () => {
    expect(checklistLine({ title: 'T', status: 'pass', durationMs: 3 }, plain)).toBe('  ✓ T 3 ms');
    expect(checklistLine({ title: 'T', status: 'warn' }, plain)).toBe('  ! T');
    expect(checklistLine({ title: 'T', status: 'fail' }, tagged)).toBe('  <r>✗</r> T');
    expect(checklistLine({ title: 'T', status: 'skip', durationMs: 0 }, plain)).toBe('  - T');
    expect(checklistLine({ title: 'T', status: 'running' }, tagged)).toBe('  <d>·</d> <d>T</d>');
  });

  it('details only for warnings and failures, with the fix and the requests behind them', () => {
    const lines = reportLines(
      report([
        check({}),
        check({
          id: 'issuer',
          title: 'Issuer matches',
          status: 'fail',
          explanation: 'They differ.',
          fix: 'Make them equal.',
          evidence: [
            {
              request: 'GET https://h/.well-known/oauth-authorization-server',
              status: 200,
              headers: {},
              note: '',
            },
          ],
        }),
      ]),
      plain,
      true,
    );
    const text = lines.join('\n');
    expect(text).toContain('Doctor: https://h/mcp');
    expect(text).toContain('✗ Issuer matches (issuer)\n    They differ.\n    Fix: Make them equal.');
    expect(text).toContain('GET https://h/.well-known/oauth-authorization-server → 200');
    expect(text).not.toContain('PKCE with S256 (pkce)');
    expect(lines.at(-1)).toBe('2 checks in 1.5 s: 1 passed, 0 warning(s), 1 failed, 0 skipped.');
  });

  it('summary in ms under a second', () => {
    expect(summaryLine({ ...report([check({})]), durationMs: 420 })).toMatch(/^1 checks in 420 ms/);
  });
});

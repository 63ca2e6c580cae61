/**
 * The support report's cost: redaction throughput on ordinary and adversarial pasted text (a
 * regex that backtracks would show here as a ratio far above 1), and building a report from a
 * large scan. Figures and ratios only; nothing is asserted.
 */
import { performance } from 'node:perf_hooks';
import { createRedactor } from '../../src/report/redact';
import { buildSupportReport } from '../../src/report/index';
import type { ScanReport } from '../../src/model/index';
import { credential, scanReport } from '../unit/report/records';

const MB = 1024 * 1024;

function time(fn: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

export default function bench(): Promise<void> {
  const redactor = createRedactor({
    home: '/home/alice',
    platform: 'linux',
    env: { GITHUB_TOKEN: 'ghp_benchmarkbenchmarkbenchmark12' },
  });
  const inputs: Record<string, string> = {
    'log lines': repeatTo(
      '2026-11-26T12:00:00Z POST https://auth.example.com/token?code=abcDEF123456 Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig /home/alice/.mcp-auth/x.json\n',
      MB,
    ),
    'plain prose': repeatTo('The server answered 401 and the sign-in page never opened in the browser. ', MB),
    'adversarial: a=a=a=': repeatTo('a=', MB),
    'adversarial: unclosed JSON strings': repeatTo('"token": "\\', MB),
    'adversarial: Bearer Bearer': repeatTo('Bearer ', MB),
    'adversarial: one long token-ish run': repeatTo('aB3-', MB),
    'adversarial: /home/ repeated': repeatTo('/home/', MB),
    'adversarial: sk- repeated': repeatTo('sk-', MB),
    'adversarial: eyJ- repeated': repeatTo('eyJ-', MB),
    'adversarial: scheme:// with no @': repeatTo('https://a:b', MB),
    'adversarial: %26a%3D runs': repeatTo('%26a%3Da', MB),
    'adversarial: \'"a":"\' unclosed': '"a":"' + repeatTo('x', MB),
  };
  const timings = Object.entries(inputs).map(
    ([name, text]) => [name, time(() => redactor.text(text))] as const,
  );
  const base = timings.find(([name]) => name === 'plain prose')![1];
  console.log('redaction of 1 MiB pasted text (best of 3):');
  for (const [name, ms] of timings) {
    console.log(
      `  ${name.padEnd(38)} ${ms.toFixed(1).padStart(8)} ms  ${(1000 / ms).toFixed(1).padStart(7)} MiB/s  ×${(ms / base).toFixed(2)} of prose`,
    );
  }

  const big: ScanReport = scanReport('/home/alice');
  const template = big.clients[0]!;
  template.credentials = Array.from({ length: 2000 }, (_, i) =>
    credential({
      id: `cred-${i}`,
      client: 'mcp-remote',
      serverUrl: `https://mcp${i % 50}.example.com/mcp`,
      oauthClientId: `client-${i}`,
      files: [
        {
          path: `/home/alice/.mcp-auth/mcp-remote-v1/${i}_tokens.json`,
          bytes: 300,
          modifiedAt: '2026-11-26T00:00:00Z',
        },
      ],
    }),
  );
  big.findings = Array.from({ length: 500 }, (_, i) => ({ ...big.findings[0]!, credential: `cred-${i}` }));
  const ctx = { home: '/home/alice', env: {}, platform: 'linux' as const, now: () => new Date() };
  const small = time(() => buildSupportReport({ ctx, scan: scanReport('/home/alice') }));
  const all = time(() => buildSupportReport({ ctx, scan: big }));
  const one = time(() => buildSupportReport({ ctx, scan: big, serverUrl: 'https://mcp7.example.com/mcp' }));
  console.log('building a report (best of 3):');
  console.log(`  small scan (2 credentials)                ${small.toFixed(1).padStart(8)} ms`);
  console.log(
    `  2000 credentials, 500 findings, all       ${all.toFixed(1).padStart(8)} ms  ×${(all / small).toFixed(0)} of small`,
  );
  console.log(
    `  same scan, one server named               ${one.toFixed(1).padStart(8)} ms  ×${(one / small).toFixed(0)} of small`,
  );
  return Promise.resolve();
}

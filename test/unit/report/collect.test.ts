import { describe, expect, it } from 'vitest';
import { collectSupportReport, type ReportSources } from '../../../src/report/index';
import type { Context } from '../../../src/context';
import { doctorReport, scanReport, systemReport } from './records';
import { processesForHome, realProcessPort } from '../../../src/system/processes';

const ctx: Context = {
  home: '/home/alice',
  env: { HOME: '/home/alice' },
  platform: 'linux',
  now: () => new Date(0),
};

function sources(calls: string[]): ReportSources {
  return {
    scan: () => {
      calls.push('scan');
      return Promise.resolve(scanReport('/home/alice'));
    },
    doctor: (_c, url, scan) => {
      calls.push(`doctor ${url} ${scan !== null}`);
      return Promise.resolve(doctorReport({ code: 'a', bearer: 'b', cookie: 'c', note: 'd' }));
    },
    system: () => {
      calls.push('system');
      return Promise.resolve(systemReport());
    },
  };
}

describe('collectSupportReport', () => {
  it('scans, then runs the doctor with that scan, then checks the system', async () => {
    const calls: string[] = [];
    const report = await collectSupportReport(
      ctx,
      { serverUrl: 'https://mcp.example.com/mcp', errorText: 'x' },
      sources(calls),
    );
    expect(calls).toEqual(['scan', 'doctor https://mcp.example.com/mcp true', 'system']);
    expect(report.doctor).not.toBeNull();
    expect(report.problem.errorText).toBe('x');
  });

  it('skips the doctor when asked to, or when no server is named', async () => {
    const calls: string[] = [];
    await collectSupportReport(
      ctx,
      { serverUrl: 'https://mcp.example.com/mcp', runDoctor: false },
      sources(calls),
    );
    await collectSupportReport(ctx, {}, sources(calls));
    expect(calls).toEqual(['scan', 'system', 'scan', 'system']);
  });

  it('leaves a failing source out, tells the caller, and lists it in the report, redacted', async () => {
    const failures: string[] = [];
    const report = await collectSupportReport(
      ctx,
      { serverUrl: 'https://mcp.example.com/mcp' },
      {
        ...sources([]),
        system: () =>
          Promise.reject(
            new Error('reg: access denied at C:\\Users\\alice (Authorization: Bearer zz9Y8x7W6v)'),
          ),
      },
      (what, err) => failures.push(`${what}: ${err.message}`),
    );
    expect(failures).toEqual([
      'system checks: reg: access denied at C:\\Users\\alice (Authorization: Bearer zz9Y8x7W6v)',
    ]);
    expect(report.system).toBeNull();
    expect(report.leftOut).toEqual([
      { source: 'system checks', reason: 'reg: access denied at ~ (Authorization: [redacted]' },
    ]);
    expect(report.markdown).toContain('**Left out, because they failed:**');
    expect(report.markdown).toContain('- the system checks: reg: access denied at ~');
    expect(report.markdown).not.toContain('zz9Y8x7W6v');
  });

  it('says nothing is left out when every source answered', async () => {
    const report = await collectSupportReport(ctx, {}, sources([]));
    expect(report.leftOut).toEqual([]);
    expect(report.markdown).not.toContain('Left out');
  });
});

describe('processesForHome', () => {
  const self = { ...ctx, env: { HOME: ctx.home } };
  it('gives the process list only for this machine’s own home and OS', () => {
    expect(processesForHome(ctx, self)).toBe(realProcessPort);
    expect(processesForHome({ ...ctx, home: '/tmp/copy-of-bob' }, self)).toBeUndefined();
    expect(processesForHome({ ...ctx, platform: 'win32' }, self)).toBeUndefined();
  });

  it('is not fooled by --home, which points HOME at the copy', () => {
    const copy = { ...ctx, home: '/tmp/copy-of-bob', env: { HOME: '/tmp/copy-of-bob' } };
    expect(processesForHome(copy, self)).toBeUndefined();
  });
});

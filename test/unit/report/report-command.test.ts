import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createReportCommand, type ReportSources } from '../../../src/cli/commands/report';
import { runCli } from '../../../src/cli/main';
import { REPORT_SCHEMA } from '../../../src/model/index';
import { assertNoCanary, canary } from '../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { doctorReport, scanReport, systemReport } from './records';
import { recordingIo } from '../../helpers/recording-io';

let home: FakeHome;
afterEach(() => home?.cleanup());

function sources(secret: string): ReportSources & { doctorCalls: string[] } {
  const doctorCalls: string[] = [];
  return {
    doctorCalls,
    scan: () => Promise.resolve(scanReport(home.home)),
    doctor: (_ctx, url, scan) => {
      doctorCalls.push(`${url} scan=${scan !== null}`);
      return Promise.resolve({
        ...doctorReport({ code: secret, bearer: secret, cookie: secret, note: secret }),
        url,
      });
    },
    system: () => Promise.resolve(systemReport()),
  };
}

async function run(args: string[], json: boolean, src: ReportSources) {
  const io = recordingIo();
  const code = await createReportCommand(src).run({ args, ctx: home.ctx, io, json, dataDir: home.p('data') });
  return { code, io };
}

describe('report command', () => {
  it('prints the Markdown report with every section, and runs the doctor for --server', async () => {
    home = makeFakeHome();
    const src = sources(canary('doctor'));
    const { code, io } = await run(
      [
        '--server',
        'https://mcp.example.com/mcp',
        '--error',
        'invalid_client',
        '--steps',
        'reconnected',
        '--when',
        '11:55',
      ],
      false,
      src,
    );
    expect(code).toBe(0);
    expect(src.doctorCalls).toEqual(['https://mcp.example.com/mcp scan=true']);
    for (const s of [
      '# MCP Auth Doctor support report',
      'm2m_stale_123',
      'invalid_client',
      'reconnected',
      '11:55',
      '## Doctor',
      '## This computer',
    ]) {
      expect(io.out).toContain(s);
    }
    assertNoCanary(io.out);
    expect(io.out).not.toContain(home.home);
  });

  it('--json prints one report@1 document with the Markdown inside', async () => {
    home = makeFakeHome();
    const { io } = await run(['--error', `Bearer ${canary('pasted')}`], true, sources('x'));
    const doc = JSON.parse(io.out) as { schema: string; markdown: string; redactions: number };
    expect(doc.schema).toBe(REPORT_SCHEMA);
    expect(doc.markdown).toContain('## The problem');
    expect(doc.redactions).toBeGreaterThan(0);
    assertNoCanary(io.out);
  });

  it('--out saves exactly what it prints, owner-only', async () => {
    home = makeFakeHome();
    const file = home.p('out/report.md');
    fs.mkdirSync(home.p('out'));
    const { code, io } = await run(
      ['--out', file, '--error', `client_secret=${canary('s')}`],
      false,
      sources('x'),
    );
    expect(code).toBe(0);
    const saved = fs.readFileSync(file, 'utf8');
    expect(saved).toBe(io.out);
    assertNoCanary(saved);
    expect(io.err).toContain(`Saved to ${file}`);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('leaves a failing source out and still reports', async () => {
    home = makeFakeHome();
    const src = { ...sources('x'), scan: () => Promise.reject(new Error('disk on fire')) };
    const { code, io } = await run(['--server', 'https://mcp.example.com/mcp'], false, src);
    expect(code).toBe(0);
    expect(io.err).toContain('scan failed, left out of the report: disk on fire');
    expect(io.out).toContain('_No scan in this report._');
    expect(src.doctorCalls).toEqual(['https://mcp.example.com/mcp scan=false']);
  });

  it('does not run the doctor without --server', async () => {
    home = makeFakeHome();
    const src = sources('x');
    await run([], false, src);
    expect(src.doctorCalls).toEqual([]);
  });

  it('rejects a bad --server or unknown flag with exit 2', async () => {
    home = makeFakeHome();
    for (const argv of [
      ['report', '--server', 'not a url'],
      ['report', '--server', 'ftp://x'],
      ['report', '--nope'],
      ['report', '--error'],
    ]) {
      const io = recordingIo();
      expect(await runCli({ argv, io, baseContext: home.ctx })).toBe(2);
      expect(io.out).toBe('');
    }
  });
});

describe('--home normalisation', () => {
  it('resolves .., // and a trailing slash, keeping Windows spellings Windows', async () => {
    const { normaliseHome } = await import('../../../src/cli/main');
    expect(normaliseHome('/tmp/a6/../a6/home')).toBe('/tmp/a6/home');
    expect(normaliseHome('/tmp//a6/home/')).toBe('/tmp/a6/home');
    expect(normaliseHome('C:\\Users\\a\\..\\alice\\')).toBe('C:\\Users\\alice');
    expect(normaliseHome('C:/Users/alice')).toBe('C:\\Users\\alice');
  });
});

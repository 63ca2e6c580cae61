/**
 * Audit finding 10: the app's report is the CLI's report. The façade collects it with the same
 * collectSupportReport (scan, then the doctor for a named server unless told not to, then the
 * system checks), carries the time the user gave, and lists a source that failed instead of
 * dropping it. Same request, same sources → the same JSON as `report --json`.
 */
import { describe, expect, it, vi } from 'vitest';
import { createCoreApi, type DesktopPorts } from '../../../src/api/index';
import type { CoreModules, DoctorModule, SystemModule } from '../../../src/api/core-modules';
import { realSystemModule } from '../../../src/api/core-modules';
import { createReportCommand } from '../../../src/cli/commands/report';
import type { CliIo } from '../../../src/cli/io';
import type { Context } from '../../../src/context';
import type { ScanFn } from '../../../src/scan/types';
import { assertNoSecretFragments } from '../../helpers/canary';
import { doctorReport, scanReport, systemReport } from './records';

const HOME = '/home/alice';
const ctx: Context = {
  home: HOME,
  env: { HOME, MCP_AUTH_DOCTOR_DATA_DIR: '/nonexistent/data' },
  platform: 'linux',
  now: () => new Date('2026-11-26T12:00:00Z'),
};

const desktop: DesktopPorts = {
  showItemInFolder: vi.fn(),
  openExternal: vi.fn(() => Promise.resolve()),
  chooseSavePath: vi.fn(() => Promise.resolve(null)),
  openPath: vi.fn(() => Promise.resolve('')),
};

const secrets = {
  code: 'SECRETcode1',
  bearer: 'SECRETbearer2',
  cookie: 'SECRETcookie3',
  note: 'SECRETnote4',
};

function modules(calls: string[], over: Partial<CoreModules> = {}): Partial<CoreModules> {
  const scan: ScanFn = () => {
    calls.push('scan');
    return Promise.resolve({ report: scanReport(HOME) } as Awaited<ReturnType<ScanFn>>);
  };
  const doctor = {
    runDoctor: (_c: Context, url: string) => {
      calls.push(`doctor ${url}`);
      return Promise.resolve({ ...doctorReport(secrets), url });
    },
    credentialLoaderFromScan: () => () => Promise.resolve([]),
  } as unknown as DoctorModule;
  const system: SystemModule = {
    ...realSystemModule,
    run: () => {
      calls.push('system');
      return Promise.resolve(systemReport());
    },
  };
  return { scan, doctor, system, ...over };
}

describe('the support report in the app', () => {
  it('runs the doctor for a named server by default, carries the time, and redacts', async () => {
    const calls: string[] = [];
    const api = createCoreApi(ctx, { desktop, emit: vi.fn(), modules: modules(calls) });
    const report = await api.report({
      serverUrl: 'https://mcp.example.com/mcp',
      errorText: 'invalid_client; Authorization: Bearer SECRETpasted5',
      when: 'today 10:02',
      steps: 'curl -u alice:SECRETcurl6 https://mcp.example.com/mcp',
    });
    expect(calls).toEqual(['scan', 'doctor https://mcp.example.com/mcp', 'system']);
    expect(report.problem).toMatchObject({ errorAt: 'today 10:02' });
    expect(report.markdown).toContain('- **When:** today 10:02');
    expect(report.doctor).not.toBeNull();
    expect(report.leftOut).toEqual([]);
    assertNoSecretFragments(JSON.stringify(report), [
      ...Object.values(secrets),
      'SECRETpasted5',
      'SECRETcurl6',
    ]);
  });

  it('skips the doctor when the user unticks it', async () => {
    const calls: string[] = [];
    const api = createCoreApi(ctx, { desktop, emit: vi.fn(), modules: modules(calls) });
    const report = await api.report({ serverUrl: 'https://mcp.example.com/mcp', runDoctor: false });
    expect(calls).toEqual(['scan', 'system']);
    expect(report.doctor).toBeNull();
  });

  it('lists a source that failed, with its reason redacted, instead of dropping it', async () => {
    const calls: string[] = [];
    const failingScan: ScanFn = () =>
      Promise.reject(new Error(`EACCES: permission denied, scandir '${HOME}/.copilot' token=SECRETscan7`));
    const api = createCoreApi(ctx, {
      desktop,
      emit: vi.fn(),
      modules: modules(calls, { scan: failingScan }),
    });
    const report = await api.report({ errorText: 'x' });
    expect(report.leftOut).toEqual([
      { source: 'scan', reason: "EACCES: permission denied, scandir '~/.copilot' token=[redacted]" },
    ]);
    expect(report.markdown).toContain('**Left out, because they failed:**');
    expect(report.markdown).toContain('- the scan: EACCES: permission denied');
    assertNoSecretFragments(JSON.stringify(report), ['SECRETscan7']);
    expect(JSON.stringify(report)).not.toContain(HOME);
  });

  it('is the same document `report --json` prints for the same request and sources', async () => {
    const calls: string[] = [];
    const mods = modules(calls);
    const api = createCoreApi(ctx, { desktop, emit: vi.fn(), modules: mods });
    const fromApp = await api.report({
      serverUrl: 'https://mcp.example.com/mcp',
      errorText: 'invalid_client',
      when: '10:02',
      steps: 'reconnected',
    });

    let out = '';
    const io: CliIo = { isTty: false, stdout: (t) => void (out += t), stderr: () => undefined };
    const command = createReportCommand({
      scan: async (c) => (await mods.scan!(c)).report,
      doctor: (c, url) => mods.doctor!.runDoctor(c, url, {}, {}),
      system: () => mods.system!.run(ctx, mods.system!.ports(ctx, {})),
    });
    await command.run({
      args: [
        '--server',
        'https://mcp.example.com/mcp',
        '--error',
        'invalid_client',
        '--when',
        '10:02',
        '--steps',
        'reconnected',
      ],
      ctx,
      io,
      json: true,
      dataDir: '/nonexistent',
    });
    expect(JSON.parse(JSON.stringify(fromApp))).toEqual(JSON.parse(out));
  });
});

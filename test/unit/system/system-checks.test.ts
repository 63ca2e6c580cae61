import { describe, expect, it } from 'vitest';
import { runSystemChecks, systemHasProblems } from '../../../src/system/index';
import { FINDING_CODES, SYSTEM_SCHEMA } from '../../../src/model/index';
import type { Context } from '../../../src/context';
import { assertNoCanary, canary } from '../../helpers/canary';
import { declaration, fakePorts } from './fake-ports';

const clients = [declaration('claude-code', { all: ['claude'] }), declaration('cursor', { all: ['cursor'] })];

function ctx(env: Record<string, string>): Context {
  return { home: '/home/alice', env, platform: 'linux', now: () => new Date('2026-11-26T12:00:00Z') };
}

describe('runSystemChecks', () => {
  it('puts the opener, running clients and proxy in one system@1 record', async () => {
    const ports = fakePorts({
      onPath: { 'xdg-open': '/usr/bin/xdg-open' },
      processes: [
        { pid: 5, name: 'claude', cmd: 'claude --resume' },
        { pid: 6, name: 'bash' },
      ],
      clients,
    });
    const report = await runSystemChecks(ctx({ DISPLAY: ':0', BROWSER: 'firefox' }), ports);
    expect(report).toMatchObject({
      schema: SYSTEM_SCHEMA,
      browserOpener: { status: 'ok' },
      runningClients: ['claude-code'],
      processListError: null,
      checkedAt: '2026-11-26T12:00:00.000Z',
      findings: [],
    });
    expect(systemHasProblems(report)).toBe(false);
  });

  it('turns a missing opener into a warning (exit 1) and keeps every finding code known', async () => {
    const ports = fakePorts({ onPath: {}, processes: [], clients });
    const report = await runSystemChecks(ctx({ HTTPS_PROXY: 'http://proxy:3128' }), ports);
    expect(report.browserOpener.status).toBe('missing');
    expect(report.findings.map((f) => f.code)).toEqual(['browser-opener-missing', 'proxy-without-ca']);
    expect(report.findings.every((f) => (FINDING_CODES as readonly string[]).includes(f.code))).toBe(true);
    expect(systemHasProblems(report)).toBe(true);
  });

  it('says why running clients are unknown when there is no process list', async () => {
    const report = await runSystemChecks(ctx({ DISPLAY: ':0' }), fakePorts({ onPath: {} }));
    expect(report.runningClients).toEqual([]);
    expect(report.processListError).toMatch(/no process list/);
  });

  it('keeps env secrets and command-line secrets out of the record', async () => {
    const pw = canary('proxy-pw');
    const bearer = canary('bearer');
    const ports = fakePorts({
      onPath: { 'xdg-open': '/usr/bin/xdg-open' },
      processes: [{ pid: 9, name: 'cursor', cmd: `cursor --token ${bearer}` }],
      clients,
    });
    const report = await runSystemChecks(
      ctx({
        HTTPS_PROXY: `http://u:${pw}@proxy:3128`,
        ALL_PROXY: `socks5://u:${pw}@proxy:1080`,
        GITHUB_TOKEN: canary('gh'),
      }),
      ports,
    );
    expect(report.runningClients).toEqual(['cursor']);
    assertNoCanary(JSON.stringify(report), 'system report');
  });
});

/**
 * The doctor through the façade against a real loopback server (progress events carry the run
 * id), and the support report built from the real core with the user's pasted secret removed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCoreApi, type DesktopPorts } from '../../../src/api/index';
import { realSystemModule, type SystemModule } from '../../../src/api/core-modules';
import type { ApiEvents } from '../../../src/contract';
import { DOCTOR_CHECK_IDS } from '../../../src/model/doctor';
import { SYSTEM_SCHEMA } from '../../../src/model/system';
import { assertNoCanary, canary } from '../../helpers/canary';
import { startMisconfiguredServer, type DoctorServer } from '../../helpers/doctor-servers';
import { makeFakeHome } from '../../helpers/fake-home';

const desktop: DesktopPorts = {
  showItemInFolder: vi.fn(),
  openExternal: vi.fn(() => Promise.resolve()),
  chooseSavePath: vi.fn(() => Promise.resolve(null)),
  openPath: vi.fn(() => Promise.resolve('')),
};

// The machine's own answers are not what is under test here.
const system: SystemModule = {
  ...realSystemModule,
  run: () =>
    Promise.resolve({
      schema: SYSTEM_SCHEMA,
      browserOpener: { status: 'ok', detail: 'xdg-open' },
      runningClients: [],
      proxy: { httpProxy: null, httpsProxy: null, noProxy: null, extraCaCerts: null, os: {}, notes: [] },
      findings: [],
    }),
};

const home = makeFakeHome();
let server: DoctorServer;
beforeAll(async () => {
  server = await startMisconfiguredServer();
});
afterAll(async () => {
  await server.close();
  home.cleanup();
});

describe('doctor and report through the façade', () => {
  it('runs every check and streams progress tagged with the run id', async () => {
    const events: ApiEvents['doctorProgress'][] = [];
    const api = createCoreApi(home.ctx, {
      desktop,
      emit: (event, payload) => {
        if (event === 'doctorProgress') events.push(payload as ApiEvents['doctorProgress']);
      },
      modules: { scan: null, system },
    });
    const report = await api.doctor({ url: server.url, runId: 'run-7', timeoutSeconds: 2 });
    expect(report.url).toBe(server.url);
    expect(report.checks.map((c) => c.id).sort()).toEqual([...DOCTOR_CHECK_IDS].sort());
    expect(events.length).toBeGreaterThanOrEqual(report.checks.length * 2);
    expect(events.every((e) => e.runId === 'run-7')).toBe(true);
    const finished = events.filter((e) => e.event.type === 'check-finished').map((e) => e.event);
    expect(finished).toHaveLength(report.checks.length);
  });

  it('builds the report with the system checks and without the secret the user pasted', async () => {
    const secret = canary('pasted');
    const api = createCoreApi(home.ctx, { desktop, emit: vi.fn(), modules: { scan: null, system } });
    const report = await api.report({
      serverUrl: server.url,
      errorText: `invalid_client; Authorization: Bearer ${secret}`,
      runDoctor: true,
    });
    expect(report.schema).toBe('mcp-auth-doctor/report@1');
    expect(report.markdown).toContain('invalid_client');
    assertNoCanary(JSON.stringify(report), 'the report');
  });
});

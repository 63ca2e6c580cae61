import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApiForTests } from '../../renderer/src/api';
import { doctorMarkdown } from '../../renderer/src/doctor-markdown';
import { resetAppStore, useAppStore } from '../../renderer/src/store';
import { doctorUrlProblem } from '../../renderer/src/store/doctor-slice';
import { subscribeToEvents } from '../../renderer/src/store/events';
import { REPORT_SCHEMA, SYSTEM_SCHEMA, type DoctorReport, type SupportReport } from '../../src/model/index';
import { deferred, makeFakeApi, type FakeApi } from './fake-api';
import { checkResult, doctorReport, scanReport } from './sample-records';

let fake: FakeApi;
beforeEach(() => {
  resetAppStore();
  fake = makeFakeApi();
  setApiForTests(fake.api);
});
afterEach(() => setApiForTests(null));

const state = () => useAppStore.getState();
const URL_ = 'https://mcp.example.com/mcp';

describe('doctor slice', () => {
  it('refuses what is not a web address, in plain words, without calling the core', async () => {
    expect(doctorUrlProblem('')).toMatch(/address first/);
    expect(doctorUrlProblem('mcp.example.com')).toMatch(/https:\/\//);
    expect(doctorUrlProblem('ftp://x')).toMatch(/https:\/\//);
    expect(doctorUrlProblem(URL_)).toBeNull();
    state().setDoctorUrl('not a url');
    await state().runDoctor();
    expect(state().doctorStatus).toBe('error');
    expect(fake.ops.doctor).not.toHaveBeenCalled();
  });

  it('builds the checklist live from progress events, then takes the final report', async () => {
    const unsubscribe = subscribeToEvents();
    const d = deferred<DoctorReport>();
    fake.ops.doctor.mockReturnValueOnce(d.promise);
    state().setDoctorUrl(` ${URL_} `);
    const running = state().runDoctor();
    const runId = state().doctorRunId!;
    expect(fake.ops.doctor).toHaveBeenCalledWith({ url: URL_, runId });

    fake.emit('doctorProgress', { runId, event: { type: 'check-started', id: 'url', title: 'Address' } });
    fake.emit('doctorProgress', {
      runId,
      event: { type: 'check-started', id: 'reachability', title: 'Reach' },
    });
    expect(state().doctorChecks.map((c) => [c.id, c.status])).toEqual([
      ['url', 'running'],
      ['reachability', 'running'],
    ]);
    fake.emit('doctorProgress', {
      runId,
      event: { type: 'check-finished', result: checkResult('url', 'pass') },
    });
    // An event of another run must not repaint this one.
    fake.emit('doctorProgress', {
      runId: 'other',
      event: { type: 'check-finished', result: checkResult('reachability', 'fail') },
    });
    expect(state().doctorChecks.map((c) => [c.id, c.status])).toEqual([
      ['url', 'pass'],
      ['reachability', 'running'],
    ]);

    const report = doctorReport(URL_, [checkResult('url', 'pass'), checkResult('reachability', 'warn')]);
    d.resolve(report);
    await running;
    expect(state().doctorStatus).toBe('ready');
    expect(state().doctorReport).toBe(report);
    expect(state().doctorChecks.map((c) => c.status)).toEqual(['pass', 'warn']);
    // Late events after the report are ignored.
    fake.emit('doctorProgress', { runId, event: { type: 'check-started', id: 'url', title: 'Address' } });
    expect(state().doctorChecks[0]!.status).toBe('pass');
    unsubscribe();
    expect(fake.listenerCount()).toBe(0);
  });

  it('maps a doctor failure', async () => {
    fake.ops.doctor.mockRejectedValueOnce(
      new Error('The connection doctor is not available yet in this version of the app.'),
    );
    state().setDoctorUrl(URL_);
    await state().runDoctor();
    expect(state().doctorStatus).toBe('error');
    expect(state().doctorError).toMatch(/not available yet/);
  });

  it('writes Markdown with a mark per check and the evidence', () => {
    const failed = {
      ...checkResult('challenge', 'fail'),
      explanation: 'No WWW-Authenticate header.',
      fix: 'Send the header.',
      evidence: [{ request: `POST ${URL_}`, status: 401, headers: {}, note: 'no header' }],
    };
    const md = doctorMarkdown(doctorReport(URL_, [checkResult('url', 'pass'), failed]));
    expect(md).toContain(`# MCP Auth Doctor: ${URL_}`);
    expect(md).toContain('- ✓ **Title of url** (pass)');
    expect(md).toContain('- ✗ **Title of challenge** (fail)');
    expect(md).toContain('  - Fix: Send the header.');
    expect(md).toContain(`\`POST ${URL_}\` → 401: no header`);
  });
});

describe('menu events', () => {
  it('rescans on the Rescan menu command and explains when there is nothing to undo', async () => {
    fake.ops.scan.mockResolvedValue(scanReport([]));
    const unsubscribe = subscribeToEvents();
    fake.emit('menuCommand', { command: 'rescan' });
    await Promise.resolve();
    expect(fake.ops.scan).toHaveBeenCalledTimes(1);
    fake.emit('menuCommand', { command: 'undo-last' });
    expect(fake.ops.undo).not.toHaveBeenCalled();
    expect(state().toast?.message).toMatch(/no reset to undo/);
    unsubscribe();
  });
});

describe('system slice', () => {
  it('loads the system report', async () => {
    fake.ops.system.mockResolvedValueOnce({
      schema: SYSTEM_SCHEMA,
      browserOpener: { status: 'ok', detail: 'xdg-open found' },
      runningClients: ['codex'],
      proxy: { httpProxy: null, httpsProxy: null, noProxy: null, extraCaCerts: null, os: {}, notes: [] },
      findings: [],
    });
    await state().loadSystem();
    expect(state().systemStatus).toBe('ready');
    expect(state().system?.runningClients).toEqual(['codex']);
  });

  it('asks the user whether the test page appeared, and records the answer', async () => {
    fake.ops.testBrowserOpen.mockResolvedValueOnce({ opened: true, detail: 'opened with xdg-open' });
    await state().testBrowserOpen();
    expect(state().browserTest.phase).toBe('asking');
    state().answerBrowserTest(false);
    expect(state().browserTest).toMatchObject({ phase: 'answered', appeared: false });
  });

  it('skips the question when nothing could be opened', async () => {
    fake.ops.testBrowserOpen.mockResolvedValueOnce({ opened: false, detail: 'xdg-open is missing' });
    await state().testBrowserOpen();
    expect(state().browserTest).toEqual({
      phase: 'answered',
      detail: 'xdg-open is missing',
      appeared: false,
    });
    state().answerBrowserTest(true);
    expect(state().browserTest.appeared).toBe(false);
  });
});

describe('report slice', () => {
  const report: SupportReport = {
    schema: REPORT_SCHEMA,
    createdAt: '2026-11-26T12:00:00Z',
    markdown: '# Report\n~/.mcp-auth\n',
  };

  it('sends only the fields the user filled in', async () => {
    fake.ops.report.mockResolvedValue(report);
    state().setReportField('errorText', 'invalid_client at 10:02');
    state().setReportField('runDoctor', true);
    await state().buildReport();
    // runDoctor needs a server: without one it is not asked for.
    expect(fake.ops.report).toHaveBeenLastCalledWith({ errorText: 'invalid_client at 10:02' });
    state().setReportField('serverUrl', ` ${URL_} `);
    await state().buildReport();
    expect(fake.ops.report).toHaveBeenLastCalledWith({
      serverUrl: URL_,
      errorText: 'invalid_client at 10:02',
      runDoctor: true,
    });
    expect(state().report).toBe(report);
  });

  it('saves exactly the text shown, and does nothing when the save dialog is cancelled', async () => {
    fake.ops.report.mockResolvedValue(report);
    await state().buildReport();
    fake.ops.saveReport.mockResolvedValueOnce(null);
    await state().saveReport();
    expect(fake.ops.saveReport).toHaveBeenCalledWith({ text: report.markdown, format: 'markdown' });
    expect(state().savedReportPath).toBeNull();
    expect(state().toast).toBeNull();
    fake.ops.saveReport.mockResolvedValueOnce({ path: '/tmp/report.md' });
    await state().saveReport();
    expect(state().savedReportPath).toBe('/tmp/report.md');
    expect(state().toast?.kind).toBe('success');
  });

  it('maps a report failure', async () => {
    fake.ops.report.mockRejectedValueOnce(
      new Error('The support report is not available yet in this version of the app.'),
    );
    await state().buildReport();
    expect(state().reportStatus).toBe('error');
    expect(state().reportError).toMatch(/not available yet/);
  });
});

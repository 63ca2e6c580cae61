/**
 * No secret crosses IPC: the real core behind the real IPC wrapper, on a fake home holding every
 * client format the scanner reads, full of canary secrets. Every operation is called from "our
 * window", and every reply and every event the window receives is searched for a canary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCoreApi, type DesktopPorts } from '../../src/api/index';
import { APP_DOC_LINKS } from '../../src/api/links';
import { CLIENTS } from '../../src/clients/registry';
import { OPERATION_NAMES, channelOf, type OperationName } from '../../src/contract';
import type { ScanReport } from '../../src/model/scan';
import type { ProcessPort } from '../../src/system/process-port';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../main/app-protocol';
import { registerCoreApi } from '../../main/ipc';
import { TrustedSenders } from '../../main/trusted-senders';
import { assertNoCanary } from '../helpers/canary';
import { startMisconfiguredServer, type DoctorServer } from '../helpers/doctor-servers';
import * as electron from './fake-electron';
import { makeCanaryHome, type CanaryHome } from './helpers/canary-home';

vi.mock('electron', () => import('./fake-electron'));

let home: CanaryHome;
let server: DoctorServer;
let window: InstanceType<typeof electron.FakeWebContents>;
const replies = new Map<OperationName, unknown[]>();

async function call(
  name: OperationName,
  request: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const reply = (await electron.ipcMain.invokeAs(window, channelOf(name), [request])) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  replies.set(name, [...(replies.get(name) ?? []), reply]);
  return reply;
}

beforeAll(async () => {
  home = await makeCanaryHome();
  server = await startMisconfiguredServer();
  const ctx = { ...home.ctx, env: { ...home.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: home.p('.app-data') } };
  const desktop: DesktopPorts = {
    showItemInFolder: vi.fn(),
    openExternal: async (url) => {
      // The "browser" loads the test page.
      if (url.startsWith('http://127.0.0.1')) await (await fetch(url)).text();
    },
    chooseSavePath: () => Promise.resolve(home.p('Desktop/report.md')),
    openPath: () => Promise.resolve(''),
  };
  // No client is running (the real process list is not what this test is about).
  const processes: ProcessPort = { list: () => Promise.resolve([]), isAlive: () => false };
  const trusted = new TrustedSenders(APP_ORIGIN);
  window = new electron.FakeWebContents();
  window.mainFrame.url = APP_ENTRY_URL;
  trusted.add(window as never);
  const api = createCoreApi(ctx, {
    desktop,
    processes,
    emit: (event, payload) => window.send(channelOf(event), payload),
  });
  registerCoreApi(api, trusted);
  fs.mkdirSync(home.p('Desktop'));
});

afterAll(async () => {
  await server?.close();
  home?.cleanup();
});

describe('no secret crosses IPC', () => {
  it('the fake home really holds the canaries, for every registered client', () => {
    for (const client of CLIENTS) expect(home.planted.has(client.id), client.id).toBe(true);
    const onDisk = fs
      .readdirSync(home.home, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => fs.readFileSync(path.join(e.parentPath, e.name)).toString('latin1'))
      .join('\n');
    const found = home.canaries.filter((c) => onDisk.includes(c));
    // Secrets inside the SQLite stores are stored as they would be (some encrypted): most are plain.
    expect(found.length).toBeGreaterThan(home.canaries.length / 2);
    expect(() => assertNoCanary(onDisk, 'the fake home')).toThrow(/leaked/);
  });

  it('every operation answers without a secret, and the scan saw every client', async () => {
    const scan = await call('scan', {});
    expect(scan.ok).toBe(true);
    const report = scan.value as ScanReport;
    for (const client of CLIENTS) {
      const found = report.clients.find((c) => c.id === client.id);
      expect(found, client.id).toBeDefined();
      expect(found!.credentials.length + found!.servers.length, `${client.id} found nothing`).toBeGreaterThan(
        0,
      );
    }
    expect(report.clients.flatMap((c) => c.credentials).length).toBeGreaterThanOrEqual(CLIENTS.length - 1);
    const somePath = report.clients.flatMap((c) => c.credentials).flatMap((c) => c.files)[0]!.path;

    const preview = await call('planReset', { target: { kind: 'all' } });
    expect(preview.ok).toBe(true);
    const planId = (preview.value as { planId: string }).planId;
    expect((await call('applyReset', { planId, force: true })).ok).toBe(true);
    expect((await call('listBackups', {})).ok).toBe(true);
    expect((await call('undo', {})).ok).toBe(true);
    await call('doctor', { url: server.url, runId: 'leak-check', timeoutSeconds: 2 });
    await call('system', {});
    const pasted = `invalid_client; Authorization: Bearer ${home.canaries[0]!}`;
    const support = await call('report', { serverUrl: server.url, errorText: pasted, runDoctor: true });
    expect(support.ok).toBe(true);
    await call('saveReport', { text: (support.value as { markdown: string }).markdown, format: 'markdown' });
    await call('revealPath', { path: somePath });
    await call('openLink', { url: APP_DOC_LINKS[0] });
    await call('testBrowserOpen', {});
    await call('purgeBackups', { olderThanDays: 0 });
    // Failures travel too: their messages must be clean as well.
    await call('applyReset', { planId: 'no-such-plan' });
    await call('revealPath', { path: home.p('.claude/.credentials.json/../../.ssh/id_rsa') });

    for (const name of OPERATION_NAMES) expect(replies.has(name), `${name} was not called`).toBe(true);
    for (const [name, list] of replies) {
      for (const reply of list) assertNoCanary(JSON.stringify(reply), `the ${name} reply`);
    }
  });

  it('no event the window received carries a secret', () => {
    expect(window.sent.length).toBeGreaterThan(0);
    expect(window.sent.every((m) => m.channel === channelOf('doctorProgress'))).toBe(true);
    for (const message of window.sent) assertNoCanary(JSON.stringify(message.payload), message.channel);
  });

  it('the saved report holds no secret either', () => {
    assertNoCanary(fs.readFileSync(home.p('Desktop/report.md'), 'utf8'), 'the saved report');
  });
});

/**
 * The test bridge: every DesktopApi call the page makes is forwarded, through a Playwright
 * binding, to the REAL core (`createCoreApi`) running in the test process on a temp fake home.
 * Desktop side effects (show in folder, open a link, save dialog, open the test page) are
 * replaced by recorders, and events are pushed into the page the way main pushes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createCoreApi, toErrorPayload, type CoreApiDeps, type DesktopPorts } from '../../../src/api/index';
import type { Context } from '../../../src/context';
import {
  OPERATION_NAMES,
  type ApiEvents,
  type CoreApi,
  type EventName,
  type OperationName,
} from '../../../src/contract';
import type { ProcessPort } from '../../../src/system/process-port';
import { CALL_BINDING, EMIT_FUNCTION, installPageApi, type BridgeResult } from './page-api';

export interface BridgeRecord {
  revealed: string[];
  openedLinks: string[];
  openedPaths: string[];
  savedTo: string[];
  calls: { name: OperationName; request: unknown }[];
  /** JSON of every answer and event that reached the page: the secrets check reads these. */
  payloads: string[];
}

export interface CoreBridge {
  api: CoreApi;
  record: BridgeRecord;
  emit: <E extends EventName>(event: E, payload: ApiEvents[E]) => Promise<void>;
}

/** No client is running, and no lock holder is alive: the fixture's lock is stale by design. */
export const quietProcesses: ProcessPort = { list: () => Promise.resolve([]), isAlive: () => false };

export async function attachCoreBridge(
  page: Page,
  ctx: Context,
  options: {
    saveDir: string;
    processes?: ProcessPort;
    modules?: CoreApiDeps['modules'];
    /** Changes an answer on its way to the page (robustness specs only). */
    tamper?: (name: OperationName, value: unknown) => unknown;
  },
): Promise<CoreBridge> {
  const record: BridgeRecord = {
    revealed: [],
    openedLinks: [],
    openedPaths: [],
    savedTo: [],
    calls: [],
    payloads: [],
  };
  const pending = new Set<Promise<unknown>>();

  const emit = async <E extends EventName>(event: E, payload: ApiEvents[E]): Promise<void> => {
    record.payloads.push(JSON.stringify(payload));
    await page
      .evaluate(
        ([fn, e, p]) => (window as unknown as Record<string, (e: string, p: unknown) => void>)[fn]!(e, p),
        [EMIT_FUNCTION, event, payload] as const,
      )
      .catch(() => undefined); // the page may be closing
  };

  const desktop: DesktopPorts = {
    showItemInFolder: (p) => {
      record.revealed.push(p);
    },
    openExternal: async (url) => {
      record.openedLinks.push(url);
      // The browser test page is served on loopback: "the browser" (a new tab) really loads it.
      // Anything else is only recorded: there is no network here, and no need to leave the app.
      if (/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
        const tab = await page.context().newPage();
        await tab.goto(url);
        await tab.close();
      }
    },
    chooseSavePath: ({ defaultName }) => {
      const target = path.join(options.saveDir, defaultName);
      record.savedTo.push(target);
      return Promise.resolve(target);
    },
    openPath: (p) => {
      record.openedPaths.push(p);
      return Promise.resolve('');
    },
  };

  const api = createCoreApi(ctx, {
    desktop,
    emit: (event, payload) => {
      const sent = emit(event, payload);
      pending.add(sent);
      void sent.finally(() => pending.delete(sent));
    },
    processes: options.processes ?? quietProcesses,
    ...(options.modules !== undefined ? { modules: options.modules } : {}),
  });

  fs.mkdirSync(options.saveDir, { recursive: true });
  await page.exposeBinding(CALL_BINDING, async (_source, name: OperationName, request: unknown) => {
    if (!(OPERATION_NAMES as readonly string[]).includes(name)) {
      return { ok: false, error: { message: `Unknown operation ${String(name)}` } } satisfies BridgeResult;
    }
    record.calls.push({ name, request });
    let result: BridgeResult;
    try {
      const answer = await (api[name] as (r: unknown) => Promise<unknown>)(request);
      const value = options.tamper ? options.tamper(name, answer) : answer;
      // Structured like IPC: plain JSON data only.
      const json = JSON.stringify(value ?? null);
      record.payloads.push(json);
      result = { ok: true, value: JSON.parse(json) as unknown };
    } catch (error) {
      const payload = toErrorPayload(error);
      record.payloads.push(JSON.stringify(payload));
      result = { ok: false, error: payload };
    }
    // Events raised during the call reach the page before its answer, as over IPC.
    await Promise.all([...pending]);
    return result;
  });
  await page.addInitScript(installPageApi, {
    operations: [...OPERATION_NAMES],
    call: CALL_BINDING,
    emit: EMIT_FUNCTION,
  });
  return { api, record, emit };
}

/**
 * Audit finding 9: in the app, "did the page appear?" is asked whenever the app could not see the
 * page load itself (the loopback wait timed out, or the page file was opened instead), and the
 * answer "no" is followed by advice, never by another question. Tested through the façade (real
 * openTestPage, fake desktop) and through the store (fake API).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApiForTests } from '../../../renderer/src/api';
import { resetAppStore, useAppStore } from '../../../renderer/src/store';
import { createCoreApi, type DesktopPorts } from '../../../src/api/index';
import { realSystemModule, type SystemModule } from '../../../src/api/core-modules';
import type { BrowserOpener } from '../../../src/model/system';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { makeFakeApi, type FakeApi } from '../../renderer/fake-api';

const opener: BrowserOpener = {
  status: 'ok',
  detail: 'stand-in opener',
  command: 'xdg-open',
  fix: 'Install xdg-utils and set a default browser.',
};

function desktop(over: Partial<DesktopPorts> = {}): DesktopPorts & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    showItemInFolder: vi.fn(),
    chooseSavePath: () => Promise.resolve(null),
    // A desktop that hands the page over but whose browser never loads it.
    openExternal: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    openPath: (p) => {
      opened.push(p);
      return Promise.resolve('');
    },
    ...over,
  };
}

let home: FakeHome;
beforeEach(() => {
  home = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: '' } });
});
afterEach(() => home.cleanup());

function api(system: SystemModule, d: DesktopPorts) {
  const ctx = { ...home.ctx, env: { ...home.ctx.env, MCP_AUTH_DOCTOR_DATA_DIR: home.p('app-data') } };
  return createCoreApi(ctx, { desktop: d, emit: vi.fn(), modules: { system, scan: null } });
}

describe('testBrowserOpen through the façade', () => {
  it('asks when the browser got the page but was not seen loading it (loopback timeout)', async () => {
    const system: SystemModule = {
      ...realSystemModule,
      checkBrowserOpener: () => Promise.resolve(opener),
      openTestPage: (ctx, options) => realSystemModule.openTestPage(ctx, { ...options, waitMs: 50 }),
    };
    const d = desktop();
    const result = await api(system, d).testBrowserOpen({});
    expect(d.opened).toHaveLength(1);
    expect(result).toMatchObject({ opened: false, ask: true, ifNot: opener.fix });
    expect(result.code).toMatch(/^\d{6}$/);
    expect(result.detail).toContain(result.code);
    expect(result.detail).not.toMatch(/\?/);
  });

  it('asks when only the page file could be opened (no loopback port)', async () => {
    const system: SystemModule = {
      ...realSystemModule,
      checkBrowserOpener: () => Promise.resolve(opener),
      openTestPage: (ctx, options) =>
        options.via === 'file'
          ? realSystemModule.openTestPage(ctx, options)
          : Promise.reject(new Error('listen EACCES 127.0.0.1')),
    };
    const d = desktop();
    const result = await api(system, d).testBrowserOpen({});
    expect(d.opened[0]).toMatch(/browser-test\.html$/);
    expect(result).toMatchObject({ opened: false, ask: true, ifNot: opener.fix });
    expect(result.detail).not.toMatch(/\?/);
  });

  it('does not ask when nothing could be handed to a browser', async () => {
    const system: SystemModule = {
      ...realSystemModule,
      checkBrowserOpener: () => Promise.resolve(opener),
    };
    const d = desktop({ openExternal: () => Promise.reject(new Error('no handler for http')) });
    const result = await api(system, d).testBrowserOpen({});
    expect(result.opened).toBe(false);
    expect(result.ask).toBe(false);
    expect(result.detail).toContain('no handler for http');
  });
});

describe('the browser test in the store', () => {
  let fake: FakeApi;
  beforeEach(() => {
    resetAppStore();
    fake = makeFakeApi();
    setApiForTests(fake.api);
  });
  afterEach(() => setApiForTests(null));
  const state = () => useAppStore.getState();

  it('asks when the app could not confirm the load, and answers "no" with advice only', async () => {
    fake.ops.testBrowserOpen.mockResolvedValueOnce({
      opened: false,
      ask: true,
      code: '123456',
      detail: 'The test page (code 123456) was handed to your browser, but the app could not see it load.',
      ifNot: 'Install xdg-utils and set a default browser.',
    });
    await state().testBrowserOpen();
    expect(state().browserTest).toMatchObject({ phase: 'asking', appeared: null, code: '123456' });
    state().answerBrowserTest(false);
    expect(state().browserTest).toMatchObject({
      phase: 'answered',
      appeared: false,
      ifNot: 'Install xdg-utils and set a default browser.',
    });
  });

  it('goes straight to "no" only when nothing could be handed over', async () => {
    fake.ops.testBrowserOpen.mockResolvedValueOnce({
      opened: false,
      ask: false,
      detail: 'The opener failed.',
    });
    await state().testBrowserOpen();
    expect(state().browserTest).toMatchObject({
      phase: 'answered',
      appeared: false,
      detail: 'The opener failed.',
    });
  });
});

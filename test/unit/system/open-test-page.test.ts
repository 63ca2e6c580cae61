import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openCommandFor,
  openTestPage,
  serveTestPage,
  TEST_PAGE_TITLE,
  writeTestPage,
} from '../../../src/system/open-test-page';
import type { BrowserOpener } from '../../../src/model/system';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';

let home: FakeHome;
afterEach(() => home?.cleanup());

const linuxOpener: BrowserOpener = {
  status: 'ok',
  detail: '',
  command: '/usr/bin/xdg-open',
  fix: 'install xdg-utils',
};

describe('the test page', () => {
  it('is a static page (no script) with this run’s code, readable by its owner only', () => {
    home = makeFakeHome();
    const page = writeTestPage(home.p('data'), new Date('2026-11-26T12:00:00Z'), '123456');
    const html = fs.readFileSync(page.path, 'utf8');
    expect(html).toContain(TEST_PAGE_TITLE);
    expect(html).toContain('123456');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("default-src 'none'");
    expect(page.fileUrl).toBe(`file://${page.path}`);
    if (process.platform !== 'win32') expect(fs.statSync(page.path).mode & 0o077).toBe(0);
  });

  it('is served on loopback at its own path only, and the visit is seen', async () => {
    home = makeFakeHome();
    const page = writeTestPage(home.p('data'), new Date(), '654321');
    const served = await serveTestPage(page);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp-auth-doctor\/browser-test\/654321$/);
      const other = await fetch(new URL('/', served.url));
      expect(other.status).toBe(404);
      const res = await fetch(served.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(page.html);
      await served.visited;
    } finally {
      await served.close();
    }
  });
});

describe('openCommandFor', () => {
  const ctx = (platform: 'darwin' | 'win32' | 'linux') => ({
    home: '/h',
    env: {},
    platform,
    now: () => new Date(),
  });
  it('uses each OS’s own opener', () => {
    expect(openCommandFor(ctx('linux'), linuxOpener, 'http://x')).toEqual({
      command: '/usr/bin/xdg-open',
      args: ['http://x'],
    });
    expect(openCommandFor(ctx('linux'), { ...linuxOpener, command: null }, 'http://x')).toBeNull();
    expect(
      openCommandFor(ctx('darwin'), { status: 'ok', detail: '', command: '/usr/bin/open' }, 'http://x'),
    ).toEqual({
      command: '/usr/bin/open',
      args: ['http://x'],
    });
    expect(openCommandFor(ctx('win32'), { status: 'ok', detail: '' }, 'http://x')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', 'http://x'],
    });
  });
});

describe('openTestPage through an open() port', () => {
  it('is opened when the "browser" loads the page', async () => {
    home = makeFakeHome();
    const result = await openTestPage(home.ctx, {
      dir: home.p('data'),
      opener: linuxOpener,
      open: async (url) => {
        await (await fetch(url)).text();
      },
    });
    expect(result).toMatchObject({ opened: true, launched: true, needsAnswer: false });
    expect(result.target).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(fs.existsSync(result.path)).toBe(true);
  });

  it('is launched but not opened when nothing loads the page in time, and asks the user', async () => {
    home = makeFakeHome();
    const result = await openTestPage(home.ctx, {
      dir: home.p('data'),
      opener: linuxOpener,
      open: () => Promise.resolve(),
      waitMs: 50,
    });
    expect(result).toMatchObject({ opened: false, launched: true, needsAnswer: true });
    expect(result.detail).toContain(result.marker);
    expect(result.detail).toContain('install xdg-utils');
    expect(result.ifNot).toContain('install xdg-utils');
    expect(result.ifNot).not.toContain('?');
  });

  it('reports an opener failure', async () => {
    home = makeFakeHome();
    const result = await openTestPage(home.ctx, {
      dir: home.p('data'),
      opener: linuxOpener,
      open: () => Promise.reject(new Error('no handler for http')),
    });
    expect(result).toMatchObject({ opened: false, launched: false, needsAnswer: false });
    expect(result.detail).toContain('no handler for http');
  });

  it('opens the file itself with via: file, and then only the user can say it appeared', async () => {
    home = makeFakeHome();
    const seen: string[] = [];
    const result = await openTestPage(home.ctx, {
      dir: home.p('data'),
      opener: linuxOpener,
      via: 'file',
      open: (target) => {
        seen.push(target);
        return Promise.resolve();
      },
    });
    expect(seen).toEqual([result.target]);
    expect(result.target).toMatch(/^file:\/\//);
    expect(result).toMatchObject({ opened: false, launched: true, needsAnswer: true });
    expect(result.detail).toMatch(/Did a tab/);
  });

  it('says so when there is no opener command at all', async () => {
    home = makeFakeHome();
    const result = await openTestPage(home.ctx, {
      dir: home.p('data'),
      opener: { ...linuxOpener, command: null },
    });
    expect(result).toMatchObject({ opened: false, launched: false, command: null, needsAnswer: false });
    expect(result.detail).toContain('install xdg-utils');
  });
});

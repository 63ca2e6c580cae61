import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, appResponse, originOf, resolveAppFile } from '../../main/app-protocol';

vi.mock('electron', () => import('./fake-electron'));

const root = path.resolve('/app/out/renderer');

describe('the app:// protocol', () => {
  it('serves files under the renderer folder', () => {
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js?v=1#x`)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/a%20b.css`)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('never names a file outside it, whatever the request spells', () => {
    const attempts = [
      `${APP_ORIGIN}/../main/index.cjs`,
      `${APP_ORIGIN}/%2e%2e/%2e%2e/main/index.cjs`,
      `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fpackage.json`,
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`,
      `${APP_ORIGIN}/assets/..%5c..%5cpackage.json`,
    ];
    for (const url of attempts) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
    }
    // Encoded separators survive URL parsing, so these climb out and must be refused.
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fpackage.json`)).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd`)).toBeNull();
  });

  it('refuses other hosts, other schemes, NUL bytes and broken escapes', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/a%00.html`)).toBeNull();
    expect(resolveAppFile(root, `${APP_ORIGIN}/%E0%A4%A`)).toBeNull();
    expect(resolveAppFile(root, 'app://other-host/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///app/out/renderer/index.html')).toBeNull();
    expect(resolveAppFile(root, 'not a url')).toBeNull();
  });

  it('spells origins of custom schemes as scheme://host', () => {
    expect(originOf(APP_ENTRY_URL)).toBe('app://mcp-auth-doctor');
    expect(originOf('http://localhost:5173/index.html')).toBe('http://localhost:5173');
    expect(originOf('::')).toBeNull();
  });
});

describe('app:// responses', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-renderer-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'index.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves the built files with their content type', async () => {
    const root = path.join(dir, 'renderer');
    const page = await appResponse(root, APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    const script = await appResponse(root, `${APP_ORIGIN}/assets/index.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and for anything outside the renderer folder', async () => {
    const root = path.join(dir, 'renderer');
    expect((await appResponse(root, `${APP_ORIGIN}/missing.js`)).status).toBe(404);
    expect((await appResponse(root, `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`)).status).toBe(404);
    expect((await appResponse(root, `${APP_ORIGIN}/assets`)).status).toBe(404);
  });
});

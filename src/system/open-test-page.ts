/**
 * "Test: open a page": a harmless local page opened the way a client opens its sign-in page.
 * By default the page is served on a loopback port, like an OAuth redirect listener, so we can
 * tell the browser really loaded it; the same page is also written to disk for openers that
 * only take a file.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '../context';
import type { BrowserOpener } from '../model/system';

export const TEST_PAGE_TITLE = 'MCP Auth Doctor: browser test';
export const TEST_PAGE_FILE = 'browser-test.html';

export interface TestPage {
  path: string;
  fileUrl: string;
  html: string;
  /** A short code shown on the page, so the user can tell it is this run's page. */
  marker: string;
}

export function testPageHtml(marker: string, now: Date): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${TEST_PAGE_TITLE}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}code{font-size:1.4em}</style>
</head>
<body>
<h1>Your browser opened this page</h1>
<p>MCP Auth Doctor asked your computer to open a web page, the same way an AI client does when you sign in to an MCP server. It worked.</p>
<p>Check code: <code>${marker}</code> (created ${now.toISOString()}).</p>
<p>You can close this tab.</p>
</body>
</html>
`;
}

export function newMarker(): string {
  return String(randomInt(100000, 1000000));
}

/** Writes the page (owner-only) into `dir`, which is created when missing. */
export function writeTestPage(dir: string, now: Date, marker: string = newMarker()): TestPage {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, TEST_PAGE_FILE);
  const html = testPageHtml(marker, now);
  fs.writeFileSync(file, html, { mode: 0o600 });
  return { path: file, fileUrl: pathToFileURL(file).href, html, marker };
}

export interface OpenCommand {
  command: string;
  args: string[];
}

/** The command this OS's clients would use to open `target`, or null when there is none. */
export function openCommandFor(ctx: Context, opener: BrowserOpener, target: string): OpenCommand | null {
  switch (ctx.platform) {
    case 'darwin':
      return { command: opener.command ?? 'open', args: [target] };
    case 'win32':
      return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', target] };
    default:
      return opener.command !== undefined && opener.command !== null
        ? { command: opener.command, args: [target] }
        : null;
  }
}

export interface LoopbackPage {
  url: string;
  /** Resolves when a browser fetched the page. */
  visited: Promise<void>;
  close: () => Promise<void>;
}

/** Serves the page once-per-request on 127.0.0.1 at an unguessable path; nothing else. */
export function serveTestPage(page: TestPage): Promise<LoopbackPage> {
  let markVisited: () => void = () => undefined;
  const visited = new Promise<void>((resolve) => {
    markVisited = resolve;
  });
  const route = `/mcp-auth-doctor/browser-test/${page.marker}`;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === route) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      // Counted once the bytes are out, so closing the server cannot cut the page short.
      res.once('finish', markVisited);
      res.end(page.html);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${route}`,
        visited,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Starts an opener command detached, as a client would; resolves with its exit code or null. */
export function spawnOpener(ctx: Context, cmd: OpenCommand, waitExitMs = 3000): Promise<number | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (code: number | null): void => {
      if (!settled) {
        settled = true;
        resolve(code);
      }
    };
    try {
      const child = spawn(cmd.command, cmd.args, {
        env: { ...ctx.env },
        stdio: 'ignore',
        detached: ctx.platform !== 'win32',
        windowsHide: true,
      });
      child.once('error', () => done(127));
      child.once('exit', (code) => done(code));
      child.unref();
      // Some openers run the browser in the foreground: still running means it was handed off.
      setTimeout(() => done(null), waitExitMs).unref();
    } catch {
      done(127);
    }
  });
}

export interface TestPageOptions {
  /** Where the page file goes (the app's data folder or a temp dir). */
  dir: string;
  opener: BrowserOpener;
  /** The shell's opener (Electron: shell.openExternal); default: spawn this OS's command. */
  open?: (target: string) => Promise<void>;
  /** 'loopback' (default) serves the page and sees the browser load it; 'file' opens the file. */
  via?: 'loopback' | 'file';
  /** How long to wait for the browser to load the page. */
  waitMs?: number;
}

export interface TestPageResult {
  /** The browser loaded the page (seen on the loopback port); never true for 'file'. */
  opened: boolean;
  /** The opener accepted the request (exit 0, or still running). */
  launched: boolean;
  /**
   * The page was handed over but its load could not be seen (loopback timeout, or 'file'):
   * only the user can say whether it appeared, so ask them.
   */
  needsAnswer: boolean;
  detail: string;
  /** What to do when the page did not appear; a statement, never a question. */
  ifNot: string;
  target: string;
  path: string;
  marker: string;
  command: string | null;
}

export async function openTestPage(ctx: Context, options: TestPageOptions): Promise<TestPageResult> {
  const page = writeTestPage(options.dir, ctx.now());
  const via = options.via ?? 'loopback';
  const served = via === 'loopback' ? await serveTestPage(page) : null;
  const target = served?.url ?? page.fileUrl;
  const cmd = options.open === undefined ? openCommandFor(ctx, options.opener, target) : null;
  const ifNot = options.opener.fix ?? 'Set a default browser, then restart the client.';
  const base = {
    target,
    path: page.path,
    marker: page.marker,
    command: cmd ? cmd.command : null,
    ifNot,
    needsAnswer: false,
  };
  try {
    let launched: boolean;
    let launchNote = '';
    if (options.open !== undefined) {
      try {
        await options.open(target);
        launched = true;
      } catch (err) {
        launched = false;
        launchNote = (err as Error).message;
      }
    } else if (cmd === null) {
      return {
        ...base,
        opened: false,
        launched: false,
        detail: `No command to open a browser was found. ${options.opener.fix ?? ''}`.trim(),
      };
    } else {
      const code = await spawnOpener(ctx, cmd);
      launched = code === 0 || code === null;
      if (!launched) launchNote = `${cmd.command} exited with status ${code}`;
    }
    if (!launched) {
      return { ...base, opened: false, launched, detail: `The opener failed: ${launchNote}.` };
    }
    if (served === null) {
      return {
        ...base,
        opened: false,
        launched,
        needsAnswer: true,
        detail: `The page was handed to the browser. Did a tab titled "${TEST_PAGE_TITLE}" with code ${page.marker} appear?`,
      };
    }
    const waitMs = options.waitMs ?? 15000;
    const seen = await Promise.race([
      served.visited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs).unref()),
    ]);
    return {
      ...base,
      opened: seen,
      launched,
      needsAnswer: !seen,
      detail: seen
        ? 'Your browser opened the test page, so clients can open their sign-in page too.'
        : `The opener accepted the page but no browser loaded it within ${Math.round(waitMs / 1000)} s. Did a tab titled "${TEST_PAGE_TITLE}" with code ${page.marker} appear? If not: ${options.opener.fix ?? 'check the browser opener.'}`,
    };
  } finally {
    await served?.close();
  }
}

/**
 * Runs the real `mcp-remote` (the npm package in node_modules) the way a host client does, with a
 * throw-away home: HOME / USERPROFILE / XDG_* / APPDATA point into the given temp dir, so its cache
 * lands in `<home>/.mcp-auth/mcp-remote-v1/` and nothing of the real user is read or written.
 *
 * mcp-remote prints the authorization URL on stderr and waits for the browser to come back to its
 * loopback callback. `BROWSER=true` makes its opener a harmless no-op (no display here anyway); the
 * helper plays the browser instead: it requests the printed URL and follows the redirect to the
 * callback, which completes the sign-in against an auto-approving server (mcp-oauth-server.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MCP_REMOTE_BIN = path.join(ROOT, 'node_modules', 'mcp-remote', 'dist', 'proxy.js');

export interface McpRemoteOptions {
  serverUrl: string;
  /** A temp dir standing in for the user's home. */
  home: string;
  /** Extra mcp-remote args after the URL (`--header`, `--resource`, ...). */
  args?: string[];
  /** Extra env (e.g. MCP_REMOTE_CONFIG_DIR), on top of the isolated one. */
  env?: Record<string, string>;
}

/** What happened when the helper played the browser. */
export interface SignInAttempt {
  url: string;
  /** The OAuth client id in the authorization URL (the one mcp-remote registered or cached). */
  clientId: string | null;
  /** Status of the last response (200 when the callback page was reached). */
  status: number;
  body: string;
}

export class McpRemoteFailure extends Error {
  constructor(
    message: string,
    readonly output: string,
    readonly signIn: SignInAttempt | null,
  ) {
    super(`${message}\n--- mcp-remote stderr ---\n${output}`);
  }
}

export interface McpRemoteRun {
  pid: number;
  /** Everything mcp-remote wrote to stderr so far. */
  output: () => string;
  /** Resolves with the printed authorization URL. */
  authorizationUrl: (timeoutMs?: number) => Promise<string>;
  /**
   * Resolves once the proxy is connected. When a sign-in is asked for, completes it first (unless
   * `signIn: false`). Rejects with McpRemoteFailure (stderr included) when mcp-remote exits, the
   * authorization server refuses the sign-in, or the time runs out.
   */
  connected: (options?: {
    timeoutMs?: number;
    signIn?: boolean;
  }) => Promise<{ signIn: SignInAttempt | null }>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the process (SIGTERM, then SIGKILL) and waits for it. */
  stop: () => Promise<void>;
}

/** The isolated environment: nothing of the real user's home or browser leaks in. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    APPDATA: path.join(home, 'AppData', 'Roaming'),
    LOCALAPPDATA: path.join(home, 'AppData', 'Local'),
    TMPDIR: process.env.TMPDIR ?? '/tmp',
    BROWSER: 'true',
    NO_COLOR: '1',
    ...extra,
  };
}

const AUTH_URL = /authorize this client by visiting:\s*\r?\n\s*(\S+)/;
const CONNECTED = /Proxy established successfully/;

/** Requests the authorization URL like a browser: follows redirects to the loopback callback. */
export async function playBrowser(url: string): Promise<SignInAttempt> {
  const clientId = new URL(url).searchParams.get('client_id');
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(10_000) });
  return { url, clientId, status: response.status, body: (await response.text()).slice(0, 500) };
}

export function startMcpRemote(options: McpRemoteOptions): McpRemoteRun {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [MCP_REMOTE_BIN, options.serverUrl, ...(options.args ?? [])],
    { env: isolatedEnv(options.home, options.env), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    notify();
  });
  child.stdout.resume();
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal };
      notify();
      resolve(exitInfo);
    });
  });

  /** Waits until `check` returns a value, the process exits, or time runs out. */
  const waitFor = <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        listeners.delete(poll);
        clearTimeout(timer);
      };
      const poll = (): void => {
        const value = check();
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (exitInfo !== null) {
          done();
          reject(
            new McpRemoteFailure(
              `mcp-remote exited (${JSON.stringify(exitInfo)}) before ${what}`,
              stderr,
              null,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new McpRemoteFailure(`timed out after ${timeoutMs} ms waiting for ${what}`, stderr, null));
      }, timeoutMs);
      listeners.add(poll);
      poll();
    });

  const authorizationUrl = (timeoutMs = 15_000): Promise<string> =>
    waitFor(() => AUTH_URL.exec(stderr)?.[1], 'the authorization URL', timeoutMs);

  const connected: McpRemoteRun['connected'] = async ({ timeoutMs = 20_000, signIn = true } = {}) => {
    let attempt: SignInAttempt | null = null;
    const result = await waitFor<'connected' | 'sign-in'>(
      () => (CONNECTED.test(stderr) ? 'connected' : AUTH_URL.test(stderr) ? 'sign-in' : undefined),
      'a connection or a sign-in request',
      timeoutMs,
    );
    if (result === 'sign-in') {
      const url = AUTH_URL.exec(stderr)![1]!;
      if (!signIn) throw new McpRemoteFailure('mcp-remote asked for a sign-in', stderr, null);
      attempt = await playBrowser(url);
      if (attempt.status >= 400) {
        throw new McpRemoteFailure(
          `the authorization server refused the sign-in: HTTP ${attempt.status} ${attempt.body}`,
          stderr,
          attempt,
        );
      }
      await waitFor(
        () => (CONNECTED.test(stderr) ? true : undefined),
        'the connection after sign-in',
        timeoutMs,
      ).catch((err: McpRemoteFailure) => {
        throw new McpRemoteFailure(err.message, stderr, attempt);
      });
    }
    return { signIn: attempt };
  };

  const stop = async (): Promise<void> => {
    if (exitInfo !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(killer);
  };

  return { pid: child.pid ?? -1, output: () => stderr, authorizationUrl, connected, exited, stop };
}

/**
 * One complete run: start mcp-remote, sign in if asked, wait for the connection, stop it.
 * Resolves with the sign-in attempt (null when cached tokens were enough); rejects with
 * McpRemoteFailure when the run fails (e.g. the authorization server forgot the client).
 */
export async function runMcpRemoteOnce(
  options: McpRemoteOptions & { timeoutMs?: number },
): Promise<{ signIn: SignInAttempt | null; output: string }> {
  const run = startMcpRemote(options);
  try {
    const { signIn } = await run.connected({ timeoutMs: options.timeoutMs });
    return { signIn, output: run.output() };
  } finally {
    await run.stop();
  }
}

/**
 * Drives the real Codex CLI (npm `@openai/codex`, its native binary through bin/codex.js) with
 * CODEX_HOME and HOME in a temp dir: `codex mcp add <name> --url <url>` writes config.toml, and
 * `codex mcp login <name>` with the file credential store prints an authorization URL, which the
 * helper requests like a browser (the loopback callback completes the sign-in).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedEnv, playBrowser, type SignInAttempt } from './mcp-remote-client';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CODEX_BIN = path.join(ROOT, 'node_modules', '@openai', 'codex', 'bin', 'codex.js');

export interface CodexOptions {
  /** Temp dir standing in for the user's home. */
  home: string;
  /** Default `<home>/.codex`. */
  codexHome?: string;
}

function env(options: CodexOptions): Record<string, string> {
  return isolatedEnv(options.home, { CODEX_HOME: options.codexHome ?? path.join(options.home, '.codex') });
}

/** `codex mcp add <name> --url <url>`; resolves with its output, rejects when it fails. */
export function codexMcpAdd(options: CodexOptions & { name: string; url: string }): string {
  const run = spawnSync(process.execPath, [CODEX_BIN, 'mcp', 'add', options.name, '--url', options.url], {
    env: env(options),
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`codex mcp add failed (${run.status ?? run.signal}):\n${output}`);
  return output;
}

const AUTH_URL = /(https?:\/\/\S+\/authorize\?\S+)/;

/**
 * `codex -c mcp_oauth_credentials_store="file" mcp login <name>`, completing the sign-in.
 * Resolves once Codex reports success; rejects with its output otherwise.
 */
export function codexMcpLogin(
  options: CodexOptions & { name: string; timeoutMs?: number },
): Promise<{ signIn: SignInAttempt; output: string }> {
  const child = spawn(
    process.execPath,
    [CODEX_BIN, '-c', 'mcp_oauth_credentials_store="file"', 'mcp', 'login', options.name],
    { env: env(options), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let signIn: SignInAttempt | null = null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`codex mcp login timed out:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = signIn === null ? AUTH_URL.exec(output)?.[1] : undefined;
      if (url !== undefined) {
        signIn = { url, clientId: null, status: 0, body: '' };
        playBrowser(url).then(
          (attempt) => {
            signIn = attempt;
          },
          (err: unknown) => {
            child.kill('SIGKILL');
            reject(new Error(`requesting the authorization URL failed: ${String(err)}\n${output}`));
          },
        );
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && signIn !== null && /Successfully logged in/.test(output)) resolve({ signIn, output });
      else reject(new Error(`codex mcp login exited ${code}:\n${output}`));
    });
  });
}

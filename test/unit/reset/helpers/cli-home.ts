/**
 * A fake home the real scanner understands (mcp-remote cache bridged from Claude Desktop's config,
 * and Claude Code's shared credentials file), plus an in-process CLI runner against it.
 */
import { createHash } from 'node:crypto';
import { runCli } from '../../../../src/cli/main';
import type { CliIo } from '../../../../src/cli/io';
import { canary } from '../../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { tempDir, type TempDir } from './reset-fixtures';

export const EU = 'https://eu.example.com/mcp';
export const US = 'https://us.example.com/mcp';
export const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export interface CliHome {
  home: FakeHome;
  data: TempDir;
  files: { euInfo: string; euTokens: string; usTokens: string; claudeCreds: string };
  cleanup: () => void;
}

export function cliHome(): CliHome {
  const data = tempDir();
  const home = makeFakeHome({ env: { MCP_AUTH_DOCTOR_DATA_DIR: data.dir } });
  const euInfo = home.write(
    `.mcp-auth/mcp-remote-v1/${md5(EU)}_client_info.json`,
    { client_id: 'old-eu-client', client_secret: canary('cs') },
    0o600,
  );
  const euTokens = home.write(
    `.mcp-auth/mcp-remote-v1/${md5(EU)}_tokens.json`,
    { access_token: canary('at'), token_type: 'bearer', expires_in: 3600 },
    0o600,
  );
  const usTokens = home.write(
    `.mcp-auth/mcp-remote-v1/${md5(US)}_tokens.json`,
    { access_token: canary('at'), token_type: 'bearer', expires_in: 3600 },
    0o600,
  );
  home.write('.config/Claude/claude_desktop_config.json', {
    mcpServers: {
      eu: { command: 'npx', args: ['-y', 'mcp-remote', EU] },
      us: { command: 'npx', args: ['-y', 'mcp-remote', US] },
    },
  });
  const claudeCreds = home.write(
    '.claude/.credentials.json',
    {
      claudeAiOauth: { accessToken: canary('login'), refreshToken: canary('rt') },
      mcpOAuth: {
        'eu|0123456789abcdef': {
          serverName: 'eu',
          serverUrl: EU,
          accessToken: canary('at'),
          clientId: 'cc-eu',
        },
        'us|fedcba9876543210': {
          serverName: 'us',
          serverUrl: US,
          accessToken: canary('at'),
          clientId: 'cc-us',
        },
      },
    },
    0o600,
  );
  home.write('.claude.json', {
    mcpServers: { eu: { type: 'http', url: EU }, us: { type: 'http', url: US } },
  });
  return {
    home,
    data,
    files: { euInfo, euTokens, usTokens, claudeCreds },
    cleanup: () => {
      home.cleanup();
      data.cleanup();
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  questions: string[];
}

export async function cli(h: CliHome, argv: string[], answer?: boolean): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTty: false,
    ...(answer !== undefined
      ? {
          confirm: (q: string) => {
            questions.push(q);
            return Promise.resolve(answer);
          },
        }
      : {}),
  };
  const code = await runCli({ argv, io, baseContext: h.home.ctx });
  return { code, stdout, stderr, questions };
}

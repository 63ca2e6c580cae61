/**
 * A fake home holding the same server (A, "the EU environment") in three clients — mcp-remote's
 * own files (two version folders), one entry of Claude Code's shared credentials file next to
 * Claude's own login, two entries of Gemini's token list — plus a second server (B) and files that
 * belong to nobody we reset. Every secret is a canary.
 */
import fs from 'node:fs';
import { canary } from '../../../helpers/canary';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { scanOf, type CredSpec } from './reset-fixtures';
import type { ScanResult } from '../../../../src/scan/types';

export const SERVER_A = 'https://eu.example.com/mcp';
export const SERVER_B = 'https://us.example.com/mcp';

export interface TypicalHome {
  home: FakeHome;
  scan: () => ScanResult;
  specs: CredSpec[];
  paths: {
    mcpAuth: string;
    aInfo: string;
    aTokens: string;
    aOld: string;
    oldDir: string;
    bInfo: string;
    bTokens: string;
    claudeCreds: string;
    geminiTokens: string;
    geminiLogin: string;
  };
  secrets: string[];
}

export function typicalHome(): TypicalHome {
  const home = makeFakeHome();
  const secrets: string[] = [];
  const secret = (kind: string): string => {
    const s = canary(kind);
    secrets.push(s);
    return s;
  };
  const aInfo = home.write(
    '.mcp-auth/mcp-remote-v1/aaaa_client_info.json',
    { client_id: 'client-a', client_secret: secret('cs') },
    0o600,
  );
  const aTokens = home.write(
    '.mcp-auth/mcp-remote-v1/aaaa_tokens.json',
    { access_token: secret('at'), token_type: 'bearer' },
    0o600,
  );
  const bInfo = home.write('.mcp-auth/mcp-remote-v1/bbbb_client_info.json', { client_id: 'client-b' }, 0o600);
  const bTokens = home.write(
    '.mcp-auth/mcp-remote-v1/bbbb_tokens.json',
    { access_token: secret('at') },
    0o600,
  );
  const aOld = home.write(
    '.mcp-auth/mcp-remote-0.1.37/aaaa_tokens.json',
    { access_token: secret('at') },
    0o644,
  );
  fs.chmodSync(home.p('.mcp-auth/mcp-remote-0.1.37'), 0o750);
  const claudeCreds = home.write(
    '.claude/.credentials.json',
    {
      claudeAiOauth: { accessToken: secret('login'), refreshToken: secret('rt'), expiresAt: 1 },
      mcpOAuth: {
        'eu|0123456789abcdef': {
          serverName: 'eu',
          serverUrl: SERVER_A,
          accessToken: secret('at'),
          clientId: 'cc-a',
        },
        'us|fedcba9876543210': {
          serverName: 'us',
          serverUrl: SERVER_B,
          accessToken: secret('at'),
          clientId: 'cc-b',
        },
      },
      organizationUuid: 'org-1',
    },
    0o600,
  );
  const geminiTokens = home.write(
    '.gemini/mcp-oauth-tokens.json',
    [
      { serverName: 'eu', mcpServerUrl: SERVER_A, token: { accessToken: secret('at') } },
      { serverName: 'us', mcpServerUrl: SERVER_B, token: { accessToken: secret('at') } },
      { serverName: 'eu-2', mcpServerUrl: `${SERVER_A}/`, token: { accessToken: secret('at') } },
    ],
    0o640,
  );
  const geminiLogin = home.write('.gemini/oauth_creds.json', { refresh_token: secret('google') }, 0o600);
  home.write('.claude.json', { mcpServers: { eu: { type: 'http', url: SERVER_A } } });
  const mcpAuth = home.p('.mcp-auth');
  const specs: CredSpec[] = [
    { id: 'mr-a', client: 'mcp-remote', serverUrl: SERVER_A, files: [aInfo, aTokens], roots: [mcpAuth] },
    { id: 'mr-a-old', client: 'mcp-remote', serverUrl: SERVER_A, files: [aOld], roots: [mcpAuth] },
    { id: 'mr-b', client: 'mcp-remote', serverUrl: SERVER_B, files: [bInfo, bTokens], roots: [mcpAuth] },
    {
      id: 'cc-a',
      client: 'claude-code',
      serverUrl: SERVER_A,
      shared: { file: claudeCreds, pointer: '/mcpOAuth/eu|0123456789abcdef' },
      roots: [home.p('.claude')],
    },
    {
      id: 'cc-b',
      client: 'claude-code',
      serverUrl: SERVER_B,
      shared: { file: claudeCreds, pointer: '/mcpOAuth/us|fedcba9876543210' },
      roots: [home.p('.claude')],
    },
    {
      id: 'gm-a',
      client: 'gemini-cli',
      serverUrl: SERVER_A,
      shared: { file: geminiTokens, pointer: '/0' },
      roots: [home.p('.gemini')],
    },
    {
      id: 'gm-b',
      client: 'gemini-cli',
      serverUrl: SERVER_B,
      shared: { file: geminiTokens, pointer: '/1' },
      roots: [home.p('.gemini')],
    },
    {
      id: 'gm-a2',
      client: 'gemini-cli',
      serverUrl: `${SERVER_A}/`,
      shared: { file: geminiTokens, pointer: '/2' },
      roots: [home.p('.gemini')],
    },
  ];
  return {
    home,
    specs,
    scan: () => scanOf(specs),
    paths: {
      mcpAuth,
      aInfo,
      aTokens,
      aOld,
      oldDir: home.p('.mcp-auth/mcp-remote-0.1.37'),
      bInfo,
      bTokens,
      claudeCreds,
      geminiTokens,
      geminiLogin,
    },
    secrets,
  };
}

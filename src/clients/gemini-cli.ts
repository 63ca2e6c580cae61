/**
 * Gemini CLI. Servers: `~/.gemini/settings.json` (`mcpServers`; `url` means SSE, `httpUrl`
 * streamable HTTP) and the system-wide settings file. Credentials: `~/.gemini/mcp-oauth-tokens.json`.
 * `GEMINI_CLI_HOME` replaces the home folder `.gemini` lives in. Gemini's own Google sign-in
 * (`oauth_creds.json`, keychain `gemini-cli-oauth`) is never read. See clients.md §8.
 */
import type { ClientDeclaration } from './types';
import { mcpServersFileParser } from './parsers/mcp-servers-file';
import { geminiServerKey, parseGeminiTokens } from './parsers/gemini-cli-tokens';

const settingsParser = mcpServersFileParser({
  what: 'settings.json',
  urlWithoutType: 'sse',
  nameKey: geminiServerKey,
});

export const geminiCli: ClientDeclaration = {
  id: 'gemini-cli',
  label: 'Gemini CLI',
  roots: [
    {
      id: 'gemini',
      role: 'config',
      paths: { all: ['~/.gemini'] },
      envOverride: ['${GEMINI_CLI_HOME}/.gemini'],
    },
    {
      // Only when GEMINI_CLI_SYSTEM_SETTINGS_PATH names it (the root is that file, `match: ''`).
      // The default machine-wide files (/etc/gemini-cli, /Library/Application Support/GeminiCli,
      // %ProgramData%/gemini-cli) are not read: they are outside the home being inspected, which
      // may be a copy taken from another machine (--home).
      id: 'system',
      role: 'config',
      paths: {},
      envOverride: ['${GEMINI_CLI_SYSTEM_SETTINGS_PATH}'],
    },
  ],
  files: [
    { root: 'gemini', match: 'settings.json', role: 'config', parser: settingsParser },
    { root: 'gemini', match: 'mcp-oauth-tokens.json', role: 'credentials', parser: parseGeminiTokens },
    { root: 'system', match: '', role: 'config', parser: settingsParser },
  ],
  processNames: {
    // A node script: its command line names the `gemini` bin or the @google/gemini-cli package.
    all: ['gemini', 'gemini-cli'],
    win32: ['gemini', 'gemini-cli', 'gemini.cmd', 'gemini.ps1'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      "Gemini CLI's own Google sign-in (oauth_creds.json) is separate and is never listed or touched.",
      'With GEMINI_FORCE_ENCRYPTED_FILE_STORAGE=true, MCP tokens go to the OS keychain (service "gemini-cli-oauth") or the encrypted ~/.gemini/gemini-credentials.json instead, which cannot be read here.',
      "Project servers in a project's .gemini/settings.json are not scanned (projects are not searched).",
    ],
  },
  ownReset:
    "In Gemini CLI: /mcp auth <server> signs in again. No command that only deletes a server's tokens was found.",
  assumptions: [
    "Only the plaintext token file is read; the encrypted fallback gemini-credentials.json (key derived from host and user name) may also hold Gemini's own sign-in and is left alone.",
    'The token file does not record the authorization server, only the token endpoint, so no issuer is shown.',
  ],
  links: [
    {
      label: 'Gemini CLI MCP servers',
      url: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
    },
  ],
};

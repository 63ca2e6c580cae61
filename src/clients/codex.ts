/**
 * OpenAI Codex CLI. Home: `CODEX_HOME`, else `~/.codex`. Servers: `config.toml` (`mcp_servers`).
 * Sign-ins: the OS keyring (service "Codex MCP Credentials") or, with the file store or no
 * keyring, `.credentials.json`. See clients.md §9.
 */
import type { ClientDeclaration } from './types';
import { parseCodexConfig, parseCodexCredentials } from './parsers/codex';

export const codex: ClientDeclaration = {
  id: 'codex',
  label: 'Codex CLI',
  roots: [{ id: 'home', role: 'config', paths: { all: ['~/.codex'] }, envOverride: ['${CODEX_HOME}'] }],
  files: [
    { root: 'home', match: 'config.toml', role: 'config', parser: parseCodexConfig, text: true },
    {
      root: 'home',
      match: '.credentials.json',
      role: 'credentials',
      parser: parseCodexCredentials,
      text: true,
    },
  ],
  processNames: { all: ['codex'], win32: ['codex.exe', 'codex'] },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: ["Codex's own ChatGPT sign-in (auth.json) is separate and is never read."],
  },
  ownReset:
    'codex mcp logout <name> (clears the keyring and the file store); codex mcp login <name> signs in again.',
  assumptions: [
    'The default store (auto or keyring) differs between releases; the file store is read wherever it exists.',
    'Lock files in mcp-oauth-locks/ are advisory OS locks and are not listed.',
  ],
  links: [
    { label: 'Codex MCP configuration', url: 'https://github.com/openai/codex/blob/main/docs/config.md' },
  ],
};

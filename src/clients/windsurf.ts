/**
 * Windsurf (Codeium / Cognition). Servers: `~/.codeium/windsurf/mcp_config.json` (`mcpServers`;
 * remote entries use `serverUrl`). Credentials: `codeium.windsurf` extension secrets named
 * `mcp_…` in Windsurf's `state.vscdb` (encrypted; listed, never read). See clients.md §7.
 */
import type { ClientDeclaration } from './types';
import { mcpServersFileParser } from './parsers/mcp-servers-file';
import { parseWindsurfStateDb } from './parsers/windsurf-secrets';
import { prepareStateDb } from './parsers/vscode-state-db';
import { STATE_DB_MAX_BYTES, userDirs } from './vscode';

export const windsurf: ClientDeclaration = {
  id: 'windsurf',
  label: 'Windsurf',
  roots: [
    { id: 'codeium', role: 'config', paths: { all: ['~/.codeium/windsurf'] } },
    { id: 'global-storage', role: 'credentials', paths: userDirs('Windsurf', '/globalStorage') },
  ],
  files: [
    {
      root: 'codeium',
      match: 'mcp_config.json',
      role: 'config',
      parser: mcpServersFileParser({ what: 'mcp_config.json' }),
    },
    {
      root: 'global-storage',
      match: 'state.vscdb',
      role: 'credentials',
      parser: parseWindsurfStateDb,
      maxBytes: STATE_DB_MAX_BYTES,
    },
  ],
  processNames: {
    darwin: ['Windsurf', 'Windsurf.app', 'Windsurf Helper'],
    win32: ['Windsurf.exe'],
    linux: ['windsurf', 'Windsurf'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'Windsurf keeps MCP tokens as encrypted extension secrets in its state.vscdb; only which servers have them can be shown.',
      'Quit Windsurf before a reset: it holds state.vscdb open and writes it back on exit.',
    ],
    darwin: ['The key that encrypts them is the "Windsurf Safe Storage" item in the login Keychain.'],
  },
  ownReset: 'Windsurf → Cascade → MCP servers panel → the server; sign out or remove and add it again.',
  assumptions: [
    "MCP token secrets are assumed to be `codeium.windsurf` secrets whose key starts with `mcp_` (`mcp_token_<server>` seen in third-party code); Windsurf's source is closed and its own sign-in (`windsurf_auth.*`) is never listed.",
    "The MCP panel's sign-out and whether it revokes tokens are not verified.",
  ],
  links: [{ label: 'Windsurf MCP documentation', url: 'https://docs.windsurf.com/windsurf/cascade/mcp' }],
  prepare: prepareStateDb,
};

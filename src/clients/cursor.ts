/**
 * Cursor. Servers: `~/.cursor/mcp.json` (`mcpServers`, the same on every OS). Credentials: the
 * `anysphere.cursor-mcp` extension secrets in Cursor's `state.vscdb` (encrypted; listed, never
 * read). See clients.md §6.
 */
import type { ClientDeclaration } from './types';
import { mcpServersFileParser } from './parsers/mcp-servers-file';
import { cursorUserScopeKey, parseCursorStateDb } from './parsers/cursor-secrets';
import { prepareStateDb } from './parsers/vscode-state-db';
import { STATE_DB_MAX_BYTES, userDirs } from './vscode';

export const cursor: ClientDeclaration = {
  id: 'cursor',
  label: 'Cursor',
  roots: [
    { id: 'home', role: 'config', paths: { all: ['~/.cursor'] } },
    { id: 'global-storage', role: 'credentials', paths: userDirs('Cursor', '/globalStorage') },
  ],
  files: [
    {
      root: 'home',
      match: 'mcp.json',
      role: 'config',
      parser: mcpServersFileParser({ what: 'mcp.json', nameKey: cursorUserScopeKey }),
    },
    {
      root: 'global-storage',
      match: 'state.vscdb',
      role: 'credentials',
      parser: parseCursorStateDb,
      maxBytes: STATE_DB_MAX_BYTES,
    },
  ],
  processNames: {
    darwin: ['Cursor', 'Cursor.app', 'Cursor Helper'],
    win32: ['Cursor.exe'],
    linux: ['cursor', 'Cursor'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'Cursor keeps MCP sign-ins as encrypted extension secrets in its state.vscdb; only which servers have them can be shown.',
      "Project servers in a project's .cursor/mcp.json are not scanned (projects are not searched).",
      'Quit Cursor before a reset: it holds state.vscdb open and writes it back on exit.',
    ],
    darwin: ['The key that encrypts them is the "Cursor Safe Storage" item in the login Keychain.'],
  },
  ownReset: 'Cursor Settings → MCP (Tools & Integrations) → the server → Logout, then connect again.',
  assumptions: [
    "The secret layout (`[<scope>] mcp_tokens`, `mcp_client_information` under anysphere.cursor-mcp) is taken from third-party tools that read Cursor's state.vscdb; Cursor's source is closed.",
    'A `user-<name>` scope is the server <name> of ~/.cursor/mcp.json; `url:<base64>` scopes carry the server URL; other scopes (project, plugin) are shown as they are.',
    "Cursor's state.vscdb is read only up to 256 MiB (chat history can make it larger).",
    "Whether Cursor's Logout revokes tokens at the authorization server is unknown.",
  ],
  links: [
    { label: 'Cursor MCP documentation', url: 'https://docs.cursor.com/context/model-context-protocol' },
  ],
  prepare: prepareStateDb,
};

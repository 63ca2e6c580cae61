/**
 * opencode (sst / anomalyco). Servers: `opencode.json` / `opencode.jsonc` in its XDG config
 * folder (key `mcp`). Credentials: `mcp-auth.json` in its XDG data folder, one entry per server
 * name. opencode resolves both through xdg-basedir, so the same `~/.config` and
 * `~/.local/share` layout applies on macOS and Windows. See clients.md §17.
 */
import type { ClientDeclaration } from './types';
import { parseOpencodeConfig } from './parsers/opencode-config';
import { parseOpencodeAuth } from './parsers/opencode-auth';

export const opencode: ClientDeclaration = {
  id: 'opencode',
  label: 'opencode',
  roots: [
    { id: 'config', role: 'config', paths: { all: ['$XDG_CONFIG_HOME/opencode'] } },
    { id: 'data', role: 'credentials', paths: { all: ['$XDG_DATA_HOME/opencode'] } },
  ],
  files: [
    { root: 'config', match: 'opencode.json', role: 'config', parser: parseOpencodeConfig },
    { root: 'config', match: 'opencode.jsonc', role: 'config', parser: parseOpencodeConfig },
    { root: 'config', match: 'config.json', role: 'config', parser: parseOpencodeConfig },
    { root: 'data', match: 'mcp-auth.json', role: 'credentials', parser: parseOpencodeAuth },
  ],
  processNames: {
    all: ['opencode'],
    win32: ['opencode.exe', 'opencode'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'opencode ignores a stored entry whose serverUrl differs from the URL in its config, and signs in again.',
      "Project servers in a project's opencode.json are not scanned (projects are not searched).",
    ],
  },
  ownReset:
    "opencode mcp logout <name> removes a server's stored credentials; opencode mcp auth <name> signs in again.",
  assumptions: [
    'Windows and macOS use the same ~/.config/opencode and ~/.local/share/opencode folders as Linux (xdg-basedir ignores the OS); not checked on a Windows install.',
    'OPENCODE_CONFIG (an extra config file path) is not followed.',
  ],
  links: [{ label: 'opencode MCP servers', url: 'https://opencode.ai/docs/mcp-servers/' }],
};

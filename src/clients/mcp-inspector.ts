/**
 * MCP Inspector 2.x (`@modelcontextprotocol/inspector`: web app, CLI and TUI share one store).
 * Credentials: `~/.mcp-inspector/storage/oauth.json` (`MCP_STORAGE_DIR` moves the folder).
 * Servers: the catalog `~/.mcp-inspector/mcp.json`. Inspector 1.x kept OAuth state in the
 * browser tab's sessionStorage only, which cannot be read from outside.
 */
import type { ClientDeclaration } from './types';
import { mcpServersFileParser } from './parsers/mcp-servers-file';
import { parseInspectorOAuth } from './parsers/mcp-inspector-oauth';

export const mcpInspector: ClientDeclaration = {
  id: 'mcp-inspector',
  label: 'MCP Inspector',
  roots: [
    { id: 'home', role: 'config', paths: { all: ['~/.mcp-inspector'] } },
    {
      id: 'storage',
      role: 'credentials',
      paths: { all: ['~/.mcp-inspector/storage'] },
      envOverride: ['${MCP_STORAGE_DIR}'],
    },
  ],
  files: [
    { root: 'home', match: 'mcp.json', role: 'config', parser: mcpServersFileParser({ what: 'mcp.json' }) },
    { root: 'storage', match: 'oauth.json', role: 'credentials', parser: parseInspectorOAuth },
  ],
  processNames: {
    // A node script: npx and global installs run the `mcp-inspector` bin.
    all: ['mcp-inspector'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      'Newer Inspector releases keep tokens and client secrets in the OS keychain or ~/.mcp-inspector/secrets.json; oauth.json then only says which servers have them.',
      'Inspector 1.x kept OAuth state in the browser tab only; closing the tab or "Clear OAuth State" removes it.',
    ],
  },
  ownReset:
    'Web: Connection Info → "Clear OAuth state", or Server Settings → OAuth → "Clear stored OAuth state". TUI: Auth tab, S. CLI: --relogin.',
  assumptions: [
    'MCP_INSPECTOR_OAUTH_STATE_PATH and MCP_CATALOG_PATH (file paths) are not followed; MCP_STORAGE_DIR is.',
    'Stored entries record no expiry, so no expiry is shown.',
    'Enterprise IdP sessions (idpSessions) are not MCP server credentials and are not listed.',
  ],
  links: [
    { label: 'MCP Inspector', url: 'https://github.com/modelcontextprotocol/inspector' },
    {
      label: 'MCP Inspector secret storage',
      url: 'https://github.com/modelcontextprotocol/inspector/blob/main/docs/secret-storage.md',
    },
  ],
};

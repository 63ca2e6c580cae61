/**
 * Claude Desktop. Config: `claude_desktop_config.json` (`mcpServers`, stdio servers; remote ones
 * are bridged with mcp-remote, whose cache is read by the mcp-remote client). macOS and Windows
 * (incl. the Microsoft Store package path); Linux only has community builds (paths unverified).
 * Custom connectors keep their tokens at claude.ai, not on disk. See clients.md §3.
 */
import type { ClientDeclaration, FileParser } from './types';
import { mcpServersConfigParser } from './shared/mcp-servers-config';

const readConfig = mcpServersConfigParser('claude_desktop_config.json');

/** Servers given by URL in this file are listed, with a word on why Claude Desktop ignores them. */
const configParser: FileParser = (input) => {
  const parsed = readConfig(input);
  const remote = (parsed.servers ?? []).filter((s) => s.transport === 'http' || s.transport === 'sse');
  if (remote.length === 0) return parsed;
  const names = remote.map((s) => s.name).join(', ');
  return {
    ...parsed,
    notes: [
      `${names} ${remote.length === 1 ? 'is' : 'are'} given by URL in ${input.path}; Claude Desktop does not connect remote servers from this file. ${remote.length === 1 ? 'Add it as a custom connector' : 'Add each as a custom connector'} (Settings → Connectors) instead.`,
    ],
  };
};

export const claudeDesktop: ClientDeclaration = {
  id: 'claude-desktop',
  label: 'Claude Desktop',
  roots: [
    {
      id: 'app',
      role: 'config',
      paths: {
        darwin: ['~/Library/Application Support/Claude', '~/Library/Application Support/Claude-3p'],
        win32: [
          '%APPDATA%/Claude',
          '%LOCALAPPDATA%/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude',
          '%LOCALAPPDATA%/Claude-3p',
          '%APPDATA%/Claude-3p',
        ],
        linux: ['$XDG_CONFIG_HOME/Claude', '$XDG_CONFIG_HOME/claude-desktop'],
      },
    },
  ],
  files: [
    { root: 'app', match: 'claude_desktop_config.json', role: 'config', parser: configParser, text: true },
  ],
  processNames: { darwin: ['Claude'], win32: ['Claude.exe'], linux: ['claude-desktop', 'Claude'] },
  rewritesWhileRunning: true,
  // Remote servers are reachable natively as custom connectors (Settings → Connectors)...
  nativeRemote: true,
  // ...but connectors only reach port 443.
  customPorts: false,
  notes: {
    all: [
      'Claude Desktop connects only local (stdio) servers from claude_desktop_config.json; remote servers are added as custom connectors, whose sign-ins are kept by claude.ai, not on this computer. Disconnect or remove them in Settings → Connectors.',
      'Servers that Claude Desktop reaches through mcp-remote keep their sign-ins in mcp-remote’s cache (listed under mcp-remote).',
    ],
    linux: [
      'There is no official Claude Desktop for Linux; community builds use ~/.config/Claude or ~/.config/claude-desktop.',
    ],
  },
  ownReset:
    'Settings → Connectors → Disconnect (custom connectors); Settings → Developer → Edit Config for claude_desktop_config.json.',
  assumptions: [
    'The Microsoft Store path (Packages/Claude_pzs8sxrjxfjjc) and the Linux paths come from third-party reports.',
    'No local copy of custom-connector tokens is assumed to exist.',
  ],
  links: [
    {
      label: 'Connect to local MCP servers',
      url: 'https://modelcontextprotocol.io/docs/develop/connect-local-servers',
    },
    {
      label: 'Connect to remote MCP servers',
      url: 'https://modelcontextprotocol.io/docs/develop/connect-remote-servers',
    },
  ],
};

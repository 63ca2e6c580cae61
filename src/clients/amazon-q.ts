/**
 * Amazon Q Developer CLI (`q` / `qchat`). Servers: `~/.aws/amazonq/mcp.json` and agent files in
 * `~/.aws/amazonq/cli-agents/`. Credentials: `<K>.token.json` + `<K>.registration.json` in
 * `~/.aws/sso/cache`, K = sha256 of the server URL's origin + path. That folder also holds AWS
 * SSO tokens: only files whose K belongs to a configured MCP URL are ever read. See clients.md §15.
 */
import type { ClientDeclaration } from './types';
import { amazonQConfigParser } from './parsers/amazon-q-config';
import { acceptAmazonQCacheFile, parseAmazonQCacheFile } from './parsers/amazon-q-cache';

export const amazonQ: ClientDeclaration = {
  id: 'amazon-q',
  label: 'Amazon Q Developer CLI',
  roots: [
    { id: 'amazonq', role: 'config', paths: { all: ['~/.aws/amazonq'] } },
    { id: 'sso-cache', role: 'credentials', paths: { all: ['~/.aws/sso/cache'] } },
  ],
  files: [
    { root: 'amazonq', match: 'mcp.json', role: 'config', parser: amazonQConfigParser('mcp.json') },
    {
      root: 'amazonq',
      match: 'cli-agents/*.json',
      role: 'config',
      parser: amazonQConfigParser('agent file'),
    },
    {
      root: 'sso-cache',
      match: '*.token.json',
      role: 'credentials',
      parser: parseAmazonQCacheFile,
      accept: acceptAmazonQCacheFile,
    },
    {
      root: 'sso-cache',
      match: '*.registration.json',
      role: 'credentials',
      parser: parseAmazonQCacheFile,
      accept: acceptAmazonQCacheFile,
    },
  ],
  processNames: {
    all: ['q', 'qchat'],
    win32: ['q.exe', 'qchat.exe'],
  },
  rewritesWhileRunning: true,
  nativeRemote: true,
  customPorts: true,
  notes: {
    all: [
      '~/.aws/sso/cache also holds AWS IAM Identity Center (SSO) sign-ins: only the files named after a configured MCP server URL are shown, and nothing else in that folder is read or changed.',
      'A cached credential for a URL that no client configures any more cannot be told apart from AWS SSO files, so it is not shown.',
      "Workspace servers in a project's .amazonq/mcp.json are not scanned (projects are not searched).",
    ],
  },
  ownReset:
    'None. Amazon Q deletes <K>.token.json itself when a refresh fails and then signs in again; removing both <K> files forces a new registration.',
  assumptions: [
    "Agent files in ~/.aws/amazonq/cli-agents are read for their mcpServers; the IDE plugins' ~/.aws/amazonq/agents folder is not.",
    'A registration whose client_id is "Q DEV CLI" is Amazon Q\'s fallback when dynamic registration failed (reported as static).',
    "Kiro, Amazon Q's successor, keeps its config under ~/.kiro and is not covered here.",
  ],
  links: [
    {
      label: 'Amazon Q Developer CLI and MCP',
      url: 'https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/command-line-mcp.html',
    },
  ],
};

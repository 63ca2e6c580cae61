/**
 * Every client the scanner knows, in display order. Add a client: write its declaration (and
 * parsers) in this folder, import it here, add fixtures and tests.
 */
import type { ClientDeclaration } from './types';
import { mcpRemote } from './mcp-remote';
import { copilotCli } from './copilot-cli';
import { claudeDesktop } from './claude-desktop';
import { claudeCode } from './claude-code';
import { codex } from './codex';
import { vscode } from './vscode';
import { cursor } from './cursor';
import { windsurf } from './windsurf';
import { geminiCli } from './gemini-cli';
import { opencode } from './opencode';
import { mcpInspector } from './mcp-inspector';
import { amazonQ } from './amazon-q';

export const CLIENTS: readonly ClientDeclaration[] = [
  mcpRemote,
  copilotCli,
  claudeDesktop,
  claudeCode,
  codex,
  vscode,
  cursor,
  windsurf,
  geminiCli,
  opencode,
  mcpInspector,
  amazonQ,
];

export function clientById(id: string): ClientDeclaration | undefined {
  return CLIENTS.find((c) => c.id === id);
}

/**
 * Secrets inside server URLs (a password, an api_key parameter) never reach scan's output: not
 * servers[].url, credentials[].serverUrl, finding messages, nor the human text. Linking and the
 * internal raw URL (for `reset --server` as typed) still work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createScanCommand } from '../../../src/cli/commands/scan';
import { scan } from '../../../src/scan/index';
import type { ScanReport } from '../../../src/model/scan';
import type { Platform } from '../../../src/context';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary, assertNoSecretFragments, canary } from '../../helpers/canary';
import {
  bridged,
  writeClaudeConfig,
  writeClaudeCredentials,
  writeClaudeDesktopConfig,
  writeMcpRemoteCache,
} from '../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

async function run(json: boolean): Promise<string> {
  let out = '';
  const command = createScanCommand({ scan, processes: () => undefined });
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), isTty: false };
  await command.run({ args: [], ctx: home.ctx, io, json, dataDir: home.home });
  return out;
}

describe.each(['linux', 'darwin', 'win32'] as Platform[])('secrets in server URLs (%s)', (platform) => {
  it('are masked in human and --json output; raw URLs stay internal', async () => {
    home = makeFakeHome({ platform });
    const pw = canary('PW');
    const key = canary('QUERY_KEY');
    const url = `https://user:${pw}@mcp.example.com/sse?api_key=${key}`;
    const portUrl = `https://user:${pw}@mcp.example.com:8443/mcp?api_key=${key}`;
    writeClaudeConfig(home, { atlas: { type: 'sse', url } });
    writeClaudeCredentials(home, [{ name: 'atlas', url, issuer: 'https://auth.example.com' }]);
    writeClaudeDesktopConfig(home, { bridgedAtlas: bridged(url), direct: { type: 'http', url: portUrl } });
    writeMcpRemoteCache(home, { url, issuer: 'https://auth.example.com/' });

    const human = await run(false);
    const json = await run(true);
    for (const [out, where] of [
      [human, 'scan'],
      [json, 'scan --json'],
    ] as const) {
      assertNoCanary(out, where);
      assertNoSecretFragments(out, [pw, key], where);
      // Still readable: user name, host, path and parameter name are kept.
      expect(out).toContain('https://user:');
      expect(out).toContain('@mcp.example.com/sse?api_key=');
    }
    const report = JSON.parse(json) as ScanReport;
    const servers = report.clients.flatMap((c) => c.servers);
    expect(servers.filter((s) => s.url?.includes('mcp.example.com')).length).toBeGreaterThanOrEqual(3);
    const creds = report.clients.flatMap((c) => c.credentials);
    const mcpRemote = creds.find((c) => c.client === 'mcp-remote')!;
    // The cache is still linked through the hash of the raw URL the host config passes.
    expect(mcpRemote.serverName).toBe('bridgedAtlas');
    expect(mcpRemote.serverUrl).toContain('@mcp.example.com/sse');
    expect(
      report.findings.some((f) => f.code === 'custom-port' && f.message.includes('mcp.example.com:8443')),
    ).toBe(true);

    const result = await scan(home.ctx);
    const internal = [...result.credentials.values()];
    const claude = internal.find((c) => c.credential.client === 'claude-code')!;
    expect(claude.rawServerUrl).toBe(url);
    expect(claude.credential.serverUrl).not.toContain(pw);
    // The Claude Code entry is matched to its configured server (not reported orphaned).
    expect(result.report.findings.filter((f) => f.code === 'orphaned-credential')).toEqual([]);
  });
});

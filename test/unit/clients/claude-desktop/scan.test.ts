import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../../src/scan/index';
import type { ScanResult } from '../../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { bridged, claudeDesktopConfigPath, writeClaudeDesktopConfig } from '../../scan/builders';

let home: FakeHome;
afterEach(() => home?.cleanup());

const desktop = (r: ScanResult) => r.report.clients.find((c) => c.id === 'claude-desktop')!;
const of = (r: ScanResult, code: string) =>
  r.report.findings.filter((f) => f.code === code && f.client === 'claude-desktop');

describe('Claude Desktop', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    '%s: reads claude_desktop_config.json where that OS keeps it',
    async (platform) => {
      home = makeFakeHome({ platform });
      const file = writeClaudeDesktopConfig(home, {
        fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
        atlas: bridged('https://mcp.example.com/mcp'),
      });
      const r = await scan(home.ctx);
      const c = desktop(r);
      expect(c.installed).toBe(true);
      expect(c.servers).toEqual([
        { name: 'fs', url: null, transport: 'stdio', source: file },
        { name: 'atlas', url: 'https://mcp.example.com/mcp', transport: 'mcp-remote', source: file },
      ]);
      expect(c.paths.some((p) => p.exists && file.startsWith(p.path))).toBe(true);
      expect(c.credentials).toEqual([]);
    },
  );

  it('reads the third-party (3P) mode tree next to the normal one', async () => {
    home = makeFakeHome({ platform: 'darwin' });
    writeClaudeDesktopConfig(home, { a: bridged('https://a.example.com/mcp') });
    writeClaudeDesktopConfig(
      home,
      { b: bridged('https://b.example.com/mcp') },
      'Library/Application Support/Claude-3p/claude_desktop_config.json',
    );
    expect(
      desktop(await scan(home.ctx))
        .servers.map((s) => s.name)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('custom port: a remote URL off 443 cannot be reached as a connector; the bridge is then needed', async () => {
    home = makeFakeHome();
    writeClaudeDesktopConfig(home, {
      direct: { type: 'http', url: 'https://mymcp.internal:8443/mcp' },
      bridgedCustom: bridged('https://mymcp.internal:8443/mcp'),
      bridged443: bridged('https://mcp.example.com/mcp'),
      bridgedLocal: bridged('http://localhost:3000/mcp'),
    });
    const r = await scan(home.ctx);
    const port = of(r, 'custom-port');
    expect(port).toHaveLength(1);
    expect(port[0]!.message).toContain('8443');
    expect(port[0]!.path).toBe(home.p(claudeDesktopConfigPath('linux')));
    const bridge = of(r, 'bridge-not-needed');
    expect(bridge).toHaveLength(1);
    expect(bridge[0]!.message).toContain('bridged443');
    expect(bridge[0]!.fix).toContain('Connectors');
    expect(desktop(r).notes.join(' ')).toMatch(
      /direct is given by URL .* does not connect remote servers from this file/,
    );
  });

  it('a config with a comment or trailing comma is malformed (Claude Desktop cannot load it either)', async () => {
    home = makeFakeHome();
    const file = home.write(claudeDesktopConfigPath('linux'), '{\n  // my servers\n  "mcpServers": {}\n}\n');
    const r = await scan(home.ctx);
    const bad = of(r, 'malformed-file');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.path).toBe(file);
    expect(bad[0]!.message).toMatch(/not valid JSON: .* line 2/);
  });

  it('odd values in mcpServers are skipped, not fatal', async () => {
    home = makeFakeHome();
    home.write(claudeDesktopConfigPath('linux'), {
      mcpServers: { a: null, b: 'npx', c: { command: 'node', args: 'x.js' } },
    });
    const r = await scan(home.ctx);
    expect(desktop(r).servers.map((s) => s.name)).toEqual(['c']);
    expect(of(r, 'malformed-file')).toEqual([]);
  });
});

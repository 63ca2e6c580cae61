/**
 * Findings about configured servers (custom-port, bridge-not-needed) share their client, code and
 * config file: each server still gets its own.
 */
import { afterEach, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { bridged, writeClaudeDesktopConfig } from './builders';

let home: FakeHome | null = null;
afterEach(() => home?.cleanup());

it('two servers of one config file each get their finding', async () => {
  home = makeFakeHome();
  writeClaudeDesktopConfig(home, {
    a: { type: 'http', url: 'https://a.example.com:8443/mcp' },
    b: { type: 'http', url: 'https://b.example.com:9443/mcp' },
    c: bridged('https://c.example.com/mcp'),
    d: bridged('https://d.example.com/mcp'),
  });
  const { report } = await scan(home.ctx, { clients: ['claude-desktop'] });
  const codes = (code: string): string[] =>
    report.findings.filter((f) => f.code === code).map((f) => f.message);
  expect(codes('custom-port')).toHaveLength(2);
  expect(codes('custom-port').join('\n')).toContain('a.example.com:8443');
  expect(codes('custom-port').join('\n')).toContain('b.example.com:9443');
  expect(codes('bridge-not-needed')).toHaveLength(2);
});

/**
 * A Copilot CLI registration + verifier without a tokens file is normal on macOS and Windows,
 * where the tokens live in the Keychain / Credential Manager: no claim that the sign-in never
 * finished, no warning, exit 0. On Linux without a keyring the missing tokens file does mean it.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanCommand } from '../../../../src/cli/commands/scan';
import { scan } from '../../../../src/scan/index';
import type { ScanReport } from '../../../../src/model/scan';
import { makeFakeHome, type FakeHome } from '../../../helpers/fake-home';
import { assertNoCanary } from '../../../helpers/canary';
import { hex64, writeCopilotOAuth } from '../../scan/builders';

const NOW = new Date('2026-11-26T12:00:00Z');
const URL_A = 'https://mcp.example.com/mcp';
let home: FakeHome;
afterEach(() => home?.cleanup());

function plant(platform: 'darwin' | 'win32' | 'linux'): string[] {
  home = makeFakeHome({ platform, now: NOW });
  home.write('.copilot/mcp-config.json', { mcpServers: { atlas: { type: 'http', url: URL_A } } });
  const files = writeCopilotOAuth(home, {
    hash: hex64('a'),
    serverUrl: URL_A,
    tokens: false,
    verifier: true,
  });
  const old = new Date(NOW.getTime() - 3600_000);
  for (const f of files) fs.utimesSync(f, old, old);
  return files;
}

async function run(): Promise<{ code: number; report: ScanReport }> {
  let out = '';
  const command = createScanCommand({ scan, processes: () => undefined });
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), isTty: false };
  const code = await command.run({ args: [], ctx: home.ctx, io, json: true, dataDir: home.home });
  assertNoCanary(out);
  return { code, report: JSON.parse(out) as ScanReport };
}

describe('Copilot CLI verifier without a tokens file', () => {
  for (const [platform, store] of [
    ['darwin', 'Keychain'],
    ['win32', 'Credential Manager'],
  ] as const) {
    it(`on ${platform} is at most a leftover (info), not a sign-in that never finished`, async () => {
      const files = plant(platform);
      const { code, report } = await run();
      const [f] = report.findings.filter((x) => x.code === 'leftover-flow-state');
      expect(f!.severity).toBe('info');
      expect(f!.message).not.toContain('never finished');
      expect(f!.message).toContain(store);
      expect(f!.message).toContain('leftover');
      expect(f!.actions![0]!.target).toEqual({
        kind: 'files',
        credential: f!.credential,
        paths: files.filter((p) => p.endsWith('.verifier')),
      });
      expect(code).toBe(0);
    });
  }

  it('on linux (tokens would be files) it is still a warning', async () => {
    plant('linux');
    const { code, report } = await run();
    const [f] = report.findings.filter((x) => x.code === 'leftover-flow-state');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('never finished');
    expect(code).toBe(1);
  });
});

/**
 * Canary secrets planted in every file type of all 12 clients (test/unit/report/canary-home.ts),
 * whole and cut short: no piece of any of them reaches `scan`'s human or --json output, on any of
 * the three OS layouts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanCommand } from '../../../src/cli/commands/scan';
import { CLIENTS } from '../../../src/clients/registry';
import { scan } from '../../../src/scan/index';
import type { Platform } from '../../../src/context';
import type { ScanReport } from '../../../src/model/scan';
import { assertNoCanary, assertNoSecretFragments } from '../../helpers/canary';
import { makeCanaryHome, type CanaryHome } from '../report/canary-home';

let home: CanaryHome;
afterEach(() => home?.cleanup());

/**
 * Every canary written into the home's files: of a long `CANARY-<kind>-<n>-<hex>` its random
 * `<n>-<hex>` part (the kind is a plain word such as "client-secret", which ordinary text may
 * contain; the prefix is assertNoCanary's), and short `pw<n><letters>` ones whole.
 */
function plantedSecrets(h: CanaryHome): string[] {
  const found = new Set<string>();
  for (const rel of h.planted) {
    const text = fs.readFileSync(path.join(h.home, ...rel.split('/'))).toString('latin1');
    for (const m of text.matchAll(/CANARY-[A-Za-z0-9_-]+?-(\d+-[0-9a-f]{8})/g)) found.add(m[1]!);
    for (const m of text.matchAll(/pw\d+[g-z]{6}/g)) found.add(m[0]);
  }
  return [...found];
}

async function run(h: CanaryHome, json: boolean): Promise<string> {
  let out = '';
  const command = createScanCommand({ scan, processes: () => undefined });
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), isTty: false };
  await command.run({ args: [], ctx: h.ctx, io, json, dataDir: h.home });
  return out;
}

describe.each(['linux', 'darwin', 'win32'] as Platform[])(
  'scan never prints a secret of any client (%s)',
  (platform) => {
    it.each([false, true])('truncated files: %s', async (truncated) => {
      home = await makeCanaryHome({ platform, truncated });
      const secrets = plantedSecrets(home);
      expect(secrets.length).toBeGreaterThan(50);
      const human = await run(home, false);
      const json = await run(home, true);
      for (const [out, where] of [
        [human, `scan (${platform})`],
        [json, `scan --json (${platform})`],
      ] as const) {
        assertNoCanary(out, where);
        assertNoSecretFragments(out, secrets, where);
      }
      const report = JSON.parse(json) as ScanReport;
      // Every client's files were there and read: each of the 12 is found.
      const installed = report.clients.filter((c) => c.installed).map((c) => c.id);
      expect(installed.sort()).toEqual(CLIENTS.map((c) => c.id).sort());
      for (const c of report.clients) expect(human).toContain(`(${c.id})`);
      if (truncated)
        expect(report.findings.filter((f) => f.code === 'malformed-file').length).toBeGreaterThan(10);
      else expect(report.clients.flatMap((c) => c.credentials).length).toBeGreaterThan(5);
    });
  },
);

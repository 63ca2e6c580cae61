/** Every skipped or failed item carries a reason code the app can act on, next to its words. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPlan, itemNeedsAttention, planReset, type ResetDeps } from '../../../src/reset/index';
import { tempDir, type TempDir } from './helpers/reset-fixtures';
import { SERVER_B, typicalHome, type TypicalHome } from './helpers/typical-home';

let t: TypicalHome;
let data: TempDir;
let deps: ResetDeps;
beforeEach(() => {
  t = typicalHome();
  data = tempDir();
  deps = { dataDir: data.dir };
});
afterEach(() => {
  t.home.cleanup();
  data.cleanup();
});

describe('reset reason codes', () => {
  it('changed-since-scan, already-gone and client-running, each with its reason', async () => {
    const plan = await planReset(t.home.ctx, t.scan(), { kind: 'server', urls: [SERVER_B] });
    fs.writeFileSync(t.paths.bInfo, '{"client_id":"rewritten"}');
    const gone = plan.items.find((i) => i.action === 'delete-file' && i.path !== t.paths.bInfo)!;
    fs.rmSync(gone.path);
    const running: ResetDeps = {
      ...deps,
      processes: { list: () => Promise.resolve([{ pid: 42, name: 'claude' }]), isAlive: () => false },
      clients: [
        {
          id: 'claude-code',
          label: 'Claude Code',
          processNames: { all: ['claude'] },
          rewritesWhileRunning: true,
        },
      ],
    };
    const preview = await applyPlan(t.home.ctx, plan, running, { dryRun: true });
    const at = (p: string) => preview.items.find((i) => i.path === p)!;
    expect(at(t.paths.bInfo)).toMatchObject({ status: 'skipped', reasonCode: 'changed-since-scan' });
    expect(at(gone.path)).toMatchObject({ status: 'skipped', reasonCode: 'already-gone' });
    expect(at(t.paths.claudeCreds)).toMatchObject({ status: 'skipped', reasonCode: 'client-running' });
    for (const item of preview.items) {
      expect(item.reason === null).toBe(item.reasonCode === undefined);
    }
    expect(itemNeedsAttention(at(gone.path))).toBe(false);
    expect(itemNeedsAttention(at(t.paths.bInfo))).toBe(true);
  });
});

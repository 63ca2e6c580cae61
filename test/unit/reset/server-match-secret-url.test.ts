/**
 * A server URL can carry a secret (a password, an API key in the query). The scan shows it masked;
 * `reset --server` must still find the sign-in whether the user types the URL as configured or
 * passes on the masked one a finding's action carries.
 */
import { afterEach, expect, it } from 'vitest';
import { planReset } from '../../../src/reset/index';
import { scan } from '../../../src/scan/index';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { writeClaudeConfig, writeClaudeCredentials } from '../scan/builders';

const RAW = 'https://bob:pw-SEKRET-1@mcp.example.com/mcp?subscription-key=SEKRET2';
let home: FakeHome | null = null;
afterEach(() => home?.cleanup());

it('finds a Claude Code sign-in by the raw URL and by the masked one', async () => {
  home = makeFakeHome();
  writeClaudeConfig(home, { apim: { type: 'http', url: RAW } });
  writeClaudeCredentials(home, [{ name: 'apim', url: RAW }]);
  const result = await scan(home.ctx, { clients: ['claude-code'] });
  const credential = result.report.clients.flatMap((c) => c.credentials)[0]!;
  expect(credential.serverUrl).not.toContain('SEKRET');

  for (const typed of [RAW, credential.serverUrl!]) {
    const plan = await planReset(home.ctx, result, { kind: 'server', urls: [typed] });
    expect(
      plan.items.map((i) => i.credential),
      typed,
    ).toEqual([credential.id]);
    expect(plan.label).not.toContain('SEKRET');
  }
});

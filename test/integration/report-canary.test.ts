/**
 * The support report from the real scan, the real doctor and the real system checks, over a home
 * where every file type of every registered client holds canary secrets, a server whose answers
 * carry canaries (cookie, registered client_secret), canaries in the environment and in the
 * user's own text. Not one may reach the Markdown or the JSON.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildSupportReport, supportReportText } from '../../src/report/index';
import { scan } from '../../src/scan/index';
import { runDoctor } from '../../src/doctor/index';
import { runSystemChecks } from '../../src/system/index';
import { createRealSystemPorts } from '../../src/system/real-ports';
import { CLIENTS } from '../../src/clients/registry';
import type { Context } from '../../src/context';
import { assertNoCanary, canary, shortCanary } from '../helpers/canary';
import { startMisconfiguredServer, type DoctorServer } from '../helpers/doctor-servers';
import { CANARY_SERVER, makeCanaryHome, type CanaryHome } from '../unit/report/canary-home';

let home: CanaryHome | undefined;
let server: DoctorServer | undefined;
afterEach(async () => {
  home?.cleanup();
  await server?.close();
  home = undefined;
  server = undefined;
});

function withEnvCanaries(ctx: Context): Context {
  return {
    ...ctx,
    env: {
      ...ctx.env,
      PATH: process.env.PATH,
      GITHUB_TOKEN: canary('env-github'),
      OPENAI_API_KEY: canary('env-openai'),
      HTTPS_PROXY: `http://bob:pw@${shortCanary('env-proxy-pw')}@127.0.0.1:3128`,
      ALL_PROXY: `carol:${shortCanary('env-bare-proxy')}@127.0.0.1:1080`,
      OPENAI_KEY: shortCanary('env-openai-key'),
      STRIPE_SK: shortCanary('env-stripe-sk'),
      MY_BEARER: shortCanary('env-my-bearer'),
      NO_PROXY: '127.0.0.1,localhost',
    },
  };
}

async function fullReport(h: CanaryHome) {
  const ctx = withEnvCanaries(h.ctx);
  server = await startMisconfiguredServer({
    setCookie: `sid=${canary('server-cookie')}; Path=/; HttpOnly`,
    dcr: { clientSecret: canary('server-dcr-secret') },
  });
  const scanned = (await scan(ctx)).report;
  const doctor = await runDoctor(ctx, server.url, { probeRegistration: true, timeoutMs: 5000 });
  const system = await runSystemChecks(ctx, createRealSystemPorts(ctx, { clients: CLIENTS }));
  const report = buildSupportReport({
    ctx,
    scan: scanned,
    doctor,
    system,
    serverUrl: server.url,
    errorText: [
      `Error: POST ${server.origin}/token 401 {"error":"invalid_client","client_secret":"${canary('pasted-json')}"}`,
      `Authorization: Bearer ${canary('pasted-header')}`,
      `callback ${server.origin}/callback?code=${canary('pasted-code')}&state=1`,
      `my token was ${ctx.env.GITHUB_TOKEN}, keys ${ctx.env.OPENAI_KEY} ${ctx.env.STRIPE_SK} ${ctx.env.MY_BEARER}`,
      `{"headers":{"Authorization":"Bearer ${shortCanary('pasted-json-header')}"}}`,
      `http_headers = { Authorization = "Basic ${shortCanary('pasted-toml-header')}" }`,
      `client_secret = "${shortCanary('pasted-toml-secret')}"`,
      `${server.origin}/mcp?subscription-key=${shortCanary('pasted-subkey')}&accessKey=${shortCanary('pasted-accesskey')}`,
      `Ocp-Apim-Subscription-Key: ${shortCanary('pasted-apim')}`,
    ].join('\n'),
    steps: [
      `claude mcp add --transport http canary ${CANARY_SERVER} --header "Authorization: Bearer ${canary('pasted-step')}"`,
      `curl -u alice:${shortCanary('pasted-curl')} ${server.url}`,
      `gemini mcp add --client-secret ${shortCanary('pasted-flag')} x`,
      `- token: ${shortCanary('pasted-yaml')}`,
      `export HTTPS_PROXY=bob:pw@${shortCanary('pasted-bare-proxy')}@proxy.corp:3128`,
    ].join('\n'),
  });
  return { report, scanned, doctor, ctx };
}

describe('support report over a home full of canary secrets', () => {
  it('plants a file for every file type of every registered client', async () => {
    home = await makeCanaryHome();
    const declared = CLIENTS.flatMap((c) => c.files).length;
    expect(home.planted.length + home.skipped.length).toBe(declared);
    // Only roots that exist solely through an env variable are skipped.
    for (const s of home.skipped) expect(CLIENTS.some((c) => s.startsWith(`${c.id}:`))).toBe(true);
    expect(home.planted.length).toBeGreaterThan(home.skipped.length);
  });

  it('shows no secret in Markdown or JSON, with real scan, doctor and system sections', async () => {
    home = await makeCanaryHome();
    const { report, scanned, doctor } = await fullReport(home);
    const md = supportReportText(report, 'markdown');
    const json = supportReportText(report, 'json');
    assertNoCanary(md, 'report markdown');
    assertNoCanary(json, 'report json');
    expect(md).not.toContain(home.home);
    expect(json).not.toContain(home.home);

    // Not vacuous: the scan found clients and credentials, the doctor ran and registered.
    expect(scanned.clients.filter((c) => c.installed).length).toBeGreaterThanOrEqual(3);
    expect(report.scan?.clients.some((c) => c.credentials > 0)).toBe(true);
    expect(doctor.checks.find((c) => c.id === 'registration-probe')?.status).not.toBe('skip');
    expect(report.doctor?.checks.length).toBe(doctor.checks.length);
    expect(report.system?.proxy.httpsProxy).toBe('http://***@127.0.0.1:3128');
    expect(md).toContain('invalid_client');
    expect(report.redactions).toBeGreaterThanOrEqual(5);

    // The mcp-remote credential for the canary server is listed with its public client id when
    // the report is about that server.
    const forCanary = buildSupportReport({ ctx: home.ctx, scan: scanned, serverUrl: CANARY_SERVER });
    expect(forCanary.oauthClients.map((c) => c.oauthClientId)).toContain('canary-client-id');
    assertNoCanary(supportReportText(forCanary, 'json'));
  });

  it('shows no secret when every file is cut short (malformed-file findings)', async () => {
    home = await makeCanaryHome({ truncated: true });
    const { report, scanned } = await fullReport(home);
    expect(scanned.findings.some((f) => f.code === 'malformed-file')).toBe(true);
    assertNoCanary(supportReportText(report, 'markdown'), 'report markdown');
    assertNoCanary(supportReportText(report, 'json'), 'report json');
  });

  it('shows no secret for a Windows and a macOS layout either', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const h = await makeCanaryHome({ platform });
      try {
        const scanned = (await scan(h.ctx)).report;
        const report = buildSupportReport({ ctx: h.ctx, scan: scanned });
        expect(scanned.clients.some((c) => c.installed)).toBe(true);
        assertNoCanary(supportReportText(report, 'markdown'), `${platform} markdown`);
        assertNoCanary(supportReportText(report, 'json'), `${platform} json`);
        expect(supportReportText(report, 'json')).not.toContain(h.home);
      } finally {
        h.cleanup();
      }
    }
  });
});

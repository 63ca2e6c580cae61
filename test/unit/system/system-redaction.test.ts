/**
 * Audit findings 4 and 11: proxy passwords holding `@` (env, Windows ProxyServer lists) and
 * secrets anywhere in the system checks (a PAC URL with `?token=`) never reach `system` output,
 * the JSON the app gets, or the human text.
 */
import { describe, expect, it } from 'vitest';
import { createSystemCommand } from '../../../src/cli/commands/system';
import type { Context, Platform } from '../../../src/context';
import { runSystemChecks } from '../../../src/system/index';
import { checkProxy, maskProxyCredentials } from '../../../src/system/proxy';
import { assertNoSecretFragments } from '../../helpers/canary';
import { fakePorts, type FakeMachine } from './fake-ports';
import { recordingIo } from '../../helpers/recording-io';

const ctxFor = (platform: Platform, env: Record<string, string> = {}): Context => ({
  home: platform === 'win32' ? 'C:\\Users\\alice' : '/home/alice',
  env,
  platform,
  now: () => new Date('2026-11-26T12:00:00Z'),
});

const INTERNET_SETTINGS_KEY =
  'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

describe('proxy passwords holding @ (finding 4)', () => {
  it('masks the whole userinfo, up to the last @, and every entry of a list', () => {
    expect(maskProxyCredentials('http://bob:Tr0ub@dorSECRETpw@proxy.corp:3128')).toBe(
      'http://***@proxy.corp:3128',
    );
    expect(maskProxyCredentials('bob:Tr0ub@dorSECRETpw@proxy.corp:3128')).toBe('***@proxy.corp:3128');
    expect(maskProxyCredentials('http=u:p4ss@h:80;https=u:PW@SECRET9@h:443')).toBe(
      'http=***@h:80;https=***@h:443',
    );
  });

  it('env proxies: no piece of the password in the proxy check', async () => {
    const ctx = ctxFor('linux', {
      HTTPS_PROXY: 'http://bob:Tr0ub@dorSECRETpw@proxy.corp:3128',
      ALL_PROXY: 'socks5://carol:s0cks@SECRETx@socks.corp:1080',
    });
    const result = await checkProxy(ctx, fakePorts({ onPath: {} }));
    expect(result.proxy.httpsProxy).toBe('http://***@proxy.corp:3128');
    assertNoSecretFragments(JSON.stringify(result), ['Tr0ub@dorSECRETpw', 's0cks@SECRETx']);
  });

  it('Windows ProxyServer list with a password per protocol', async () => {
    const ports = fakePorts({
      onPath: { reg: 'C:\\Windows\\System32\\reg.exe' },
      answers: {
        [INTERNET_SETTINGS_KEY]: {
          code: 0,
          stdout:
            '\n    ProxyEnable    REG_DWORD    0x1\n    ProxyServer    REG_SZ    http=u:p4ssw0rdA@h:80;https=u:PW0rd@SecretB@h:443\n',
        },
      },
    });
    const result = await checkProxy(ctxFor('win32'), ports);
    expect(result.proxy.os.proxyServer).toBe('http=***@h:80;https=***@h:443');
    assertNoSecretFragments(JSON.stringify(result), ['p4ssw0rdA', 'PW0rd@SecretB']);
  });
});

describe('system output goes through the redactor (finding 11)', () => {
  const pacMachine: FakeMachine = {
    onPath: { 'xdg-open': '/usr/bin/xdg-open', gsettings: '/usr/bin/gsettings' },
    answers: {
      'gsettings get org.gnome.system.proxy mode': { code: 0, stdout: "'auto'\n" },
      'gsettings get org.gnome.system.proxy autoconfig-url': {
        code: 0,
        stdout: "'https://wpad.corp.example/proxy.pac?token=SECRETpac1&site=eu'\n",
      },
    },
    processes: [],
    clients: [],
  };
  const env = {
    DISPLAY: ':0',
    BROWSER: 'firefox',
    NODE_EXTRA_CA_CERTS: '/etc/ssl/ca.pem?sig=SECRETsig2',
    NO_PROXY: 'localhost,internal.corp?key=SECRETnp3',
  };
  const secrets = ['SECRETpac1', 'SECRETsig2', 'SECRETnp3'];

  it('runSystemChecks: the report the app and the CLI get has no secret, and keeps the facts', async () => {
    const report = await runSystemChecks(ctxFor('linux', env), fakePorts(pacMachine));
    const json = JSON.stringify(report);
    assertNoSecretFragments(json, secrets, 'system report');
    expect(report.proxy.os.autoConfigUrl).toBe(
      'https://wpad.corp.example/proxy.pac?token=[redacted]&site=eu',
    );
    expect(json).toContain('/etc/ssl/ca.pem');
  });

  it('system --json and the human text', async () => {
    for (const json of [true, false]) {
      const io = recordingIo();
      const command = createSystemCommand({ ports: () => fakePorts(pacMachine) });
      await command.run({ args: [], ctx: ctxFor('linux', env), io, json, dataDir: '/nonexistent' });
      assertNoSecretFragments(io.out + io.err, secrets, json ? 'system --json' : 'system');
      expect(io.out).toContain('wpad.corp.example/proxy.pac');
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkProxy,
  maskProxyCredentials,
  parseScutilProxy,
  parseWindowsInternetSettings,
} from '../../../src/system/proxy';
import type { Context, Platform } from '../../../src/context';
import { assertNoCanary, canary } from '../../helpers/canary';
import { fakePorts } from './fake-ports';

function ctxFor(platform: Platform, env: Record<string, string> = {}): Context {
  return { home: '/home/alice', env, platform, now: () => new Date('2026-11-26T12:00:00Z') };
}

const SCUTIL = `<dictionary> {
  ExceptionsList : <array> {
    0 : *.local
    1 : 169.254/16
  }
  FTPPassive : 1
  HTTPEnable : 1
  HTTPPort : 3128
  HTTPProxy : proxy.corp.example
  HTTPSEnable : 1
  HTTPSPort : 3129
  HTTPSProxy : proxy.corp.example
  ProxyAutoConfigEnable : 0
  ProxyAutoConfigURLString : <empty>
  SOCKSEnable : 0
  SOCKSProxy : socks.corp.example
}
`;

const WIN_INTERNET_SETTINGS = `
HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings
    DisableCachingOfSSLPages    REG_DWORD    0x0
    ProxyEnable    REG_DWORD    0x1
    ProxyServer    REG_SZ    proxy.corp.example:8080
    ProxyOverride    REG_SZ    <local>;*.corp.example
    AutoConfigURL    REG_SZ    http://wpad.corp.example/wpad.dat
`;

describe('proxy settings parsers', () => {
  it('reads enabled scutil entries and the exceptions, and skips disabled ones', () => {
    expect(parseScutilProxy(SCUTIL)).toEqual({
      httpProxy: 'proxy.corp.example:3128',
      httpsProxy: 'proxy.corp.example:3129',
      exceptions: '*.local, 169.254/16',
    });
    expect(parseScutilProxy('<dictionary> {\n  HTTPEnable : 0\n  HTTPProxy : x\n}\n')).toEqual({});
    expect(parseScutilProxy('garbage')).toEqual({});
  });

  it('reads the Windows Internet Settings key', () => {
    expect(parseWindowsInternetSettings(WIN_INTERNET_SETTINGS)).toEqual({
      proxyServer: 'proxy.corp.example:8080',
      autoConfigUrl: 'http://wpad.corp.example/wpad.dat',
      exceptions: '<local>;*.corp.example',
    });
    expect(
      parseWindowsInternetSettings(
        WIN_INTERNET_SETTINGS.replace('0x1', '0x0').replace(/.*AutoConfigURL.*\n/, ''),
      ),
    ).toEqual({});
  });

  it('masks proxy credentials in every spelling', () => {
    expect(maskProxyCredentials('http://bob:s3cret@proxy:8080')).toBe('http://***@proxy:8080');
    expect(maskProxyCredentials('bob:s3cret@proxy:8080')).toBe('***@proxy:8080');
    expect(maskProxyCredentials('socks5://tok@proxy')).toBe('socks5://***@proxy');
    expect(maskProxyCredentials('http://proxy:8080')).toBe('http://proxy:8080');
  });
});

describe('checkProxy', () => {
  it('reports env proxies without their passwords, lowercase first like curl', async () => {
    const password = canary('proxy-password');
    const ctx = ctxFor('linux', {
      https_proxy: `http://bob:${password}@proxy.corp.example:3128`,
      HTTPS_PROXY: 'http://ignored:1',
      HTTP_PROXY: 'http://proxy.corp.example:3128',
      NO_PROXY: 'localhost,127.0.0.1',
    });
    const { proxy, findings } = await checkProxy(ctx, fakePorts({ onPath: {} }));
    expect(proxy).toMatchObject({
      httpsProxy: 'http://***@proxy.corp.example:3128',
      httpProxy: 'http://proxy.corp.example:3128',
      noProxy: 'localhost,127.0.0.1',
      extraCaCerts: null,
      os: {},
    });
    expect(proxy.notes.join('\n')).toContain('--enable-proxy');
    expect(findings.map((f) => f.code)).toEqual(['proxy-without-ca']);
    assertNoCanary(JSON.stringify({ proxy, findings }), 'proxy check');
  });

  it('finds an OS proxy the Node clients will not use (macOS, scutil)', async () => {
    const ports = fakePorts({
      onPath: { scutil: '/usr/sbin/scutil' },
      answers: { 'scutil --proxy': { code: 0, stdout: SCUTIL } },
    });
    const { proxy, findings } = await checkProxy(ctxFor('darwin'), ports);
    expect(proxy.os.httpsProxy).toBe('proxy.corp.example:3129');
    expect(findings.map((f) => f.code).sort()).toEqual(['proxy-not-in-env', 'proxy-without-ca']);
    expect(findings.every((f) => f.severity === 'info')).toBe(true);
  });

  it('reads the Windows proxy and env names case-insensitively', async () => {
    const ports = fakePorts({
      onPath: { reg: 'C:\\Windows\\system32\\reg.exe' },
      answers: {
        'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings': {
          code: 0,
          stdout: WIN_INTERNET_SETTINGS,
        },
      },
    });
    const ctx = ctxFor('win32', {
      Https_Proxy: 'http://proxy.corp.example:8080',
      Node_Extra_Ca_Certs: 'C:\\ca.pem',
    });
    const { proxy, findings } = await checkProxy(ctx, ports);
    expect(proxy.httpsProxy).toBe('http://proxy.corp.example:8080');
    expect(proxy.extraCaCerts).toBe('C:\\ca.pem');
    expect(proxy.os.proxyServer).toBe('proxy.corp.example:8080');
    // The CA is set but the file is not there.
    expect(findings.map((f) => f.code)).toEqual(['extra-ca-missing']);
    expect(findings[0]).toMatchObject({ severity: 'warning', path: 'C:\\ca.pem' });
  });

  it('reads a manual GNOME proxy when gsettings is there', async () => {
    const ports = fakePorts({
      onPath: { gsettings: '/usr/bin/gsettings' },
      answers: {
        'gsettings get org.gnome.system.proxy mode': { code: 0, stdout: "'manual'\n" },
        'gsettings get org.gnome.system.proxy.https host': { code: 0, stdout: "'proxy.corp.example'\n" },
        'gsettings get org.gnome.system.proxy.https port': { code: 0, stdout: '3128\n' },
        'gsettings get org.gnome.system.proxy.http host': { code: 0, stdout: "''\n" },
        'gsettings get org.gnome.system.proxy.http port': { code: 0, stdout: '0\n' },
      },
    });
    const { proxy } = await checkProxy(ctxFor('linux'), ports);
    expect(proxy.os).toEqual({ mode: 'manual', httpsProxy: 'proxy.corp.example:3128' });
  });

  it('accepts an existing CA file and warns when TLS checks are off', async () => {
    const ports = fakePorts({ onPath: {}, files: { '/etc/ssl/corp-ca.pem': '-----BEGIN CERTIFICATE-----' } });
    const ctx = ctxFor('linux', {
      HTTPS_PROXY: 'http://proxy:3128',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem',
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
    });
    const { findings, proxy } = await checkProxy(ctx, ports);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['tls-verification-disabled', 'warning']]);
    expect(proxy.notes.some((n) => n.includes('NODE_EXTRA_CA_CERTS'))).toBe(true);
  });

  it('has nothing to say on a machine without any proxy', async () => {
    const { proxy, findings } = await checkProxy(ctxFor('linux'), fakePorts({ onPath: {} }));
    expect(findings).toEqual([]);
    expect(proxy).toEqual({
      httpProxy: null,
      httpsProxy: null,
      noProxy: null,
      extraCaCerts: null,
      os: {},
      notes: [],
    });
  });
});

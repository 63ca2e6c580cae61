/**
 * The engine against hostile or broken homes: empty, huge, binary and unreadable files, links
 * out of the roots, link loops. Every case is a finding naming the path; the scan always goes on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan/index';
import { nodeScanFs, type ScanFs } from '../../../src/scan/fs-port';
import type { ScanResult } from '../../../src/scan/types';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';
import { assertNoCanary, canary } from '../../helpers/canary';
import { md5, writeMcpRemoteCache } from './builders';

let home: FakeHome;
const outsides: string[] = [];
afterEach(() => {
  home?.cleanup();
  for (const dir of outsides.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const URL_A = 'https://a.example.com/mcp';
const H = md5(URL_A);
const CACHE = `.mcp-auth/mcp-remote-v1`;
const of = (r: ScanResult, code: string) => r.report.findings.filter((f) => f.code === code);
const mcpCreds = (r: ScanResult) => r.report.clients.find((c) => c.id === 'mcp-remote')!.credentials;

function outsideDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mad-outside-')));
  outsides.push(dir);
  return dir;
}

/** A port that fails with `code` for the paths `fails` accepts, and is the real one otherwise. */
function failingFs(fails: (p: string) => boolean, code: string): ScanFs {
  const error = (p: string): NodeJS.ErrnoException =>
    Object.assign(new Error(`${code}: operation failed, ${p}`), { code });
  return {
    lstat: (p) => {
      if (fails(p)) throw error(p);
      return nodeScanFs.lstat(p);
    },
    readdir: (p) => {
      if (fails(p)) throw error(p);
      return nodeScanFs.readdir(p);
    },
    readFile: (p, max) => {
      if (fails(p)) throw error(p);
      return nodeScanFs.readFile(p, max);
    },
    readText: (p, max) => {
      if (fails(p)) throw error(p);
      return nodeScanFs.readText(p, max);
    },
    realpath: (p) => nodeScanFs.realpath(p),
  };
}

describe('scan: broken files are findings, never crashes', () => {
  it('empty, binary and malformed files are each named; the good credential is still listed', async () => {
    home = makeFakeHome();
    writeMcpRemoteCache(home, { url: URL_A });
    const empty = home.write(`${CACHE}/${md5('e')}_tokens.json`, '');
    const binary = home.write(`${CACHE}/${md5('b')}_tokens.json`, Buffer.from([0x7b, 0, 1, 2, 0xff, 0xfe]));
    const truncated = home.write(
      `${CACHE}/${md5('t')}_client_info.json`,
      `{"client_id": "x", "client_secret": "${canary('cs')}`,
    );
    const r = await scan(home.ctx);
    const paths = of(r, 'malformed-file').map((f) => f.path);
    expect(paths.sort()).toEqual([binary, empty, truncated].sort());
    for (const f of of(r, 'malformed-file')) {
      expect(f.severity).toBe('error');
      expect(f.message).toContain(f.path!);
    }
    expect(mcpCreds(r).some((c) => c.serverUrl === null && c.hasAccessToken)).toBe(true);
    assertNoCanary(JSON.stringify(r.report));
  });

  it('a file over the size limit is reported, not read', async () => {
    home = makeFakeHome();
    const huge = home.write(`${CACHE}/${H}_tokens.json`, '');
    fs.truncateSync(huge, 11 * 1024 * 1024); // sparse: no 11 MB written
    const r = await scan(home.ctx);
    const f = of(r, 'malformed-file');
    expect(f).toHaveLength(1);
    expect(f[0]!.path).toBe(huge);
    expect(f[0]!.message).toMatch(/11\.0 MB, more than the 10\.0 MB/);
    expect(mcpCreds(r)).toEqual([]);
  });

  it('permission denied on a file (injected: tests run as root, which ignores modes)', async () => {
    home = makeFakeHome();
    writeMcpRemoteCache(home, { url: URL_A });
    const denied = home.p(`${CACHE}/${H}_tokens.json`);
    const r = await scan(home.ctx, { fs: failingFs((p) => p === denied, 'EACCES') });
    const f = of(r, 'unreadable-path');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ path: denied, severity: 'warning', client: 'mcp-remote' });
    expect(f[0]!.message).toContain('permission denied');
    // The rest of that credential is still there.
    expect(mcpCreds(r)[0]!.files.map((x) => x.path)).toEqual([home.p(`${CACHE}/${H}_client_info.json`)]);
  });

  it('permission denied on a folder and on a root', async () => {
    home = makeFakeHome();
    writeMcpRemoteCache(home, { url: URL_A });
    home.write('.copilot/mcp-config.json', { mcpServers: {} });
    const folder = home.p(CACHE);
    const root = home.p('.copilot');
    const r = await scan(home.ctx, { fs: failingFs((p) => p === folder || p === root, 'EACCES') });
    expect(
      of(r, 'unreadable-path')
        .map((f) => f.path)
        .sort(),
    ).toEqual([folder, root].sort());
  });

  it('chmod 000 on a real file is reported when the test does not run as root', async (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root, which reads mode-000 files; the injected-port test above covers this path');
      return;
    }
    home = makeFakeHome();
    writeMcpRemoteCache(home, { url: URL_A });
    const file = home.p(`${CACHE}/${H}_tokens.json`);
    fs.chmodSync(file, 0);
    const r = await scan(home.ctx);
    fs.chmodSync(file, 0o600);
    expect(of(r, 'unreadable-path')[0]!.path).toBe(file);
  });
});

describe("scan: symlinks are never followed out of a client's roots", () => {
  it('a cache file linked to a file outside is reported, not read', async () => {
    home = makeFakeHome();
    const out = outsideDir();
    const secret = canary('outside-token');
    fs.writeFileSync(path.join(out, 'tokens.json'), JSON.stringify({ access_token: secret }));
    const link = home.symlink(path.join(out, 'tokens.json'), `${CACHE}/${H}_tokens.json`);
    const r = await scan(home.ctx);
    expect(mcpCreds(r)).toEqual([]);
    const f = of(r, 'unreadable-path');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ path: link, severity: 'info' });
    assertNoCanary(JSON.stringify(r.report));
  });

  it('a cache folder linked outside is not entered', async () => {
    home = makeFakeHome();
    const out = outsideDir();
    const secret = canary('outside-dir-token');
    fs.writeFileSync(path.join(out, `${H}_tokens.json`), JSON.stringify({ access_token: secret }));
    home.symlink(out, `${CACHE}`);
    const r = await scan(home.ctx);
    expect(mcpCreds(r)).toEqual([]);
    assertNoCanary(JSON.stringify(r.report));
  });

  it('a root that is itself a link to outside is reported and not entered', async () => {
    home = makeFakeHome();
    const out = outsideDir();
    fs.mkdirSync(path.join(out, 'mcp-remote-v1'));
    fs.writeFileSync(
      path.join(out, 'mcp-remote-v1', `${H}_tokens.json`),
      JSON.stringify({ access_token: canary('x') }),
    );
    const link = home.symlink(out, '.mcp-auth');
    const r = await scan(home.ctx);
    expect(mcpCreds(r)).toEqual([]);
    expect(of(r, 'unreadable-path').map((f) => f.path)).toEqual([link]);
    expect(r.report.clients.find((c) => c.id === 'mcp-remote')!.paths[0]).toMatchObject({
      path: link,
      exists: true,
    });
  });

  it('dangling links and link loops end in a finding, not a hang', async () => {
    home = makeFakeHome();
    home.symlink(home.p('nowhere'), `${CACHE}/${md5('d')}_tokens.json`);
    home.symlink(home.p(`${CACHE}/${md5('l2')}_tokens.json`), `${CACHE}/${md5('l1')}_tokens.json`);
    home.symlink(home.p(`${CACHE}/${md5('l1')}_tokens.json`), `${CACHE}/${md5('l2')}_tokens.json`);
    writeMcpRemoteCache(home, { url: URL_A });
    const r = await scan(home.ctx);
    expect(of(r, 'unreadable-path')).toHaveLength(3);
    expect(mcpCreds(r)).toHaveLength(1);
  });

  it('a file swapped for a link after the listing is refused by the open (O_NOFOLLOW)', async () => {
    home = makeFakeHome();
    writeMcpRemoteCache(home, { url: URL_A });
    const target = home.p(`${CACHE}/${H}_tokens.json`);
    const out = outsideDir();
    const secret = canary('swapped');
    fs.writeFileSync(path.join(out, 't.json'), JSON.stringify({ access_token: secret }));
    // Swap between the walk and the read: the walk's lstat saw a file, the read meets a link.
    let swapped = false;
    const racing: ScanFs = {
      ...nodeScanFs,
      readText: (p, max) => {
        if (p === target && !swapped) {
          swapped = true;
          fs.rmSync(target);
          fs.symlinkSync(path.join(out, 't.json'), target);
        }
        return nodeScanFs.readText(p, max);
      },
    };
    const r = await scan(home.ctx, { fs: racing });
    expect(swapped).toBe(true);
    expect(of(r, 'unreadable-path').map((f) => f.path)).toEqual([target]);
    assertNoCanary(JSON.stringify(r.report));
  });
});

describe('scan: records for reset', () => {
  it("fill ScannedCredential with file hashes, modes, sizes and the client's real roots", async () => {
    home = makeFakeHome();
    const { files } = writeMcpRemoteCache(home, { url: URL_A });
    fs.chmodSync(files[0]!, 0o600);
    const r = await scan(home.ctx);
    const scanned = r.credentials.get(mcpCreds(r)[0]!.id)!;
    expect(scanned.roots).toEqual([home.p('.mcp-auth')]);
    expect(scanned.sharedEntry).toBeNull();
    const info = scanned.ownFiles.find((f) => f.path === files[0])!;
    const bytes = fs.readFileSync(files[0]!);
    expect(info.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(info.bytes).toBe(bytes.length);
    expect(info.mode & 0o777).toBe(0o600);
    expect(info.mtimeMs).toBe(fs.statSync(files[0]!).mtimeMs);
  });

  it('hash the real bytes of a text file that is not valid UTF-8', async () => {
    home = makeFakeHome();
    const file = home.write(`${CACHE}/${H}_debug.log`, Buffer.from([0x61, 0xff, 0x62]));
    const r = await scan(home.ctx);
    const scanned = r.credentials.get(mcpCreds(r)[0]!.id)!;
    expect(scanned.ownFiles[0]!.sha256).toBe(
      createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    );
    expect(scanned.ownFiles[0]!.bytes).toBe(3);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRealSystemPorts, whichIn } from '../../../src/system/real-ports';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';

let home: FakeHome;
afterEach(() => home?.cleanup());

const posix = process.platform !== 'win32';

describe.runIf(posix)('real system ports (POSIX)', () => {
  function withBin(scripts: Record<string, string>, mode = 0o755): string {
    const bin = home.p('bin');
    fs.mkdirSync(bin, { recursive: true });
    for (const [name, body] of Object.entries(scripts))
      fs.writeFileSync(path.join(bin, name), body, { mode });
    return bin;
  }

  it('finds commands on the context’s PATH only, and only executable files', () => {
    home = makeFakeHome();
    const bin = withBin({ 'xdg-open': '#!/bin/sh\nexit 0\n' });
    withBin({ 'not-exec': 'x' }, 0o644);
    fs.mkdirSync(path.join(bin, 'a-dir'));
    const ctx = { ...home.ctx, env: { ...home.ctx.env, PATH: `/nonexistent:${bin}` } };
    expect(whichIn(ctx, 'xdg-open')).toBe(path.join(bin, 'xdg-open'));
    expect(whichIn(ctx, 'not-exec')).toBeNull();
    expect(whichIn(ctx, 'a-dir')).toBeNull();
    expect(whichIn({ ...ctx, env: {} }, 'xdg-open')).toBeNull();
  });

  it('runs a query with the context’s env and gives code and output', async () => {
    home = makeFakeHome();
    const bin = withBin({ q: '#!/bin/sh\necho "$1 $MARK"\necho oops >&2\nexit 3\n' });
    const ports = createRealSystemPorts({ ...home.ctx, env: { PATH: bin, MARK: 'from-ctx' } });
    expect(await ports.run('q', ['hello'])).toEqual({
      code: 3,
      stdout: 'hello from-ctx\n',
      stderr: 'oops\n',
    });
    expect((await ports.run('absent', [])).code).toBeNull();
  });

  it('gives up on a hung command (code null)', async () => {
    home = makeFakeHome();
    const bin = withBin({ hang: '#!/bin/sh\nexec sleep 5\n' });
    const ports = createRealSystemPorts(
      { ...home.ctx, env: { PATH: `${bin}:/usr/bin:/bin` } },
      { timeoutMs: 200 },
    );
    expect((await ports.run('hang', [])).code).toBeNull();
  });

  it('reads regular files, not symlinks; fileExists follows links like Node does for a CA file', async () => {
    home = makeFakeHome();
    const real = home.write('ca.pem', 'PEM');
    const link = home.symlink(real, 'link.pem');
    const ports = createRealSystemPorts(home.ctx);
    expect(await ports.readFile(real)).toBe('PEM');
    expect(await ports.readFile(link)).toBeNull();
    expect(await ports.readFile(home.p('missing'))).toBeNull();
    expect(await ports.fileExists(link)).toBe(true);
    expect(await ports.fileExists(home.p('missing'))).toBe(false);
  });

  it('reads procfs files despite their zero size', async () => {
    home = makeFakeHome();
    if (!fs.existsSync('/proc/version')) return;
    const text = await createRealSystemPorts(home.ctx).readFile('/proc/version');
    expect(text).toMatch(/^Linux version/);
  });
});

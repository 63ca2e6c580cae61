/**
 * The real file port: one open descriptor gives the stat and the bytes (so they describe the same
 * file), a link is refused, never followed, and something that is not a regular file is closed
 * unread, without waiting on it (a FIFO swapped in after the listing must not hang the scan).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeScanFs } from '../../../src/scan/fs-port';
import { makeFakeHome, type FakeHome } from '../../helpers/fake-home';

let home: FakeHome;
afterEach(() => home?.cleanup());

describe.skipIf(process.platform === 'win32')('nodeScanFs', () => {
  it('reads the bytes, and the stat of the file those bytes came from', () => {
    home = makeFakeHome();
    const file = home.write('a.json', '{"a":1}', 0o640);
    const read = nodeScanFs.readFile(file, 1024);
    expect(read.bytes?.toString('utf8')).toBe('{"a":1}');
    expect(read.stat.isFile()).toBe(true);
    expect(read.stat.size).toBe(7);
    expect(read.stat.mode & 0o777).toBe(0o640);
    expect(read.stat.mtimeMs).toBe(fs.statSync(file).mtimeMs);
  });

  it('does not read a file over the limit', () => {
    home = makeFakeHome();
    const file = home.write('big.json', 'x'.repeat(100));
    const read = nodeScanFs.readFile(file, 99);
    expect(read.bytes).toBeNull();
    expect(read.stat.size).toBe(100);
  });

  it('gives text only for valid UTF-8, and the bytes either way', () => {
    home = makeFakeHome();
    const good = home.write('good.json', '\ufeff{"é":"✓"}');
    const bad = home.write('bad.json', Buffer.from([0x7b, 0xff, 0x7d]));
    const g = nodeScanFs.readText(good, 1024);
    expect(g.text).toBe('\ufeff{"é":"✓"}');
    expect(g.bytes).toEqual(fs.readFileSync(good));
    const b = nodeScanFs.readText(bad, 1024);
    expect(b.text).toBeNull();
    expect(b.bytes).toEqual(Buffer.from([0x7b, 0xff, 0x7d]));
  });

  it('refuses a symlink instead of following it', () => {
    home = makeFakeHome();
    const target = home.write('target.json', '{}');
    const link = home.symlink(target, 'link.json');
    expect(() => nodeScanFs.readFile(link, 1024)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
    expect(() => nodeScanFs.readText(link, 1024)).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });

  it('closes a FIFO unread without waiting for a writer', () => {
    home = makeFakeHome();
    const fifo = home.p('pipe.json');
    execFileSync('mkfifo', [fifo]);
    // In a child with a deadline: were the open to wait for a writer, it would block this thread
    // for good, and no test timeout could fire.
    const port = pathToFileURL(path.resolve('src/scan/fs-port.ts')).href;
    const script = `const { nodeScanFs } = await import(${JSON.stringify(port)});
      const r = nodeScanFs.readText(${JSON.stringify(fifo)}, 1024);
      console.log(JSON.stringify({ fifo: r.stat.isFIFO(), bytes: r.bytes, text: r.text }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ fifo: true, bytes: null, text: null });
  });
});

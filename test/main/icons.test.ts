/** The committed icons are real PNG / ICO / ICNS files, and exactly what their generator makes. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const resources = path.resolve(__dirname, '..', '..', 'main', 'resources');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The decoded image rows: compared instead of bytes, which depend on the zlib build. */
function pixels(png: Buffer): Buffer {
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return inflateSync(Buffer.concat(idat));
}

describe('the app icons', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-icons-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('has a 1024 px PNG and the Linux NxN.png set', () => {
    expect(pngSize(fs.readFileSync(path.join(resources, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = fs.readFileSync(path.join(resources, 'icons', `${size}x${size}.png`));
      expect(pngSize(png)).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows ICO up to 256 px, each entry a PNG of the size it claims', () => {
    const ico = fs.readFileSync(path.join(resources, 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const claimed = ico[entry] === 0 ? 256 : ico[entry]!;
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(pngSize(ico.subarray(offset, offset + bytes))).toEqual({ width: claimed, height: claimed });
      sizes.push(claimed);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS ICNS whose entries are PNGs of their type sizes, up to 1024 px', () => {
    const icns = fs.readFileSync(path.join(resources, 'icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
    };
    const seen: string[] = [];
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('ascii', at, at + 4);
      const length = icns.readUInt32BE(at + 4);
      const size = expected[type];
      expect(size, type).toBeDefined();
      expect(pngSize(icns.subarray(at + 8, at + length))).toEqual({ width: size, height: size });
      seen.push(type);
      at += length;
    }
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });

  it('is exactly what make-icons.mjs draws', () => {
    const run = spawnSync(process.execPath, [path.join(resources, 'make-icons.mjs'), tmp], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['icon.png', ...[16, 32, 48, 64, 128, 256, 512].map((s) => `icons/${s}x${s}.png`)]) {
      const drawn = pixels(fs.readFileSync(path.join(tmp, file)));
      expect(drawn.equals(pixels(fs.readFileSync(path.join(resources, file)))), file).toBe(true);
    }
  });
});

// Draws the app icon (a white key on a blue rounded square) and writes it as PNGs (Linux), ICO
// (Windows) and ICNS (macOS), with no network and no image library: each size is rendered from
// signed-distance shapes so small sizes stay crisp. Run: node main/resources/make-icons.mjs [OUT_DIR]
// (default: next to this script, where the committed icons live).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = process.argv[2] ? path.resolve(process.argv[2]) : path.dirname(fileURLToPath(import.meta.url));

// --- shapes (coordinates in a 0..1 square) -------------------------------------------------
const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const union = (a, b) => Math.min(a, b);
const subtract = (a, b) => Math.max(a, -b);

/** Signed distance to the key: a ring (the bow) and a shaft with two teeth. */
function key(x, y) {
  const bow = subtract(circle(x, y, 0.34, 0.5, 0.17), circle(x, y, 0.34, 0.5, 0.075));
  const shaft = roundedRect(x, y, 0.62, 0.5, 0.2, 0.045, 0.02);
  const tooth1 = roundedRect(x, y, 0.72, 0.58, 0.03, 0.06, 0.01);
  const tooth2 = roundedRect(x, y, 0.8, 0.565, 0.025, 0.045, 0.01);
  return union(union(bow, shaft), union(tooth1, tooth2));
}

const tile = (x, y) => roundedRect(x, y, 0.5, 0.5, 0.44, 0.44, 0.2);

// --- rasteriser ----------------------------------------------------------------------------
const clamp01 = (v) => Math.min(1, Math.max(0, v));

function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const aa = 1 / size; // one pixel of antialiasing
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      const tileCover = clamp01(0.5 - tile(x, y) / aa);
      const keyCover = clamp01(0.5 - key(x, y) / aa) * tileCover;
      // Vertical gradient from a bright to a deep blue.
      const t = y;
      const bg = [
        Math.round(37 + (29 - 37) * t),
        Math.round(130 + (78 - 130) * t),
        Math.round(235 + (216 - 235) * t),
      ];
      const rgb = bg.map((c) => Math.round(c * (1 - keyCover) + 255 * keyCover));
      const o = (j * size + i) * 4;
      px[o] = rgb[0];
      px[o + 1] = rgb[1];
      px[o + 2] = rgb[2];
      px[o + 3] = Math.round(255 * tileCover);
    }
  }
  return px;
}

// --- PNG -----------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) {
    raw[row * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, row * (size * 4 + 1) + 1, row * size * 4, (row + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- ICO: PNG-compressed entries (Windows Vista and later) ----------------------------------
function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

// --- ICNS: PNG payloads under the types macOS 10.7+ reads -----------------------------------
const ICNS_TYPES = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
};
function encodeIcns(pngs) {
  const parts = pngs.map(({ size, png }) => {
    const head = Buffer.alloc(8);
    head.write(ICNS_TYPES[size], 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

// --- write ---------------------------------------------------------------------------------
mkdirSync(here, { recursive: true });
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((size) => [size, encodePng(size, render(size))]));

writeFileSync(path.join(here, 'icon.png'), pngs.get(1024));
mkdirSync(path.join(here, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(path.join(here, 'icons', `${size}x${size}.png`), pngs.get(size));
}
writeFileSync(
  path.join(here, 'icon.ico'),
  encodeIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngs.get(size) }))),
);
writeFileSync(
  path.join(here, 'icon.icns'),
  encodeIcns([16, 32, 64, 128, 256, 512, 1024].map((size) => ({ size, png: pngs.get(size) }))),
);
console.log(`icons written to ${path.relative(process.cwd(), here)}`);

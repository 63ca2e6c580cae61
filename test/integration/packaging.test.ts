/**
 * Packages the built app with the real electron-builder (`--dir --linux`, the repo's
 * electron-builder.yml) around a stand-in Electron folder made here — no download — and checks
 * what users would get: app.asar holds the build output and package.json, no sources, tests or
 * dev-only packages, and the Electron fuses in the binary are flipped as configured.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const builtMain = path.join(root, 'out', 'main', 'index.cjs');
const built = fs.existsSync(builtMain);
if (!built) {
  console.warn(
    `[packaging.test] skipped: ${path.relative(root, builtMain)} is missing — run \`npm run build\` first`,
  );
}

// The fuse wire an unmodified Electron binary carries: 32-byte sentinel, version 1, 8 fuses.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;
const STOCK_FUSES = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];

function makeStandInElectron(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary"\n'),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, STOCK_FUSES.length, ...STOCK_FUSES]),
    Buffer.alloc(32),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), 'stand-in');
  fs.writeFileSync(path.join(dir, 'version'), '45.5.0');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
}

describe.skipIf(!built)('packaging with electron-builder (stand-in Electron, no download)', () => {
  let tmp = '';
  let unpacked = '';
  let entries: string[] = [];
  let log = '';

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mad-pack-'));
    makeStandInElectron(path.join(tmp, 'electron'));
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        '--linux',
        '--x64',
        '--publish',
        'never',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${path.join(tmp, 'electron')}`,
        `-c.directories.output=${path.join(tmp, 'dist')}`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        // Its caches go to the temp home, never the developer's.
        env: {
          ...process.env,
          HOME: home,
          USERPROFILE: home,
          XDG_CACHE_HOME: path.join(home, '.cache'),
          ELECTRON_BUILDER_CACHE: path.join(home, '.cache', 'electron-builder'),
          CSC_IDENTITY_AUTO_DISCOVERY: 'false',
        },
      },
    );
    log = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0) throw new Error(`electron-builder failed (${run.status ?? run.signal}):\n${log}`);
    unpacked = path.join(tmp, 'dist', 'linux-unpacked');
    entries = listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((e) =>
      e.split(path.sep).join('/'),
    );
  }, 150_000);

  afterAll(() => {
    if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('used the stand-in Electron instead of downloading one', () => {
    // The executable, renamed for the product, is our stand-in (fuses flipped), not a real Electron.
    const binary = fs.readFileSync(path.join(unpacked, 'mcp-auth-doctor'));
    expect(binary.includes('stand-in for the Electron binary')).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'home', '.cache', 'electron'))).toBe(false);
  });

  it('packs the built main, preload and renderer and package.json', () => {
    for (const file of [
      '/out/main/index.cjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/package.json',
    ]) {
      expect(entries).toContain(file);
    }
    expect(entries.some((e) => /^\/out\/renderer\/assets\/.+\.js$/.test(e))).toBe(true);
    const pkg = JSON.parse(
      extractFile(path.join(unpacked, 'resources', 'app.asar'), 'package.json').toString(),
    ) as {
      main: string;
    };
    expect(pkg.main).toBe('out/main/index.cjs');
  });

  it('packs no sources, tests, configs or other build output', () => {
    const outsideModules = entries.filter((e) => !e.startsWith('/node_modules/'));
    for (const forbidden of [
      '/src',
      '/test',
      '/main',
      '/renderer',
      '/out/cli',
      '/out/tsc',
      '/out/test-results',
      '/dist',
    ]) {
      expect(outsideModules.filter((e) => e === forbidden || e.startsWith(`${forbidden}/`))).toEqual([]);
    }
    expect(entries.filter((e) => /\.(ts|tsx|mts|cts)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    expect(outsideModules).not.toContain('/electron-builder.yml');
    expect(outsideModules).not.toContain('/tsconfig.json');
  });

  it('packs the runtime dependencies but no dev-only package (those are bundled or build tools)', () => {
    const packages = new Set(
      entries
        .map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e)?.[1])
        .filter((p): p is string => p !== undefined),
    );
    for (const runtime of ['zod', 'ps-list', 'sql.js', 'jsonc-parser', 'smol-toml', 'write-file-atomic']) {
      expect(packages.has(runtime), runtime).toBe(true);
    }
    for (const dev of [
      'vitest',
      'electron',
      'typescript',
      'react',
      'react-dom',
      'zustand',
      'vite',
      'electron-vite',
      'electron-builder',
      '@playwright/test',
      'playwright-core',
      'eslint',
      'prettier',
      'tsx',
      'esbuild',
      'mcp-remote',
      '@modelcontextprotocol/sdk',
      'express',
    ]) {
      expect(packages.has(dev), dev).toBe(false);
    }
  });

  it('flips the Electron fuses as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(path.join(unpacked, 'mcp-auth-doctor'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
  });
});

describe('what this test imports', () => {
  it('is declared in package.json and the lock file, so a clean `npm ci` provides it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<
        string,
        { devDependencies?: Record<string, string>; dependencies?: Record<string, string> }
      >;
    };
    const source = fs.readFileSync(__filename, 'utf8');
    const imported = [...source.matchAll(/^import [^;]*? from '([^'.][^']*)';$/gm)]
      .map(([, from = '']) => from)
      .filter((from) => !from.startsWith('node:'))
      .map((from) => (from.startsWith('@') ? from.split('/').slice(0, 2).join('/') : from.split('/')[0]!));
    expect(imported).toEqual(expect.arrayContaining(['@electron/asar', '@electron/fuses', 'vitest']));
    const declared = { ...pkg.dependencies, ...pkg.devDependencies };
    const locked = { ...lock.packages['']?.dependencies, ...lock.packages['']?.devDependencies };
    for (const name of imported) {
      expect(declared[name], `${name} in package.json`).toBeDefined();
      expect(locked[name], `${name} in package-lock.json`).toBe(declared[name]);
    }
  });
});

// electron-vite: main → out/main/index.cjs, preload → ONE CommonJS file out/preload/index.cjs
// (sandboxed preloads cannot be ESM or require anything but electron's renderer modules),
// renderer (root renderer/) → out/renderer. package.json is "type": "module", so the .cjs names
// are spelled out.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default defineConfig({
  main: {
    root,
    build: {
      outDir: path.join(root, 'out', 'main'),
      emptyOutDir: true,
      sourcemap: true,
      // Runtime `dependencies` stay external (installed next to the app: ps-list runs a helper
      // executable on Windows, sql.js loads its .wasm from disk); everything else is bundled.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: path.join(root, 'main', 'index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: 'chunks/[name]-[hash].cjs',
        },
      },
    },
  },
  preload: {
    root,
    build: {
      outDir: path.join(root, 'out', 'preload'),
      emptyOutDir: true,
      sourcemap: false,
      // Bundle everything (the contract's constants) into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'main', 'preload.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    // Relative asset URLs: the same build loads from app://mcp-auth-doctor/ in Electron and from
    // the e2e test bridge's loopback server.
    base: './',
    plugins: [react()],
    build: {
      outDir: path.join(root, 'out', 'renderer'),
      emptyOutDir: true,
      sourcemap: false,
      minify: true,
      rolldownOptions: {
        input: { index: path.join(root, 'renderer', 'index.html') },
      },
    },
  },
});

// Bundles the CLI to one CommonJS file that runs on plain Node (no Electron, no tsx).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

await build({
  entryPoints: [path.join(root, 'src/cli/bin.ts')],
  outfile: path.join(root, 'out/cli/mcp-auth-doctor.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Runtime dependencies are installed next to the bundle; sql.js must find its .wasm file.
  external: Object.keys(pkg.dependencies ?? {}),
  logLevel: 'warning',
});

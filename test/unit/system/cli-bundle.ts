/**
 * A private build of the CLI for the integration tests that spawn it: the same esbuild settings as
 * test/config/build-cli.mjs, but its own file, so rebuilding never races other tests running the
 * shared out/cli bundle. It lives under out/ so its external packages resolve from node_modules.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

export interface CliBundle {
  file: string;
  remove: () => void;
}

export async function buildCliBundle(name: string): Promise<CliBundle> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const dir = fs.mkdtempSync(path.join(root, 'out', `test-cli-${name}-`));
  const file = path.join(dir, 'mcp-auth-doctor.cjs');
  await build({
    entryPoints: [path.join(root, 'src/cli/bin.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: Object.keys(pkg.dependencies ?? {}),
    logLevel: 'silent',
  });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

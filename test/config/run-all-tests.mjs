// `npm test`: everything, in order — types, lint, format, unit + integration + real-client
// (Vitest), then the build and the Chromium e2e specs (Playwright). Prints one closing line
// "tests: N passed, N failed, N skipped" summed over both runners.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const results = path.join(root, 'out', 'test-results');
mkdirSync(results, { recursive: true });

const failures = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(name, cmd, args, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  process.stdout.write(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs}s\n`);
  if (!ok) failures.push(name);
  return ok;
}

const npx = (args) => ['npx', ['--no-install', ...args]];

step('typecheck', ...npx(['tsc', '-b']));
step('lint', ...npx(['eslint', '--max-warnings', '0', '--config', 'test/config/eslint.config.js', '.']));
step('format', ...npx(['prettier', '--check', '.']));

// Built first: integration tests run the built CLI and the e2e specs load the built renderer.
const electronViteConfig = path.join(root, 'test', 'config', 'electron.vite.config.ts');
const built = existsSync(electronViteConfig)
  ? step('build', 'npm', ['run', 'build', '--silent'])
  : step('build (cli)', 'npm', ['run', 'build:cli', '--silent']);

const vitestJson = path.join(results, 'vitest.json');
step(
  'unit + integration + real-client (vitest)',
  ...npx([
    'vitest',
    'run',
    '--config',
    'test/config/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]),
);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += v.numFailedTests ?? 0;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}

const playwrightConfig = path.join(root, 'test', 'config', 'playwright.config.ts');
if (existsSync(playwrightConfig)) {
  if (built) {
    const pwJson = path.join(results, 'playwright.json');
    step('e2e (playwright, chromium)', ...npx(['playwright', 'test', '--config', playwrightConfig]), {
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    });
    if (existsSync(pwJson)) {
      const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
      totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
      totals.failed += s.unexpected ?? 0;
      totals.skipped += s.skipped ?? 0;
    }
  }
}

if (failures.length > 0) process.stdout.write(`\nfailed steps: ${failures.join(', ')}\n`);
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exitCode = failures.length > 0 || totals.failed > 0 ? 1 : 0;

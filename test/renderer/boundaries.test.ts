/**
 * The renderer's house rules, checked on its sources: it takes only TYPES from the core (no core
 * code ends up in the window bundle), and one module alone touches the preload object.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..', 'renderer', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const files = sources(root).map((file) => ({
  rel: path.relative(root, file),
  text: fs.readFileSync(file, 'utf8'),
}));

describe('renderer boundaries', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports only types from the core (src/)', () => {
    const offending: string[] = [];
    for (const { rel, text } of files) {
      const imports = text.matchAll(/^import\s+([^;]*?)\s+from\s+'([^']+)';/gms);
      for (const [, clause = '', from = ''] of imports) {
        const resolved = path.resolve(root, path.dirname(rel), from);
        const intoCore = resolved.startsWith(path.resolve(root, '..', '..', 'src') + path.sep);
        if (intoCore && !clause.startsWith('type ')) offending.push(`${rel}: ${from}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('touches window.mcpAuthDoctor only in api.ts', () => {
    const users = files.filter((f) => /\bmcpAuthDoctor\b/.test(f.text)).map((f) => f.rel);
    expect(users).toEqual(['api.ts']);
  });
});

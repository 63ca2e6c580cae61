/** Every client declaration in the registry is valid data (design rule 2). */
import { describe, expect, it } from 'vitest';
import { CLIENTS } from '../../../src/clients/registry';
import { CLIENT_IDS } from '../../../src/model/scan';
import { PLATFORMS } from '../../../src/context';
import { expandRoot } from '../../../src/scan/roots';
import { makeFakeHome } from '../../helpers/fake-home';

describe.each(CLIENTS.map((c) => [c.id, c] as const))('declaration %s', (_id, decl) => {
  it('has a known id, a label and no duplicate root ids', () => {
    expect(CLIENT_IDS).toContain(decl.id);
    expect(decl.label.trim()).not.toBe('');
    const ids = decl.roots.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('only declares files under its own roots, with sane patterns and limits', () => {
    const ids = new Set(decl.roots.map((r) => r.id));
    expect(decl.files.length).toBeGreaterThan(0);
    for (const file of decl.files) {
      expect(ids.has(file.root), `${file.match} names root ${file.root}`).toBe(true);
      expect(file.match.startsWith('/')).toBe(false);
      expect(file.match.split('/')).not.toContain('..');
      expect(file.match).not.toMatch(/\*\*/);
      expect(typeof file.parser).toBe('function');
      if (file.maxBytes !== undefined) expect(file.maxBytes).toBeGreaterThan(0);
    }
  });

  it.each(PLATFORMS)('expands to absolute paths inside the home on %s (env unset)', (platform) => {
    const home = makeFakeHome({ platform });
    try {
      for (const root of decl.roots) {
        for (const { path } of expandRoot(root, home.ctx)) {
          // System-wide locations (e.g. /etc) are allowed; everything else lives in the home.
          expect(path.startsWith('/')).toBe(true);
          if (!path.startsWith('/etc') && !path.startsWith('/Library'))
            expect(path.startsWith(home.home)).toBe(true);
        }
      }
    } finally {
      home.cleanup();
    }
  });

  it('names processes and says whether it rewrites files while running', () => {
    expect(Object.values(decl.processNames).flat().length).toBeGreaterThan(0);
    expect(typeof decl.rewritesWhileRunning).toBe('boolean');
    for (const link of decl.links ?? []) expect(link.url).toMatch(/^https:\/\//);
  });
});

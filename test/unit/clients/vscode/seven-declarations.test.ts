/**
 * Validates the seven declarations as data: every root is reachable on every OS, every file names
 * a declared root with a safe pattern, process names, notes and links are present, and the one
 * folder shared with unrelated secrets (Amazon Q's ~/.aws/sso/cache) is gated.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vscode } from '../../../../src/clients/vscode';
import { cursor } from '../../../../src/clients/cursor';
import { windsurf } from '../../../../src/clients/windsurf';
import { geminiCli } from '../../../../src/clients/gemini-cli';
import { opencode } from '../../../../src/clients/opencode';
import { mcpInspector } from '../../../../src/clients/mcp-inspector';
import { amazonQ } from '../../../../src/clients/amazon-q';
import { CLIENT_IDS } from '../../../../src/model/scan';
import { expandTemplate } from '../../../../src/paths/expand';
import type { Context } from '../../../../src/context';
import { OSES } from './harness';

const DECLARATIONS = [vscode, cursor, windsurf, geminiCli, opencode, mcpInspector, amazonQ];
/** Roots only an env variable sets (no default location). */
const ENV_ONLY_ROOTS = new Set(['gemini-cli:system']);

const ctxFor = (platform: Context['platform']): Context => ({
  home: path.join(path.sep, 'home', 'u'),
  env: {},
  platform,
  now: () => new Date(0),
});

describe('the seven client declarations', () => {
  it('have the ids the brief names, each a known ClientId, once', () => {
    expect(DECLARATIONS.map((d) => d.id)).toEqual([
      'vscode',
      'cursor',
      'windsurf',
      'gemini-cli',
      'opencode',
      'mcp-inspector',
      'amazon-q',
    ]);
    for (const d of DECLARATIONS) expect(CLIENT_IDS).toContain(d.id);
  });

  describe.each(DECLARATIONS.map((d) => [d.id, d] as const))('%s', (_id, decl) => {
    it('resolves every root on every OS inside the home (env-only roots aside)', () => {
      for (const platform of OSES) {
        const ctx = ctxFor(platform);
        for (const root of decl.roots) {
          const templates = root.paths[platform] ?? root.paths.all ?? [];
          if (ENV_ONLY_ROOTS.has(`${decl.id}:${root.id}`)) {
            expect(templates, `${root.id} has no default`).toEqual([]);
            expect(root.envOverride?.length).toBeGreaterThan(0);
          } else {
            expect(templates.length, `${root.id} on ${platform}`).toBeGreaterThan(0);
          }
          // Never a location outside the inspected home: it may be a copy from another machine.
          for (const template of templates) {
            const p = expandTemplate(template, ctx);
            expect(p, template).not.toBeNull();
            expect(p!.startsWith(ctx.home + path.sep), `${p} under home`).toBe(true);
          }
          for (const template of root.envOverride ?? []) {
            expect(template).toMatch(/^\$\{[A-Za-z_][A-Za-z0-9_]*\}/);
            expect(expandTemplate(template, ctx)).toBeNull(); // unset → the default paths apply
          }
        }
      }
    });

    it('declares files under declared roots with patterns that stay inside them', () => {
      const rootIds = new Set(decl.roots.map((r) => r.id));
      for (const file of decl.files) {
        expect(rootIds.has(file.root), file.root).toBe(true);
        expect(file.match).not.toMatch(/(^\/)|(\.\.)|(\*\*)|\\/);
        expect(typeof file.parser).toBe('function');
      }
      for (const root of decl.roots)
        expect(
          decl.files.some((f) => f.root === root.id),
          `root ${root.id} is used`,
        ).toBe(true);
      expect(decl.files.some((f) => f.role === 'credentials')).toBe(true);
    });

    it('names processes per OS, says what is assumed and links only https pages', () => {
      for (const platform of OSES) {
        expect((decl.processNames[platform] ?? decl.processNames.all ?? []).length, platform).toBeGreaterThan(
          0,
        );
      }
      expect(decl.label.trim()).not.toBe('');
      expect(decl.ownReset?.trim()).toBeTruthy();
      expect(decl.assumptions?.length).toBeGreaterThan(0);
      expect(decl.notes?.all?.length).toBeGreaterThan(0);
      expect(decl.links?.length).toBeGreaterThan(0);
      for (const link of decl.links ?? []) expect(new URL(link.url).protocol).toBe('https:');
      expect(decl.nativeRemote).toBe(true);
    });
  });

  it('loads the SQLite reader for the clients that read state.vscdb', async () => {
    for (const decl of [vscode, cursor, windsurf]) {
      expect(decl.files.some((f) => f.match.endsWith('state.vscdb'))).toBe(true);
      expect(decl.prepare).toBeDefined();
      await decl.prepare!();
    }
  });

  it('gates every file Amazon Q reads in ~/.aws/sso/cache', () => {
    const gated = amazonQ.files.filter((f) => f.root === 'sso-cache');
    expect(gated.length).toBe(2);
    for (const f of gated) {
      expect(f.accept).toBeDefined();
      expect(f.accept!({ path: '/x', relative: `${'0'.repeat(64)}.token.json` }, [])).toBe(false);
    }
  });
});

/**
 * Expands a client's declared roots for the Context's OS and env: env overrides replace the
 * default locations (first one set wins), templates become absolute paths.
 */
import type { Context } from '../context';
import type { PerOs, RootDeclaration } from '../clients/types';
import { expandTemplate } from '../paths/expand';

export interface ExpandedRoot {
  decl: RootDeclaration;
  /** Absolute path as declared (not resolved). */
  path: string;
}

export function forPlatform<T>(perOs: PerOs<T> | undefined, ctx: Context): T | undefined {
  if (perOs === undefined) return undefined;
  return perOs[ctx.platform] ?? perOs.all;
}

/** Every candidate location of one root, in declaration order, without duplicates. */
export function expandRoot(decl: RootDeclaration, ctx: Context): ExpandedRoot[] {
  for (const template of decl.envOverride ?? []) {
    const overridden = expandTemplate(template, ctx);
    if (overridden !== null) return [{ decl, path: overridden }];
  }
  const seen = new Set<string>();
  const out: ExpandedRoot[] = [];
  for (const template of forPlatform(decl.paths, ctx) ?? []) {
    const expanded = expandTemplate(template, ctx);
    if (expanded === null || seen.has(expanded)) continue;
    seen.add(expanded);
    out.push({ decl, path: expanded });
  }
  return out;
}

/**
 * `--home DIR` inspects another home folder (say, a copy taken from a user's machine). The
 * operator's own shell variables that move client folders (`CODEX_HOME`, `XDG_CONFIG_HOME`,
 * `APPDATA`, ...) describe the operator's machine, not that copy: left in place they would make a
 * scan read — and a reset change — the operator's real files. So they are dropped, and every
 * location is derived from DIR alone.
 */
import type { ClientDeclaration } from '../clients/types';
import { BASE_VARIABLES } from './expand';

/** Variables the path templates themselves read (paths/expand.ts), plus the home variables. */
const BASE_LOCATION_VARIABLES = [
  'HOME',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'XDG_CACHE_HOME',
  ...BASE_VARIABLES,
];

/** Every `${NAME}` a declaration's templates mention: the client-specific folder overrides. */
export function declaredLocationVariables(declarations: readonly ClientDeclaration[]): string[] {
  const names = new Set(BASE_LOCATION_VARIABLES);
  for (const decl of declarations) {
    for (const root of decl.roots) {
      const templates = [...Object.values(root.paths).flat(), ...(root.envOverride ?? [])];
      for (const template of templates) {
        if (template === undefined) continue;
        for (const m of template.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(m[1]!);
      }
    }
  }
  return [...names].sort();
}

export function envForInspectedHome(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  declarations: readonly ClientDeclaration[],
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = { ...env };
  for (const name of declaredLocationVariables(declarations)) delete result[name];
  result.HOME = home;
  result.USERPROFILE = home;
  return result;
}

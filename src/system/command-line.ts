/**
 * Reading a process's command line the way the OS started it: the executable (argv[0]) and,
 * when that is an interpreter (node, bun, deno, python…), the script it runs (the first
 * non-option argument). Later arguments are data (file names, URLs, flags) and never say which
 * program is running: `python3 -c … /tmp/projects/codex/notes.md` is not Codex.
 */

/** Executables that run a client's script rather than being the client. */
const INTERPRETER = /^(?:node|nodejs|bun|deno|tsx|ts-node|ruby|pythonw?|python\d+(?:\.\d+)?)$/;
/** Options whose next argument belongs to them, not the script (`node -r x script`). */
const OPTION_WITH_VALUE = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '--conditions',
  '-C',
  '--title',
  '-W',
  '-X',
]);
/** Options that run inline code: there is no script. */
const INLINE_CODE = new Set(['-e', '--eval', '-p', '--print', '-c', '-m']);
/** Runner sub-commands before the script (`bun run x`, `deno run x`). */
const SUBCOMMAND = new Set(['run', 'x']);
const SCRIPT_EXT = /\.(?:c?js|mjs|ts|py|rb|cmd|bat|ps1|exe)$/i;

/** Quote-aware split: `"C:\Program Files\x.exe" 'a b' c` → three arguments. */
export function splitCommandLine(cmd: string): string[] {
  const out: string[] = [];
  for (const m of cmd.matchAll(/"([^"]*)"?|'([^']*)'?|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() ?? p;
const stripExt = (name: string): string => name.replace(SCRIPT_EXT, '');

/**
 * argv[0] and the rest. ps prints command lines unquoted, so an executable path with spaces
 * (`/Applications/Visual Studio Code.app/…/Electron`) is found by the process name it ends in.
 */
export function splitExecutable(
  cmd: string,
  procName: string,
  fold: (s: string) => string,
): [string, string] {
  const trimmed = cmd.trim();
  if (trimmed.startsWith('"')) {
    const close = trimmed.indexOf('"', 1);
    return close > 0 ? [trimmed.slice(1, close), trimmed.slice(close + 1)] : [trimmed.slice(1), ''];
  }
  const name = fold(procName);
  const folded = fold(trimmed);
  if (name !== '') {
    for (let i = folded.indexOf(name); i >= 0; i = folded.indexOf(name, i + 1)) {
      const end = i + name.length;
      const startsName = i === 0 || folded[i - 1] === '/' || folded[i - 1] === '\\';
      const endsArg = end === folded.length || /\s/.test(folded[end]!);
      if (startsName && endsArg && !/\s/.test(trimmed.slice(0, i).split(/[\\/]/)[0] ?? '')) {
        return [trimmed.slice(0, end), trimmed.slice(end)];
      }
    }
  }
  const space = trimmed.search(/\s/);
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space)];
}

/** The script an interpreter runs, or null (inline code, a REPL, not an interpreter). */
export function scriptArgument(executable: string, rest: string): string | null {
  if (!INTERPRETER.test(stripExt(baseName(executable)).toLowerCase())) return null;
  const args = splitCommandLine(rest);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (INLINE_CODE.has(arg)) return null;
    if (OPTION_WITH_VALUE.has(arg)) {
      i += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    if (i === 0 && SUBCOMMAND.has(arg)) continue;
    return arg;
  }
  return null;
}

/**
 * Whether a program path is the named program: its file name (with or without `.exe`/`.js`…),
 * a macOS bundle on its path whose last word is the name (`Visual Studio Code.app` for
 * `Code.app`), or an npm package folder of that name (`node_modules/@google/gemini-cli/…`).
 */
export function pathIsProgram(programPath: string, name: string, fold: (s: string) => string): boolean {
  const parts = programPath.split(/[\\/]+/).map(fold);
  const n = fold(name);
  const file = parts[parts.length - 1] ?? '';
  if (file === n || stripExt(file) === stripExt(n)) return true;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part.endsWith('.app') && (part === n || part.split(/\s+/).pop() === n)) return true;
    const pkgParent = parts[i - 1];
    const inNodeModules =
      pkgParent === 'node_modules' ||
      (pkgParent?.startsWith('@') === true && parts[i - 2] === 'node_modules');
    if (inNodeModules && part === n) return true;
  }
  return false;
}

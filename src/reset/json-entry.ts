/**
 * Removing (and, for a forced undo, putting back) entries of a shared JSON file — Claude Code's
 * credentials next to Claude's own login, Gemini's token list, opencode's store — as a text edit
 * (jsonc-parser), so every other key, the formatting and any comments stay as they were. All the
 * entries a reset removes from one file are cut in one pass and written once. The edit is
 * verified: the result must parse as strictly as the original did and equal the original minus
 * exactly those entries; otherwise nothing is written.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  applyEdits,
  createScanner,
  findNodeAtLocation,
  modify,
  parse,
  parseTree,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { ResetError } from './fs-errors';
import { formatPointer, parsePointer, resolvePointer, withoutPointers } from './json-pointer';

const BOM = '\uFEFF';

interface Decoded {
  text: string;
  bom: boolean;
  value: unknown;
  strict: boolean;
}

/** Never quotes the content in an error: it may be a secret. */
function decode(bytes: Buffer, file: string): Decoded {
  let text = bytes.toString('utf8');
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  try {
    // Strict JSON (every client store we know) parses natively, several times faster.
    return { text, bom, value: JSON.parse(text) as unknown, strict: true };
  } catch {
    // JSON with comments or trailing commas: parsed leniently below.
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || value === undefined) {
    throw new ResetError(
      `${file} is not valid JSON (error at offset ${errors[0]?.offset ?? 0}); left as it is`,
    );
  }
  return { text, bom, value, strict: false };
}

function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 1, eol }
    : { insertSpaces: true, tabSize: indent.length, eol };
}

/** jsonc-parser wants numbers for array indexes. */
function jsonPath(root: unknown, segments: readonly string[]): (string | number)[] {
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      out.push(Number(segment));
      node = node[Number(segment)];
    } else {
      out.push(segment);
      node =
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

function encode(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? BOM + text : text, 'utf8');
}

function parseLike(edited: string, original: Decoded): unknown {
  if (original.strict) {
    try {
      return JSON.parse(edited) as unknown;
    } catch {
      return undefined;
    }
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(edited, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length > 0 ? undefined : value;
}

function verify(edited: string, original: Decoded, expected: unknown, file: string): void {
  const value = parseLike(edited, original);
  if (value === undefined || !isDeepStrictEqual(value, expected)) {
    throw new ResetError(
      `editing ${file} would not leave a file that keeps every other entry; left as it is`,
    );
  }
}

export function hasJsonEntry(bytes: Buffer, pointer: string, file: string): boolean {
  const doc = decode(bytes, file);
  return resolvePointer(doc.value, parsePointer(pointer)) !== undefined;
}

/** `SyntaxKind.CommaToken` (a const enum, which isolated modules cannot read). */
const COMMA_TOKEN = 5;

/** Offset just after the next comma from `from`, skipping whitespace and comments; -1 when none. */
function commaAfter(text: string, from: number): number {
  const scanner = createScanner(text, true);
  scanner.setPosition(from);
  const token = scanner.scan();
  return (token as number) === COMMA_TOKEN ? scanner.getTokenOffset() + 1 : -1;
}

/** Widens [start, end) to whole lines when the entry sits on lines of its own. */
function wholeLines(text: string, start: number, end: number): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() !== '') return [start, end];
  const rest = /^[ \t]*(\r?\n)/.exec(text.slice(end));
  if (rest === null) return [start, end];
  return [lineStart, end + rest[0].length];
}

/**
 * The text ranges to cut so that the given members (object properties or array elements) vanish
 * with exactly the commas that separated them, and nothing else: a comment above a kept entry
 * stays with it. Removed siblings are handled as runs, so two cuts never overlap.
 */
function cutRanges(text: string, members: Node[]): [number, number][] | null {
  const byContainer = new Map<Node, Set<Node>>();
  for (const m of members) {
    if (m.parent === undefined) return null;
    byContainer.set(m.parent, (byContainer.get(m.parent) ?? new Set()).add(m));
  }
  const ranges: [number, number][] = [];
  for (const [container, removed] of byContainer) {
    const siblings = container.children ?? [];
    for (let i = 0; i < siblings.length; i++) {
      if (!removed.has(siblings[i]!)) continue;
      let j = i;
      while (j + 1 < siblings.length && removed.has(siblings[j + 1]!)) j++;
      const first = siblings[i]!;
      const last = siblings[j]!;
      const lastEnd = last.offset + last.length;
      if (j < siblings.length - 1) {
        const comma = commaAfter(text, lastEnd);
        if (comma < 0) return null;
        ranges.push(wholeLines(text, first.offset, comma));
      } else if (i > 0) {
        const previous = siblings[i - 1]!;
        const comma = commaAfter(text, previous.offset + previous.length);
        if (comma < 0) return null;
        ranges.push([comma - 1, lastEnd]);
      } else {
        ranges.push(wholeLines(text, first.offset, lastEnd));
      }
      i = j;
    }
  }
  return ranges.sort((a, b) => b[0] - a[0]);
}

export interface Removal {
  /** The new file content; null when none of the entries was there. */
  data: Buffer | null;
  /** Pointers that named nothing in the file. */
  missing: string[];
}

/** The file's bytes without the entries at `pointers`; throws a ResetError when that is not possible. */
export function removeJsonEntries(bytes: Buffer, pointers: readonly string[], file: string): Removal {
  const doc = decode(bytes, file);
  const missing: string[] = [];
  const present: { pointer: string; segments: string[] }[] = [];
  for (const pointer of pointers) {
    const segments = parsePointer(pointer);
    if (segments.length === 0) throw new ResetError(`refusing to remove the whole content of ${file}`);
    if (resolvePointer(doc.value, segments) === undefined) missing.push(pointer);
    else present.push({ pointer, segments });
  }
  if (present.length === 0) return { data: null, missing };
  // An entry inside another removed entry goes with it.
  const outer = present.filter(
    (p) =>
      !present.some(
        (q) =>
          q !== p && q.segments.length < p.segments.length && q.segments.every((s, i) => p.segments[i] === s),
      ),
  );
  const root = parseTree(doc.text, [], { allowTrailingComma: true, disallowComments: false });
  for (const { segments } of outer) refuseDuplicates(root, segments, file);
  const members: Node[] = [];
  for (const { segments } of outer) {
    const node = root !== undefined ? findNodeAtLocation(root, jsonPath(doc.value, segments)) : undefined;
    if (node === undefined)
      throw new ResetError(`could not locate ${formatList(outer)} in ${file}; left as it is`);
    members.push(node.parent?.type === 'property' ? node.parent : node);
  }
  const ranges = cutRanges(doc.text, [...new Set(members)]);
  if (ranges === null) throw new ResetError(`could not cut the entries out of ${file}; left as it is`);
  let edited = doc.text;
  for (const [start, end] of ranges) edited = edited.slice(0, start) + edited.slice(end);
  verify(
    edited,
    doc,
    withoutPointers(
      doc.value,
      outer.map((p) => p.segments),
    ),
    file,
  );
  return { data: encode(edited, doc.bom), missing };
}

/**
 * A key written twice in one object, on the way to an entry: JSON.parse keeps the last one, a
 * text edit can only cut one of them, so any rewrite would drop one copy or leave the other.
 */
function duplicateOnPath(
  root: Node | undefined,
  segments: readonly string[],
): { key: string; at: string } | null {
  let node = root;
  for (let depth = 0; depth < segments.length && node !== undefined; depth++) {
    const segment = segments[depth]!;
    if (node.type === 'object') {
      const named = (node.children ?? []).filter((p) => p.children?.[0]?.value === segment);
      if (named.length > 1) return { key: segment, at: formatPointer(segments.slice(0, depth)) || '/' };
      // The last copy is the one every JSON reader sees.
      node = named.at(-1)?.children?.[1];
    } else if (node.type === 'array') {
      node = node.children?.[Number(segment)];
    } else {
      return null;
    }
  }
  return null;
}

function refuseDuplicates(root: Node | undefined, segments: readonly string[], file: string): void {
  const dup = duplicateOnPath(root, segments);
  if (dup === null) return;
  throw new ResetError(
    `${file} has the key "${dup.key}" twice (in ${dup.at}); rewriting it would silently drop one of them, so it is left as it is. ` +
      'Remove the duplicate by hand (or sign out in the client) and try again',
  );
}

function formatList(entries: { pointer: string }[]): string {
  return entries.map((e) => e.pointer).join(', ');
}

/** One entry: the file's bytes without it. */
export function removeJsonEntry(bytes: Buffer, pointer: string, file: string): Buffer {
  const { data } = removeJsonEntries(bytes, [pointer], file);
  if (data === null) throw new ResetError(`the entry ${pointer} is no longer in ${file}`);
  return data;
}

/**
 * Puts the entry at `pointer` from `original` back into `current` (a forced undo after the client
 * rewrote the file: its newer keys are kept, the old entry comes back).
 */
export function reinsertJsonEntry(current: Buffer, original: Buffer, pointer: string, file: string): Buffer {
  const from = decode(original, file);
  const segments = parsePointer(pointer);
  const value = resolvePointer(from.value, segments);
  if (value === undefined) throw new ResetError(`the backup of ${file} does not hold ${pointer}`);
  const doc = decode(current, file);
  const parentSegments = segments.slice(0, -1);
  refuseDuplicates(
    parseTree(doc.text, [], { allowTrailingComma: true, disallowComments: false }),
    segments,
    file,
  );
  const parent = resolvePointer(doc.value, parentSegments);
  const last = segments[segments.length - 1]!;
  let path: (string | number)[];
  let isArrayInsertion = false;
  if (Array.isArray(parent)) {
    path = [...jsonPath(doc.value, parentSegments), Math.min(Number(last), parent.length)];
    isArrayInsertion = true;
  } else {
    path = [...jsonPath(doc.value, parentSegments), last];
  }
  const edits = modify(doc.text, path, value, {
    formattingOptions: formattingOf(doc.text),
    isArrayInsertion,
  });
  const edited = applyEdits(doc.text, edits);
  const errors: ParseError[] = [];
  const result: unknown = parse(edited, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !isDeepStrictEqual(resolvePointer(result, path.map(String)), value)) {
    throw new ResetError(`could not put the entry ${pointer} back into ${file}; left as it is`);
  }
  return encode(edited, doc.bom);
}

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
  const key = (segments: readonly string[]): string => segments.join('\u0000');
  const removed = new Set(present.map((p) => key(p.segments)));
  const outer = present.filter(
    (p) => !p.segments.some((_, depth) => depth > 0 && removed.has(key(p.segments.slice(0, depth)))),
  );
  const tree = new TreeIndex(
    parseTree(doc.text, [], { allowTrailingComma: true, disallowComments: false }),
    file,
  );
  const members: Node[] = [];
  for (const { segments } of outer) {
    const node = tree.find(segments);
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
 * Finds nodes by pointer in one parse tree, indexing each object's keys once (a big shared file
 * loses many entries in one pass). A key written twice in one object on the way to an entry is
 * refused: JSON.parse keeps the last copy, a text edit can only cut one of them, so any rewrite
 * would silently drop one copy or leave the other behind.
 */
class TreeIndex {
  private readonly keys = new Map<Node, Map<string, Node[]>>();

  constructor(
    private readonly root: Node | undefined,
    private readonly file: string,
  ) {}

  private keysOf(object: Node): Map<string, Node[]> {
    let index = this.keys.get(object);
    if (index === undefined) {
      index = new Map();
      for (const property of object.children ?? []) {
        const key: unknown = property.children?.[0]?.value;
        if (typeof key === 'string') index.set(key, [...(index.get(key) ?? []), property]);
      }
      this.keys.set(object, index);
    }
    return index;
  }

  /** The value node at the pointer (undefined when absent). */
  find(segments: readonly string[]): Node | undefined {
    let node = this.root;
    for (let depth = 0; depth < segments.length && node !== undefined; depth++) {
      const segment = segments[depth]!;
      if (node.type === 'object') {
        const named = this.keysOf(node).get(segment) ?? [];
        if (named.length > 1) {
          const at = formatPointer(segments.slice(0, depth)) || '/';
          throw new ResetError(
            `${this.file} has the key "${segment}" twice (in ${at}); rewriting it would silently drop one of them, so it is left as it is. ` +
              'Remove the duplicate by hand (or sign out in the client) and try again',
          );
        }
        node = named[0]?.children?.[1];
      } else if (node.type === 'array') {
        node = /^(0|[1-9]\d*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
      } else {
        return undefined;
      }
    }
    return node;
  }
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
  // Refuses a key written twice on the way (the entry itself may be absent from the newer file).
  new TreeIndex(parseTree(doc.text, [], { allowTrailingComma: true, disallowComments: false }), file).find(
    segments,
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

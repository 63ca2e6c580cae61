/**
 * Removing (and, for a forced undo, putting back) one entry of a shared JSON file — Claude Code's
 * credentials next to Claude's own login, Gemini's token list, opencode's store — as a text edit
 * (jsonc-parser), so every other key, the formatting and any comments stay as they were. Each edit
 * is verified: the result must parse as strictly as the original did and equal the original minus
 * exactly that entry; otherwise nothing is written.
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
import { parsePointer, resolvePointer, withoutPointer } from './json-pointer';

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
  let strict = true;
  try {
    JSON.parse(text);
  } catch {
    strict = false;
  }
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || value === undefined) {
    throw new ResetError(
      `${file} is not valid JSON (error at offset ${errors[0]?.offset ?? 0}); left as it is`,
    );
  }
  return { text, bom, value, strict };
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

function verify(edited: string, original: Decoded, expected: unknown, file: string): void {
  const errors: ParseError[] = [];
  const value: unknown = parse(edited, errors, { allowTrailingComma: true, disallowComments: false });
  let strictOk = true;
  if (original.strict) {
    try {
      JSON.parse(edited);
    } catch {
      strictOk = false;
    }
  }
  if (errors.length > 0 || !strictOk || !isDeepStrictEqual(value, expected)) {
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
 * Cuts the entry out of the text: the member (or element) and one comma next to it, nothing else,
 * so a comment above the next entry stays with it.
 */
function cutEntry(text: string, root: Node, path: (string | number)[]): string | null {
  const node = findNodeAtLocation(root, path);
  if (node === undefined) return null;
  const member = node.parent?.type === 'property' ? node.parent : node;
  const siblings = member.parent?.children ?? [];
  const at = siblings.indexOf(member);
  if (at < 0) return null;
  const memberEnd = member.offset + member.length;
  let start: number;
  let end: number;
  if (at < siblings.length - 1) {
    const comma = commaAfter(text, memberEnd);
    if (comma < 0) return null;
    [start, end] = wholeLines(text, member.offset, comma);
  } else if (at > 0) {
    const previous = siblings[at - 1]!;
    const comma = commaAfter(text, previous.offset + previous.length);
    if (comma < 0) return null;
    start = comma - 1;
    end = memberEnd;
  } else {
    [start, end] = wholeLines(text, member.offset, memberEnd);
  }
  return text.slice(0, start) + text.slice(end);
}

/** The file's bytes without the entry at `pointer`; throws a ResetError when that is not possible. */
export function removeJsonEntry(bytes: Buffer, pointer: string, file: string): Buffer {
  const doc = decode(bytes, file);
  const segments = parsePointer(pointer);
  if (segments.length === 0) throw new ResetError(`refusing to remove the whole content of ${file}`);
  if (resolvePointer(doc.value, segments) === undefined) {
    throw new ResetError(`the entry ${pointer} is no longer in ${file}`);
  }
  const path = jsonPath(doc.value, segments);
  const root = parseTree(doc.text, [], { allowTrailingComma: true, disallowComments: false });
  const cut = root !== undefined ? cutEntry(doc.text, root, path) : null;
  // The precise cut covers every well-formed file; jsonc-parser's own edit is the fallback.
  const edited =
    cut ??
    applyEdits(doc.text, modify(doc.text, path, undefined, { formattingOptions: formattingOf(doc.text) }));
  verify(edited, doc, withoutPointer(doc.value, segments), file);
  return encode(edited, doc.bom);
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

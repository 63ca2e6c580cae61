/**
 * Fast, safe JSON reading for cache and credential files, of which a home can hold thousands:
 * native JSON.parse on the happy path; only when it fails is the text re-scanned (jsonc-parser)
 * to say where and why. JSON.parse's own message quotes the text around the error, and in a token
 * file that text can be a token, so it is never used.
 */
import { isUtf8 } from 'node:buffer';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ParseProblem } from '../types';

export type JsonRead = { ok: true; value: unknown; empty: boolean } | { ok: false; problem: ParseProblem };

/**
 * Deeper than any client file ever nests. jsonc-parser (used only to explain a failure) recurses
 * per level, so a file of 100,000 `[` would overflow its stack: such a file is refused first.
 */
export const MAX_JSON_DEPTH = 1000;

export const TOO_DEEP = 'nested too deeply to read safely';

/** Whether the brackets outside strings ever nest deeper than `limit` (stops as soon as they do). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Strict JSON (what the clients themselves accept). `what` names the file in problems. Takes the
 * parser input: its already-decoded `text` when the scanner read the file as text.
 */
export function readJsonFast(input: { bytes: Buffer; text?: string }, what: string): JsonRead {
  let text: string;
  if (input.text !== undefined) {
    text = input.text;
  } else {
    const bytes = input.bytes;
    if (bytes.includes(0)) return { ok: false, problem: { message: `${what} is a binary file, not text` } };
    if (!isUtf8(bytes)) return { ok: false, problem: { message: `${what} is not valid UTF-8 text` } };
    text = bytes.toString('utf8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Parsed first: text that parses holds no NUL (JSON allows none, not even inside a string)
  // and is not blank, so those two looks through the text are needed only when it fails.
  try {
    return { ok: true, value: JSON.parse(text) as unknown, empty: false };
  } catch {
    return explainFailure(text, what);
  }
}

function explainFailure(text: string, what: string): JsonRead {
  if (text.includes('\u0000'))
    return { ok: false, problem: { message: `${what} is a binary file, not text` } };
  if (!/\S/.test(text)) return { ok: true, value: undefined, empty: true };
  const parsed = parseJsonc(text, what, false);
  return parsed.ok
    ? { ok: false, problem: { message: `${what} is not valid JSON: unexpected content` } }
    : parsed;
}

/**
 * jsonc-parser over `text`, strict or with comments and trailing commas: the value, or the first
 * problem by code and position (never the text around it). Refuses first what nests too deep for
 * its recursion.
 */
export function parseJsonc(
  text: string,
  what: string,
  comments: boolean,
): { ok: true; value: unknown } | { ok: false; problem: ParseProblem } {
  const tooDeep = { ok: false as const, problem: { message: `${what} is ${TOO_DEEP}` } };
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return tooDeep;
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parse(text, errors, {
      disallowComments: !comments,
      allowTrailingComma: comments,
      allowEmptyContent: false,
    });
  } catch (err) {
    if (err instanceof RangeError) return tooDeep;
    throw err;
  }
  const first = errors[0];
  if (first === undefined) return { ok: true, value };
  const kind = comments ? 'JSON (with comments)' : 'JSON';
  return {
    ok: false,
    problem: {
      message: `${what} is not valid ${kind}: ${printParseErrorCode(first.error)} at ${position(text, first.offset)}`,
    },
  };
}

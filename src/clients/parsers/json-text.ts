/**
 * Decoding and JSON reading shared by the parsers of VS Code, Cursor, Windsurf, Gemini CLI,
 * opencode, MCP Inspector and Amazon Q.
 *
 * Parse errors are reported by code and position only. `JSON.parse` messages quote the text
 * around the error, and in a token file that text can be a token, so they are never used.
 */
import type { ParseProblem } from '../types';
import { parseJsonc, readJsonFast } from '../shared/json';

export type TextResult = { ok: true; text: string } | { ok: false; problem: ParseProblem };

export type JsonResult =
  | { ok: true; value: unknown; empty: false }
  | { ok: true; value: undefined; empty: true }
  | { ok: false; problem: ParseProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const binary = (what: string): TextResult => ({
  ok: false,
  problem: { message: `${what} is a binary file, not text` },
});

/** UTF-8 text without a BOM; a NUL byte or invalid UTF-8 means the file is not text. */
export function decodeText(bytes: Buffer, what: string): TextResult {
  if (bytes.includes(0)) return binary(what);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: { message: `${what} is not valid UTF-8 text` } };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * A parser's input as text: the scanner's already decoded `text` when it has one, under the same
 * rules as decodeText (a NUL means binary, a BOM is dropped), so a file reads the same either way.
 */
export function textOf(input: { bytes: Buffer; text?: string }, what: string): TextResult {
  const { text } = input;
  if (text === undefined) return decodeText(input.bytes, what);
  if (text.includes('\u0000')) return binary(what);
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * Reads JSON (strict) or JSON with comments and trailing commas (`comments: true`, as VS Code,
 * Cursor and Gemini CLI accept in their settings). An empty or blank file is `empty`, so each
 * caller decides whether that is normal (a fresh config) or a problem (a token store).
 */
export function readJson(bytes: Buffer, what: string, options: { comments?: boolean } = {}): JsonResult {
  if (options.comments !== true) {
    const strict = readJsonFast({ bytes }, what);
    if (!strict.ok) return strict;
    return strict.empty
      ? { ok: true, value: undefined, empty: true }
      : { ok: true, value: strict.value, empty: false };
  }
  const decoded = decodeText(bytes, what);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === '') return { ok: true, value: undefined, empty: true };
  const parsed = parseJsonc(decoded.text, what, true);
  return parsed.ok ? { ok: true, value: parsed.value, empty: false } : parsed;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** OAuth scopes from a space-separated string or an array of strings. */
export function scopeList(value: unknown): string[] {
  if (typeof value === 'string') {
    // split's array is exactly as long as its result; filter's keeps room for 16 more, and a scan
    // holds thousands of these drafts until every file is read.
    const parts = value.split(/\s+/);
    return parts.includes('') ? parts.filter((s) => s !== '') : parts;
  }
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

/** One JSON pointer token (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...keys: (string | number)[]): string {
  return keys.map((k) => `/${pointerToken(k)}`).join('');
}

/** Non-empty strings only, for a draft's `secrets`. */
export function secretValues(...values: unknown[]): string[] {
  // At its exact length (see scopeList), built once: usually all or none of the values are kept.
  let kept = 0;
  for (const v of values) if (typeof v === 'string' && v !== '') kept++;
  if (kept === values.length) return values as string[];
  if (kept === 0) return [];
  const secrets = new Array<string>(kept);
  let i = 0;
  for (const v of values) if (typeof v === 'string' && v !== '') secrets[i++] = v;
  return secrets;
}

/**
 * The one redaction pass everything in a support report goes through, user-typed text included:
 * tokens, `Bearer …`, JWTs, secret-looking parameters and JSON keys, credential headers,
 * cookies, passwords in URLs, env secrets, long random strings, and home paths (→ `~`).
 */
import type { Platform } from '../context';
import { homeReplacer } from './home-path';
import { isSecretEnvName, isSecretParamName, isSecretRecordKey } from './secret-names';

export const REDACTED = '[redacted]';

export interface RedactorOptions {
  home: string;
  platform: Platform;
  /** Values of secret-looking variables here are removed wherever they turn up. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Other exact strings known to be secret. */
  secrets?: readonly string[];
}

export interface Redactor {
  text: (input: string) => string;
  /** A deep copy with every string redacted and secret-named fields blanked. */
  value: <T>(input: T) => T;
  /** How many secrets were removed so far (home paths not counted). */
  readonly count: number;
}

// Every unbounded repeat that can start at many places is capped: user-pasted text may be
// megabytes, and a backtracking pattern must not turn that into minutes (test/bench/report).
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alreadyRedacted = (value: string): boolean => value.startsWith('[redacted');
const MIN_KNOWN_SECRET = 8;

const HEADER_LINE =
  /\b(Authorization|Proxy-Authorization|Cookie|Set-Cookie|X-Api-Key|Api-Key|X-Auth-Token|X-Access-Token|Mcp-Session-Id)([ \t]*:[ \t]*)([^\r\n"]+)/gi;
const JSON_PAIR = /(["'])([A-Za-z0-9_.$-]+)\1(\s*:\s*)(["'])((?:\\.|(?!\4)[^\\])*)\4/g;
const ASSIGNMENT = /(^|[?&#;\s,([{'"])([A-Za-z_$-][A-Za-z0-9_.$-]{0,100})=([^&\s#"'<>,;)\]}]+)/g;
const ENCODED_ASSIGNMENT =
  /(%3F|%26|%23)([A-Za-z0-9_.-]+)%3D((?:[A-Za-z0-9_.~+-]|%(?!26|23)[0-9A-Fa-f]{2})+)/gi;
const PROSE_PAIR =
  /\b(access_token|refresh_token|id_token|client_secret|code_verifier|password|passwd|api_key|apikey|private_key)([ \t]*:[ \t]*)([^\s,;"'}]+)/gi;
const AUTH_SCHEME =
  /\b(Bearer|Basic|Digest|Negotiate|Token|Bot)([ \t]+)([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9._~+/="-])/gi;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,8192}/g;
const URL_PASSWORD = /\b([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)([^\s/?#@:]{0,256}):([^\s/?#@]{1,1024})@/g;
const KNOWN_TOKENS = new RegExp(
  // Only at the start of a run, so `sk-sk-sk-…` is one attempt, not one per position.
  '(?<![A-Za-z0-9_-])(?:' +
    [
      'gh[pousr]_[A-Za-z0-9]{20,1024}',
      'github_pat_[A-Za-z0-9_]{20,1024}',
      'glpat-[A-Za-z0-9_-]{20,1024}',
      'sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,1024}',
      'xox[abprs]-[A-Za-z0-9-]{10,1024}',
      'AKIA[0-9A-Z]{16}',
      'AIza[0-9A-Za-z_-]{35}',
      'ya29\\.[0-9A-Za-z_-]{20,4096}',
      'npm_[A-Za-z0-9]{36}',
    ].join('|') +
    ')',
  'g',
);
/** Long random-looking runs (PKCE verifiers, opaque tokens); hex-only ids and hashes stay. */
const HIGH_ENTROPY = /(?<![A-Za-z0-9_+=~-])[A-Za-z0-9_+=~-]{32,}(?![A-Za-z0-9_+=~-])/g;
const looksRandom = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

export function createRedactor(options: RedactorOptions): Redactor {
  let count = 0;
  const hit = (): string => {
    count += 1;
    return REDACTED;
  };
  const known = new Set<string>();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value !== undefined && value.length >= MIN_KNOWN_SECRET && isSecretEnvName(name)) known.add(value);
  }
  for (const s of options.secrets ?? []) if (s.length >= MIN_KNOWN_SECRET) known.add(s);
  const knownRe =
    known.size > 0
      ? new RegExp(
          [...known]
            .sort((a, b) => b.length - a.length)
            .map(escapeRe)
            .join('|'),
          'g',
        )
      : null;
  const home = homeReplacer(options.home, options.platform);

  const text = (input: string): string => {
    let s = input;
    if (knownRe !== null) s = s.replace(knownRe, hit);
    s = s.replace(HEADER_LINE, (m, name: string, sep: string, value: string) =>
      alreadyRedacted(value.trim()) ? m : `${name}${sep}${hit()}`,
    );
    s = s.replace(JSON_PAIR, (m, q: string, key: string, sep: string, vq: string, value: string) =>
      isSecretParamName(key) && value !== '' && !alreadyRedacted(value)
        ? `${q}${key}${q}${sep}${vq}${hit()}${vq}`
        : m,
    );
    s = s.replace(ASSIGNMENT, (m, lead: string, name: string, value: string) =>
      isSecretParamName(name) && !alreadyRedacted(value) ? `${lead}${name}=${hit()}` : m,
    );
    s = s.replace(ENCODED_ASSIGNMENT, (m, lead: string, name: string) =>
      isSecretParamName(name) ? `${lead}${name}%3D${hit()}` : m,
    );
    s = s.replace(PROSE_PAIR, (m, name: string, sep: string, value: string) =>
      alreadyRedacted(value) ? m : `${name}${sep}${hit()}`,
    );
    s = s.replace(URL_PASSWORD, (m, scheme: string, user: string, password: string) =>
      alreadyRedacted(password) ? m : `${scheme}${user}:${hit()}@`,
    );
    s = s.replace(JWT, hit);
    s = s.replace(KNOWN_TOKENS, hit);
    // Prose says "invalid bearer token": only something token-shaped after the scheme goes.
    s = s.replace(AUTH_SCHEME, (m, scheme: string, space: string, value: string) =>
      value.length >= 8 && !/^[A-Za-z]+$/.test(value) ? `${scheme}${space}${hit()}` : m,
    );
    s = s.replace(HIGH_ENTROPY, (m) => (looksRandom(m) ? hit() : m));
    return home(s);
  };

  const walk = (input: unknown, secret: boolean): unknown => {
    if (typeof input === 'string') {
      if (secret) return input === '' ? input : hit();
      return text(input);
    }
    if (Array.isArray(input)) return input.map((item) => walk(item, secret));
    if (input !== null && typeof input === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, val] of Object.entries(input as Record<string, unknown>)) {
        out[text(key)] = walk(val, secret || isSecretRecordKey(key));
      }
      return out;
    }
    return input;
  };

  return {
    text,
    value: <T>(input: T): T => walk(input, false) as T,
    get count() {
      return count;
    },
  };
}

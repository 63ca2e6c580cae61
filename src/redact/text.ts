/**
 * The one free-text redactor: whatever a user pastes, a server answers or a config holds, with
 * every secret taken out and everything else left as written. Rules, in order: known secret
 * values; URLs (userinfo, secret parameters); scheme-less `user:password@host`; quoted-key pairs
 * (JSON, TOML); `name: value` / `name = value` pairs (headers, YAML, TOML, env, query strings);
 * flags with a space (`--client-secret X`, `curl -u user:pw`); URL-encoded pairs; JWTs; known
 * token formats; `Bearer …`-style credentials; long random strings; then home folders → `~`.
 */
import { homeReplacer, type HomeOptions } from './home';
import { isRedacted, plainMask, type Mask } from './mask';
import {
  isAmbiguousName,
  isSecretEnvName,
  isSecretHeaderName,
  isSecretParamName,
  looksLikePlainWord,
} from './names';
import { redactUserinfo, redactUrl } from './url';

export interface TextRedactorOptions {
  /** What a secret becomes (default `[redacted]`; the doctor uses fingerprints). */
  mask?: Mask;
  /** Values of secret-named variables here are removed wherever they turn up. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Other exact strings known to be secret (at least 8 characters). */
  secrets?: readonly string[];
  /** Show this home (and anyone's home) as `~`. */
  home?: HomeOptions;
}

export interface TextRedactor {
  (input: string): string;
  /** How many secrets were removed so far (home paths not counted). */
  readonly count: number;
  /** Masks a value known to be secret (a secret-named field), counting it. */
  hide: (secret: string) => string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MIN_KNOWN_SECRET = 8;

// Every repeat that can start at many places is capped: user-pasted text may be megabytes, and
// a backtracking pattern must not turn that into minutes (test/bench/report.bench.ts).

/** `scheme://…` up to a space, a quote or an angle bracket. */
const URL_IN_TEXT = /\b[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s"'<>`]{1,8192}/g;
/** Characters that end a sentence rather than a URL. */
const URL_TRAILER = /[.,;:!?)\]}]+$/;
/**
 * `user:password@host[:port]` without a scheme (proxy settings). The password is greedy, so it
 * runs to the last `@` that a host follows: a password holding `@` goes whole.
 */
const BARE_USERINFO =
  /(?<![\w.~%+/:@-])([\w.~%+-]{1,128}):([^\s/?#"'<>,;]{1,1024})@((?:[A-Za-z0-9-]{1,63}\.){0,16}[A-Za-z0-9-]{1,63}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?(?![\w-])/g;
/** `"name": ` or `'name' = ` before a quoted value (JSON, TOML, Python reprs). */
const QUOTED_KEY = /(["'])([A-Za-z0-9_.$-]{1,100})\1\s{0,20}[:=]\s{0,20}(?=["'])/g;
/** `Name: ` before a value; a secret header's value is the rest of the line (`Cookie: a=1; b=2`). */
const HEADER_NAME = /(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9_-]{0,80})[ \t]{0,20}:[ \t]{0,20}(?=\S)/g;
/** `name = "value"`, `--name=value`, `?name=value`, `code: x` before a quoted value or one token. */
const PAIR_NAME =
  /(?<![A-Za-z0-9_.$-])(-{0,2}[A-Za-z_$][A-Za-z0-9_.$-]{0,100})[ \t]{0,20}([:=])[ \t]{0,20}(?=\S)/g;
/** Where a bare value ends: at a space, a quote, a separator; `=` only as base64 padding. */
const TOKEN_VALUE = /[^\s"'&#<>,;=)\]}]{1,8192}={0,3}/y;
/** `--client-secret VALUE`, `-u user:pw`: a flag, spaces, then a value that is not another flag. */
const FLAG_SPACE =
  /(?<![A-Za-z0-9_-])(--?[A-Za-z][A-Za-z0-9_-]{0,60})([ \t]{1,20})("(?:[^"\\\r\n]|\\.){0,8192}"|'[^'\r\n]{0,8192}'|[^\s"'-][^\s"']{0,8191})/g;
/** `${TOKEN}`, `Bearer $TOKEN`, `%API_KEY%`, `{{token}}`, `<your-token>`: names of secrets, not secrets. */
const PLACEHOLDER =
  /^(?:(?:Bearer|Basic|Token)[ \t]{1,20})?(?:\$\{?[A-Za-z_][A-Za-z0-9_]{0,100}\}?|%[A-Za-z_][A-Za-z0-9_]{0,100}%|\{\{[^{}]{1,100}\}\}|<[^<>]{1,100}>)$/i;
/** Flags whose value is `user:password` (curl, wget). */
const USERPASS_FLAGS = new Set(['-u', '--user', '-U', '--proxy-user', '--http-user', '--proxy-password']);
/** Flags that take a header, not a secret (the header rule reads their value). */
const HEADER_FLAGS = new Set(['-h', '--header', '--headers', '--http-header', '--proxy-header']);
const ENCODED_PAIR =
  /(%3F|%26|%23)([A-Za-z0-9_.-]{1,100})%3D((?:[A-Za-z0-9_.~+-]|%(?!26|23)[0-9A-Fa-f]{2}){1,8192})/gi;
const AUTH_SCHEME =
  /\b(Bearer|Basic|Digest|Negotiate|Token|Bot)([ \t]{1,20})([A-Za-z0-9._~+/-]{1,8192}=*)(?![A-Za-z0-9._~+/-])/gi;
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,8192}\.[A-Za-z0-9_-]{4,16384}\.[A-Za-z0-9_-]{0,8192}/g;
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
      'GOCSPX-[A-Za-z0-9_-]{10,256}',
    ].join('|') +
    ')',
  'g',
);
/** Long random-looking runs (PKCE verifiers, opaque tokens); hex-only ids and hashes stay. */
const HIGH_ENTROPY = /(?<![A-Za-z0-9_+=~-])[A-Za-z0-9_+=~-]{32,}(?![A-Za-z0-9_+=~-])/g;
const looksRandom = (s: string): boolean => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s);

/** Values of secret-named variables, long enough not to match ordinary words. */
export function knownSecretValues(
  env: Readonly<Record<string, string | undefined>> | undefined,
  extra: readonly string[] = [],
): string[] {
  const known = new Set<string>();
  for (const [name, value] of Object.entries(env ?? {})) {
    if (value !== undefined && value.length >= MIN_KNOWN_SECRET && isSecretEnvName(name)) known.add(value);
  }
  for (const s of extra) if (s.length >= MIN_KNOWN_SECRET) known.add(s);
  return [...known];
}

export function createTextRedactor(options: TextRedactorOptions = {}): TextRedactor {
  const mask = options.mask ?? plainMask;
  let count = 0;
  const hide = (secret: string): string => {
    count += 1;
    return mask(secret);
  };
  const known = knownSecretValues(options.env, options.secrets);
  const knownRe =
    known.length > 0
      ? new RegExp(
          known
            .sort((a, b) => b.length - a.length)
            .map(escapeRe)
            .join('|'),
          'g',
        )
      : null;
  const home = options.home !== undefined ? homeReplacer(options.home) : null;

  /** A quoted or bare value with its secret part hidden, quotes kept; placeholders stay. */
  const hideValue = (value: string): string => {
    const q = value[0];
    const quoted = q === '"' || q === "'";
    const closed = quoted && value.length > 1 && value.endsWith(q);
    const inner = quoted ? value.slice(1, closed ? -1 : undefined) : value;
    if (inner.trim() === '' || isRedacted(inner) || PLACEHOLDER.test(inner.trim())) return value;
    return quoted ? `${q}${hide(inner)}${closed ? q : ''}` : hide(inner);
  };
  const unquote = (value: string): string => value.replace(/^["']|["']$/g, '');

  const fn = (input: string): string => {
    let s = input;
    if (knownRe !== null) s = s.replace(knownRe, (m) => hide(m));

    // Each rule runs only when the text holds the characters it needs: short strings (a report
    // has thousands) skip most passes.
    if (s.includes('://'))
      s = s.replace(URL_IN_TEXT, (m) => {
        const trailer = URL_TRAILER.exec(m)?.[0] ?? '';
        const url = trailer === '' ? m : m.slice(0, -trailer.length);
        return redactUrl(url, hide) + trailer;
      });

    if (s.includes('@'))
      s = s.replace(
        BARE_USERINFO,
        (m, user: string, password: string, host: string, port: string | undefined, at: number) =>
          /^(?:mailto|data)$/i.test(user) ||
          /^sha\d+$/i.test(host) ||
          isRedacted(password) ||
          // `[redacted:sha256:…]@host`: a whole userinfo masked already (a token used as user name).
          (user === 'redacted' && s[at - 1] === '[')
            ? m
            : `${redactUserinfo(`${user}:${password}`, hide)}@${host}${port ?? ''}`,
      );

    // The name rules find a name, and only a secret name's value is measured: a value is never
    // scanned for names that are not secret, so long runs cost one pass.
    if (/["']/.test(s))
      s = rewrite(s, QUOTED_KEY, (m) => {
        const key = m[2]!;
        if (!isSecretParamName(key)) return null;
        const start = m.index + m[0].length;
        const end = valueEnd(s, start, 'line');
        const value = s.slice(start, end);
        if (isAmbiguousName(key) && looksLikePlainWord(unquote(value))) return null;
        return { end, text: m[0] + hideValue(value) };
      });

    const colon = s.includes(':');
    if (colon)
      s = rewrite(s, HEADER_NAME, (m) => {
        if (!isSecretHeaderName(m[1]!)) return null;
        const start = m.index + m[0].length;
        const end = valueEnd(s, start, 'line');
        return { end, text: m[0] + hideValue(s.slice(start, end)) };
      });

    if (colon || s.includes('='))
      s = rewrite(s, PAIR_NAME, (m) => {
        const [head, name = '', op = ''] = m;
        const bare = name.replace(/^-+/, '');
        if (!isSecretParamName(bare)) return null;
        // A header line was handled whole by the rule above (a placeholder there stays).
        if (op === ':' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(name) && isSecretHeaderName(name)) return null;
        const start = m.index + head.length;
        const end = valueEnd(s, start, 'token');
        if (end === start) return null;
        const value = s.slice(start, end);
        // `code: 401` is a status in prose; after `=` (query strings, TOML, env) every secret name counts.
        if (op === ':' && isAmbiguousName(bare) && looksLikePlainWord(unquote(value))) return null;
        return { end, text: head + hideValue(value) };
      });

    if (s.includes('-'))
      s = s.replace(FLAG_SPACE, (m, flag: string, space: string, value: string) => {
        if (HEADER_FLAGS.has(flag.toLowerCase())) return m;
        if (USERPASS_FLAGS.has(flag)) {
          const bare = unquote(value);
          const colon = bare.indexOf(':');
          if (colon < 0 || isRedacted(bare.slice(colon + 1))) return m;
          return `${flag}${space}${value.replace(bare, redactUserinfo(bare, hide))}`;
        }
        if (!isSecretParamName(flag.replace(/^-+/, ''))) return m;
        return `${flag}${space}${hideValue(value)}`;
      });

    if (s.includes('%'))
      s = s.replace(ENCODED_PAIR, (m, lead: string, name: string, value: string) =>
        isSecretParamName(name) && !isRedacted(decodeURIComponentSafe(value))
          ? `${lead}${name}%3D${hide(value)}`
          : m,
      );
    if (s.includes('eyJ')) s = s.replace(JWT, (m) => hide(m));
    s = s.replace(KNOWN_TOKENS, (m) => hide(m));
    s = s.replace(
      AUTH_SCHEME,
      (m, scheme: string, space: string, value: string, offset: number, all: string) => {
        // Prose says "invalid bearer token"; a challenge says `Bearer realm="…"`: both stay.
        const next = all[offset + m.length] ?? '';
        // `realm="…"`, `error=invalid_token`, `resource_metadata="…"`: parameter names have no digits.
        const authParam =
          (/^[A-Za-z_-]+=$/.test(value) && (next === '"' || next === "'")) ||
          (/^[A-Za-z_-]+$/.test(value) && next === '=');
        return value.length >= 8 && !/^[A-Za-z]+$/.test(value) && !authParam && !isRedacted(value)
          ? `${scheme}${space}${hide(value)}`
          : m;
      },
    );
    if (s.length >= 32) s = s.replace(HIGH_ENTROPY, (m) => (looksRandom(m) ? hide(m) : m));
    return home !== null ? home(s) : s;
  };

  return Object.defineProperties(fn, {
    count: { get: () => count },
    hide: { value: hide },
  }) as TextRedactor;
}

/**
 * Where a value starting at `start` ends: a quoted one at its closing quote (or the end of the
 * line, when unclosed); a bare one at the end of the line or a quote ('line', header values),
 * or at the end of one token ('token').
 */
function valueEnd(s: string, start: number, bare: 'line' | 'token'): number {
  const q = s[start];
  if (q === '"' || q === "'") {
    for (let i = start + 1; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') i += 1;
      else if (c === q) return i + 1;
      else if (c === '\n' || c === '\r') return i;
    }
    return s.length;
  }
  if (bare === 'token') {
    TOKEN_VALUE.lastIndex = start;
    const m = TOKEN_VALUE.exec(s);
    return m !== null ? start + m[0].length : start;
  }
  let i = start;
  while (i < s.length && !'\r\n"\''.includes(s[i]!)) i += 1;
  return i;
}

type Rewrite = { end: number; text: string } | null;

/** Like `replace`, but a rule may replace past its match (a value it measured itself). */
function rewrite(s: string, re: RegExp, fn: (m: RegExpExecArray) => Rewrite): string {
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const r = fn(m);
    if (r !== null) {
      out += s.slice(last, m.index) + r.text;
      last = r.end;
      re.lastIndex = r.end;
    } else if (m[0] === '') {
      re.lastIndex += 1;
    }
  }
  return out + s.slice(last);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

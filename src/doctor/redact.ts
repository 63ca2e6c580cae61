/**
 * Everything the doctor prints passes through here: URLs lose secret-looking query values and
 * userinfo, headers lose cookie and credential values. What is left is a fingerprint, so a user can
 * still tell two values apart without seeing either.
 */
import { createHash } from 'node:crypto';

export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12)}`;
}

const SECRET_PARAM_EXACT = new Set([
  'code',
  'key',
  'sig',
  'signature',
  'auth',
  'authorization',
  'session',
  'sessionid',
  'jwt',
  'pwd',
  'pass',
  'credential',
  'credentials',
  'samlrequest',
  'samlresponse',
]);
const SECRET_PARAM_PART = /token|secret|passw|api[-_]?key|apikey|access[-_]?key|private|verifier/i;

/** True for query parameter names that usually carry a secret (`token`, `apiKey`, `code`, ...). */
export function isSecretParam(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_PARAM_EXACT.has(lower) || SECRET_PARAM_PART.test(lower);
}

/** Idempotent: a value redacted once is left alone, so text can be redacted twice safely. */
const redactedValue = (value: string): string =>
  value.startsWith('[redacted:') ? value : `[redacted:${fingerprint(value)}]`;

/** Names of the secret-looking query parameters of a URL (for the `url` check). */
export function secretQueryParams(url: URL): string[] {
  return [...new Set([...url.searchParams.keys()].filter(isSecretParam))];
}

/** A URL safe to show: userinfo and secret-looking query values replaced by fingerprints. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactQueryLoosely(raw);
  }
  const needsWork = [...url.searchParams.entries()].some(
    ([name, value]) => isSecretParam(name) || /^https?:\/\//i.test(value),
  );
  if (url.username === '' && url.password === '' && url.hash === '' && !needsWork) return raw;
  let out = `${url.protocol}//`;
  if (url.username !== '' || url.password !== '')
    out += `${redactedValue(url.username + ':' + url.password)}@`;
  out += `${url.host}${url.pathname}`;
  if (url.search !== '') {
    const parts = url.search
      .slice(1)
      .split('&')
      .map((part) => {
        const eq = part.indexOf('=');
        if (eq < 0) return part;
        const name = decodeSafely(part.slice(0, eq));
        const value = part.slice(eq + 1);
        if (isSecretParam(name)) return `${part.slice(0, eq)}=${redactedValue(value)}`;
        // A URL inside a parameter (resource=, redirect_uri=, returnTo=) may carry secrets of its own.
        const inner = decodeSafely(value);
        if (/^https?:\/\//i.test(inner)) {
          const cleaned = redactUrl(inner);
          if (cleaned !== inner) return `${part.slice(0, eq)}=${encodeURIComponent(cleaned)}`;
        }
        return part;
      });
    out += `?${parts.join('&')}`;
  }
  // A fragment is never sent; it can still hold a token (implicit-flow habits), so never show it.
  if (url.hash !== '') out += `#${redactedValue(url.hash.slice(1))}`;
  return out;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** For strings that do not parse as a URL: still hide `name=value` pairs with secret names. */
function redactQueryLoosely(raw: string): string {
  return raw.replace(/([?&;])([^=&#\s]+)=([^&#\s]*)/g, (whole, sep: string, name: string, value: string) =>
    isSecretParam(decodeSafely(name)) ? `${sep}${name}=${redactedValue(value)}` : whole,
  );
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+/gi;
// A credential after the scheme: long, or with a digit/symbol, and ending the word — so prose such
// as "Bearer challenge" or a header template `Bearer resource_metadata="…"` stays readable.
const BEARER_IN_TEXT =
  /\b(Bearer|Basic)\s+(?:[A-Za-z0-9._~+/-]{20,}|(?=[A-Za-z._~+/-]*[0-9._~+/-])[A-Za-z0-9._~+/-]{8,})=*(?=$|[\s,;)])/gi;

/** Free text from a server or an error message, with any URL and credential inside redacted. */
export function redactText(text: string): string {
  return text
    .replace(URL_IN_TEXT, (u) => redactUrl(u))
    .replace(BEARER_IN_TEXT, (_m, scheme: string) => `${scheme} [redacted]`);
}

/** Header names whose values are credentials or session state: shown as present, never as is. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower)) return redactedValue(value);
  if (lower === 'location' || lower === 'content-location' || lower === 'link') return redactText(value);
  return value;
}

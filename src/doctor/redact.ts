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

/**
 * A URL safe to show, whatever its scheme (https, ftp, socks5, ...): userinfo and secret-looking
 * query values replaced by fingerprints. Text that is not a URL still loses `name=secret` pairs.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactQueryLoosely(raw);
  }
  // Opaque forms (mailto:, urn:) have no authority to rebuild: treat them as text.
  if (!raw.slice(url.protocol.length).startsWith('//')) return redactQueryLoosely(raw);
  const needsWork = [...url.searchParams.entries()].some(
    ([name, value]) => isSecretParam(name) || /^https?:\/\//i.test(value),
  );
  if (url.username === '' && url.password === '' && url.hash === '' && !needsWork) return raw;
  let out = `${url.protocol}//`;
  if (url.username !== '' || url.password !== '')
    out += `${redactedValue(`${decodeSafely(url.username)}:${decodeSafely(url.password)}`)}@`;
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

/** Any scheme: a proxy variable may hold socks5://user:password@host, a typed URL ftp://...?token=. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
/**
 * `user:password@host` without a scheme (proxy variables are often written like this). The word
 * must start the text or follow a space, `=`, a quote, a comma or a parenthesis, so `scheme://` forms (already
 * handled) and prose are left alone.
 */
const BARE_USERINFO = /(^|[\s=("',])([^\s:@/"'=,()[\]]+):([^\s@/"']+)@(?=[A-Za-z0-9[])/g;
// A credential after the scheme: long, or with a digit/symbol, and ending the word — so prose such
// as "Bearer challenge" or a header template `Bearer resource_metadata="…"` stays readable.
const BEARER_IN_TEXT =
  /\b(Bearer|Basic)\s+(?:[A-Za-z0-9._~+/-]{20,}|(?=[A-Za-z._~+/-]*[0-9._~+/-])[A-Za-z0-9._~+/-]{8,})=*(?=$|[\s,;)])/gi;

/**
 * Free text from a server, an error message or the user, with any URL (any scheme), secret-looking
 * `?name=value` pairs outside URLs, bare `user:password@` and Bearer/Basic credentials redacted.
 */
export function redactText(text: string): string {
  return redactQueryLoosely(
    text
      .replace(URL_IN_TEXT, (u) => redactUrl(u))
      .replace(
        BARE_USERINFO,
        (_m, before: string, user: string, pass: string) => `${before}${redactedValue(`${user}:${pass}`)}@`,
      ),
  ).replace(BEARER_IN_TEXT, (_m, scheme: string) => `${scheme} [redacted]`);
}

/**
 * A proxy variable's value for display: the proxy stays recognisable (scheme, host, port), its
 * credentials become a fingerprint, with or without a scheme.
 */
export function redactProxyValue(value: string): string {
  const trimmed = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return redactUrl(trimmed);
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return redactText(trimmed);
  return `${redactedValue(trimmed.slice(0, at))}@${redactText(trimmed.slice(at + 1))}`;
}

/** Header names whose values are credentials or session state: shown as present, never as is. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function redactHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower)) return redactedValue(value);
  if (lower === 'location' || lower === 'content-location' || lower === 'link') return redactText(value);
  return value;
}

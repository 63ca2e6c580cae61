/**
 * URLs with their secrets taken out, structure kept: the password of the userinfo (a user name
 * that looks like a token too), and the values of secret-named query and fragment parameters.
 * Userinfo ends at the LAST `@` before the host, as in the WHATWG URL parser, so a password that
 * holds `@` goes whole.
 */
import { plainMask, isRedacted, type Mask } from './mask';
import { isSecretParamName } from './names';

/** A user name shown as is: a plain word (`bob`, `git`, `x-access-token`), not a token. */
const PLAIN_USER = /^[A-Za-z][A-Za-z._-]{0,31}$/;

/** `bob:pw` → `bob:[redacted]`; a token used as the user name (`ghp_…@github.com`) goes too. */
export function redactUserinfo(userinfo: string, mask: Mask = plainMask): string {
  // Masked whole before (`[redacted:sha256:…]` holds a colon of its own): leave it.
  if (isRedacted(userinfo)) return userinfo;
  const colon = userinfo.indexOf(':');
  if (colon >= 0) {
    const password = userinfo.slice(colon + 1);
    if (password === '' || isRedacted(password)) return userinfo;
    return `${userinfo.slice(0, colon + 1)}${mask(password)}`;
  }
  if (userinfo === '' || isRedacted(userinfo) || PLAIN_USER.test(userinfo) || /^\*+$/.test(userinfo)) {
    return userinfo;
  }
  return mask(userinfo);
}

/** `user:pw@host:port` → `user:[redacted]@host:port`, splitting at the last `@`. */
export function redactAuthority(authority: string, mask: Mask = plainMask): string {
  const at = authority.lastIndexOf('@');
  if (at < 0) return authority;
  return redactUserinfo(authority.slice(0, at), mask) + authority.slice(at);
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

const SCHEME_URL = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//;

/** `a=1&token=x;b=2`: secret-named values masked; a URL inside a value is redacted in turn. */
export function redactParams(params: string, mask: Mask = plainMask): string {
  return params.replace(
    /(^|[&;])([^=&;#]{1,256})=([^&;#]*)/g,
    (m, sep: string, name: string, value: string) => {
      const decoded = decodeSafely(value);
      if (value === '' || isRedacted(value) || isRedacted(decoded)) return m;
      if (isSecretParamName(decodeSafely(name))) return `${sep}${name}=${mask(value)}`;
      if (SCHEME_URL.test(decoded)) {
        const cleaned = redactUrl(decoded, mask);
        if (cleaned !== decoded)
          return `${sep}${name}=${decoded === value ? cleaned : encodeURIComponent(cleaned)}`;
      }
      return m;
    },
  );
}

/**
 * A URL safe to show. Text is kept as written (no re-serialisation), so only secrets change.
 * Without a scheme the text is taken as `authority/path?query#fragment` all the same.
 */
export function redactUrl(raw: string, mask: Mask = plainMask): string {
  const m = /^((?:[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)?)([^/?#\\]*)(.*)$/s.exec(raw);
  if (m === null) return raw;
  const [, scheme = '', authority = '', rest = ''] = m;
  const hash = rest.indexOf('#');
  const beforeHash = hash >= 0 ? rest.slice(0, hash) : rest;
  const fragment = hash >= 0 ? rest.slice(hash + 1) : null;
  const q = beforeHash.indexOf('?');
  const path = q >= 0 ? beforeHash.slice(0, q) : beforeHash;
  const query = q >= 0 ? beforeHash.slice(q + 1) : null;
  let out =
    scheme + (scheme !== '' || authority.includes('@') ? redactAuthority(authority, mask) : authority);
  out += path;
  if (query !== null) out += `?${redactParams(query, mask)}`;
  // Implicit-flow habits put tokens in the fragment: treat `#a=b&c=d` like a query.
  if (fragment !== null) out += `#${fragment.includes('=') ? redactParams(fragment, mask) : fragment}`;
  return out;
}

/** Names of the secret-looking query parameters of a URL (the doctor's `url` check warns about them). */
export function secretQueryParamNames(url: URL | string): string[] {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return [...new Set([...parsed.searchParams.keys()].filter(isSecretParamName))];
}

/**
 * A proxy setting with every entry's userinfo replaced: `http://u:p@h:3128`, scheme-less
 * `u:p@h:3128`, and Windows lists `http=u:p@h:80;https=u:p@h:443`.
 */
export function redactProxyValue(
  value: string,
  replaceUserinfo: (userinfo: string) => string = (u) => redactUserinfo(u),
): string {
  return value.replace(/[^\s;]+/g, (entry) => {
    const m = /^((?:[A-Za-z]{1,10}=)?(?:[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)?)([^/?#\\]*)(.*)$/s.exec(entry);
    if (m === null) return entry;
    const [, lead = '', authority = '', rest = ''] = m;
    const at = authority.lastIndexOf('@');
    if (at < 0) return entry;
    const userinfo = authority.slice(0, at);
    const masked = isRedacted(userinfo) || /^\*+$/.test(userinfo);
    return `${lead}${masked ? userinfo : replaceUserinfo(userinfo)}${authority.slice(at)}${rest}`;
  });
}

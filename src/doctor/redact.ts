/**
 * Everything the doctor prints passes through here. The names that mark a secret, the text rules
 * and the fingerprint all come from the shared module (src/redact), so the doctor hides exactly
 * what the report and the system checks hide; secrets become fingerprints, so a user can still
 * tell two values apart without seeing either.
 *
 * Only URLs are stricter here than the shared default: a URL the doctor shows was typed by the
 * user or named by a server, so its whole userinfo (user name included) and its whole fragment
 * (never sent, often an implicit-flow token) are masked, not just the secret-looking parts.
 */
import {
  fingerprintMask,
  isRedacted,
  isSecretHeaderName,
  isSecretParamName,
  redactProxyValue as redactProxyEntries,
  redactText as redactSharedText,
} from '../redact/index';

const mask = (value: string): string => (isRedacted(value) ? value : fingerprintMask(value));

/**
 * Free text (server answers, error messages, notes): the shared rules, secrets as fingerprints.
 * `shownAsIs`: exact strings the doctor composed from public values (its own reset command with
 * credential ids), left as they are; the text around them is redacted.
 */
export function redactText(text: string, shownAsIs: readonly string[] = []): string {
  const keep = shownAsIs.filter((k) => k !== '' && text.includes(k));
  if (keep.length === 0) return redactSharedText(text, { mask: fingerprintMask });
  const escaped = keep
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text
    .split(new RegExp(`(${escaped.join('|')})`))
    .map((piece, i) => (i % 2 === 1 ? piece : redactSharedText(piece, { mask: fingerprintMask })))
    .join('');
}

const SCHEME_URL = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\//;

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&token=x`: secret-named values masked; a URL inside a value (resource=, returnTo=) redacted as strictly. */
function redactQuery(query: string): string {
  return query.replace(/(^|[&;])([^=&;]{1,256})=([^&;]*)/g, (m, sep: string, name: string, value: string) => {
    if (value === '' || isRedacted(decodeSafely(value))) return m;
    if (isSecretParamName(decodeSafely(name))) return `${sep}${name}=${mask(value)}`;
    const inner = decodeSafely(value);
    if (!SCHEME_URL.test(inner)) return m;
    const cleaned = redactUrl(inner);
    if (cleaned === inner) return m;
    return `${sep}${name}=${inner === value ? cleaned : encodeURIComponent(cleaned)}`;
  });
}

/**
 * A URL safe to show, whatever its scheme, kept as written but for its secrets: the whole
 * userinfo, the whole fragment and secret-named query values become fingerprints. Text that is
 * not a URL is read as `authority/path?query#fragment` all the same.
 */
export function redactUrl(raw: string): string {
  const m = /^((?:[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)?)([^/?#\\]*)(.*)$/s.exec(raw);
  if (m === null) return redactText(raw);
  const [, scheme = '', authority = '', rest = ''] = m;
  const at = authority.lastIndexOf('@');
  let out = scheme;
  out +=
    at >= 0 && (scheme !== '' || !/\s/.test(authority))
      ? `${mask(authority.slice(0, at))}${authority.slice(at)}`
      : authority;
  const hash = rest.indexOf('#');
  const beforeHash = hash >= 0 ? rest.slice(0, hash) : rest;
  const q = beforeHash.indexOf('?');
  out += q >= 0 ? `${beforeHash.slice(0, q)}?${redactQuery(beforeHash.slice(q + 1))}` : beforeHash;
  if (hash >= 0 && hash < rest.length - 1) out += `#${mask(rest.slice(hash + 1))}`;
  else if (hash >= 0) out += '#';
  return out;
}

/**
 * A proxy variable's value: the proxy stays recognisable (scheme, host, port), each entry's whole
 * userinfo becomes a fingerprint, with or without a scheme, in Windows lists too.
 */
export function redactProxyValue(value: string): string {
  return redactText(redactProxyEntries(value.trim(), mask));
}

/** A header value: a credential header (by the shared list of names) whole, others through the text rules. */
export function redactHeaderValue(name: string, value: string): string {
  return isSecretHeaderName(name) ? mask(value) : redactText(value);
}

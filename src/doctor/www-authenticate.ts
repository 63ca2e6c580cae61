/**
 * A lenient WWW-Authenticate parser (RFC 9110 §11.6.1) that also remembers how each parameter was
 * written: a URL sent unquoted (`resource_metadata=https://...`) is accepted by lenient clients and
 * rejected by strict ones, so the doctor must be able to tell.
 */
export interface AuthParam {
  value: string;
  quoted: boolean;
  /** False when an unquoted value holds characters a `token` may not contain (e.g. `:` `/`). */
  tokenSafe: boolean;
}

export interface AuthChallenge {
  scheme: string;
  params: Record<string, AuthParam>;
}

const TCHAR = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';

export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let current: AuthChallenge | null = null;
  let i = 0;
  const n = header.length;

  const readToken = (): string => {
    const start = i;
    while (i < n && !isSpace(header[i]) && header[i] !== '=' && header[i] !== ',') i++;
    return header.slice(start, i);
  };
  const skipSpaces = (): void => {
    while (i < n && isSpace(header[i])) i++;
  };

  while (i < n) {
    while (i < n && (isSpace(header[i]) || header[i] === ',')) i++;
    if (i >= n) break;
    const name = readToken();
    if (name === '') {
      i++; // a stray '=': skip it rather than loop
      continue;
    }
    const afterName = i;
    skipSpaces();
    if (header[i] === '=' && current !== null) {
      i++;
      skipSpaces();
      let param: AuthParam;
      if (header[i] === '"') {
        i++;
        let value = '';
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i];
          i++;
        }
        i++; // closing quote
        param = { value, quoted: true, tokenSafe: true };
      } else {
        const start = i;
        while (i < n && header[i] !== ',' && !isSpace(header[i])) i++;
        const value = header.slice(start, i);
        param = { value, quoted: false, tokenSafe: TCHAR.test(value) };
      }
      current.params[name.toLowerCase()] ??= param;
    } else {
      // A name not followed by '=' starts a new challenge (its scheme).
      i = afterName;
      current = { scheme: name, params: {} };
      challenges.push(current);
      skipSpaces();
      // token68 credentials after a scheme (`Basic abc==`) are not params; skip them.
      if (i < n && header[i] !== ',') {
        const save = i;
        readToken();
        const tokenEnd = i;
        skipSpaces();
        if (header[i] === '=' && !/^=+\s*(,|$)/.test(header.slice(i))) {
          i = save; // it was `name=value`, a param of this challenge
        } else {
          i = tokenEnd;
          while (i < n && header[i] === '=') i++;
        }
      }
    }
  }
  return challenges;
}

export function bearerChallenge(header: string | undefined): AuthChallenge | null {
  if (header === undefined) return null;
  return parseWwwAuthenticate(header).find((c) => c.scheme.toLowerCase() === 'bearer') ?? null;
}

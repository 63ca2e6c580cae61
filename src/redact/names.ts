/**
 * The one list of names that mark a secret: query/form parameters, JSON/TOML/YAML keys, CLI
 * flags, HTTP headers, env variables, keys of our own records. Names are compared as words, so
 * `accessKey`, `access-key`, `ACCESS_KEY` and `access.key` are the same name.
 * Deliberately broad for free text: a redacted value costs little, a leaked one costs a lot.
 */

/** `subscription-key` → [subscription, key]; `accessKey` → [access, key]; `APIKey` → [api, key]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Names that are secrets on their own, compared without separators (`session_id` → `sessionid`). */
const SECRET_EXACT = new Set([
  'code',
  'key',
  'sig',
  'signature',
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'auth',
  'authorization',
  'session',
  'sessionid',
  'sid',
  'cookie',
  'apikey',
  'assertion',
  'otp',
  'ticket',
  'jwt',
  'credential',
  'credentials',
  'samlrequest',
  'samlresponse',
  'bearer',
  'mcpsessionid',
]);

/**
 * Exact names that are ambiguous: a secret in a URL or a flag (`?code=`, `--key`), but in our own
 * records (`code` is a finding code, `credential` a credential id) and in prose (`status code: 401`)
 * often not.
 */
const AMBIGUOUS = new Set([
  'code',
  'key',
  'sig',
  'sid',
  'pass',
  'auth',
  'session',
  'otp',
  'ticket',
  'credential',
  'credentials',
]);

/** Words that make a name secret wherever they stand, also inside one word (`accesstoken`, `PGPASSWORD`). */
const SECRET_PARTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'passphrase',
  'verifier',
  'credential',
  'cookie',
  'bearer',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'sessionkey',
  'signature',
];

/** Last words that make a name secret (`OPENAI_KEY`, `STRIPE_SK`, `x-amz-signature`, `basic_auth`). */
const SECRET_LAST = new Set([
  'key',
  'keys',
  'sk',
  'pat',
  'pwd',
  'pass',
  'sig',
  'auth',
  'authorization',
  'session',
  'sid',
  'jwt',
  'otp',
  'assertion',
  'ticket',
]);

/** `*_key` names that name something public or structural, not a credential. */
const PUBLIC_KEY_KINDS = new Set([
  'public',
  'cache',
  'store',
  'storage',
  'lookup',
  'sort',
  'partition',
  'primary',
  'foreign',
  'idempotency',
  'dedup',
  'dedupe',
  'map',
  'group',
  'object',
  'row',
  'hash',
  'i18n',
  'translation',
  'registry',
  'index',
  'routing',
  'shard',
  'message',
  'event',
  'entry',
  'verify',
]);

/** `*_code` names that carry a one-time secret (OAuth codes, OTPs), unlike `status_code`. */
const SECRET_CODE_KINDS = new Set([
  'auth',
  'authorization',
  'device',
  'user',
  'otp',
  'verification',
  'access',
  'mfa',
  'totp',
  'sms',
  'recovery',
  'backup',
  'activation',
  'invite',
  'reset',
  'confirmation',
  'security',
  'pin',
  'onetime',
  'time',
  'login',
  'oauth',
  'grant',
]);

/** Last words that name a fact about a secret, not the secret (`token_endpoint`, `expires_at`, `client_id`). */
const PUBLIC_LAST = new Set([
  'endpoint',
  'endpoints',
  'url',
  'urls',
  'uri',
  'uris',
  'type',
  'types',
  'hint',
  'supported',
  'method',
  'methods',
  'challenge',
  'expires',
  'expiry',
  'expiration',
  'at',
  'in',
  'id',
  'ids',
  'name',
  'names',
  'path',
  'paths',
  'file',
  'files',
  'dir',
  'count',
  'length',
  'size',
  'status',
  'present',
  'enabled',
  'required',
  'format',
  'version',
  'fingerprint',
  'hash',
  'lifetime',
  'ttl',
  'alg',
  'algorithm',
  'location',
  'sock',
  'socket',
  'host',
  'port',
  'mode',
  'home',
  'prefix',
]);

/** First words of flags and facts (`has_access_token`, `is_secret`, `needs_password`). */
const PUBLIC_FIRST = new Set([
  'has',
  'is',
  'needs',
  'supports',
  'uses',
  'use',
  'with',
  'num',
  'max',
  'min',
  'no',
]);

/** `auth_header`, `authorization_value`, `cookie_string`: a credential named by what holds it. */
const HOLDER_LAST = new Set(['header', 'value', 'string', 'data']);
const HOLDER_OF = new Set([
  'auth',
  'authorization',
  'bearer',
  'cookie',
  'session',
  'credential',
  'credentials',
]);

/** HTTP headers whose values are credentials, besides the names the rules above catch. */
export const SECRET_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'mcp-session-id',
  'x-amz-security-token',
  'x-goog-api-key',
  'ocp-apim-subscription-key',
  'private-token',
  'x-refresh-token',
]);

type NameUse = 'param' | 'record' | 'env' | 'header';

/** Text repeats the same few names: remember the answers (bounded, so a flood of names cannot grow it). */
const MEMO_LIMIT = 4096;
const memo: Record<NameUse, Map<string, boolean>> = {
  param: new Map(),
  record: new Map(),
  env: new Map(),
  header: new Map(),
};

function isSecretName(name: string, use: NameUse): boolean {
  const cache = memo[use];
  let answer = cache.get(name);
  if (answer === undefined) {
    answer = decide(name, use);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(name, answer);
  }
  return answer;
}

function decide(name: string, use: NameUse): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const compact = words.join('');
  if (SECRET_EXACT.has(compact)) return use === 'param' || !AMBIGUOUS.has(compact);
  if (words.length === 1 && AMBIGUOUS.has(compact)) return use === 'param';
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (PUBLIC_FIRST.has(first) || PUBLIC_LAST.has(last)) return false;
  if (SECRET_PARTS.some((part) => compact.includes(part))) return true;
  const before = words.length > 1 ? words[words.length - 2]! : '';
  if (last === 'code') return SECRET_CODE_KINDS.has(before);
  if (last === 'key' || last === 'keys') return words.length > 1 && !PUBLIC_KEY_KINDS.has(before);
  if (SECRET_LAST.has(last)) return true;
  return HOLDER_LAST.has(last) && words.slice(0, -1).some((w) => HOLDER_OF.has(w));
}

/** For parameters, keys and flags in free text and URLs: `?code=`, `"client_secret": …`, `--api-key`. */
export function isSecretParamName(name: string): boolean {
  return isSecretName(name, 'param');
}

/**
 * For keys of our own structured records, where `code` is a finding code and `credential` an
 * id: only names that can only mean a secret (header names included, for evidence headers).
 */
export function isSecretRecordKey(name: string): boolean {
  return isSecretHeaderName(name) || isSecretName(name, 'record');
}

/** HTTP header names whose values are credentials (`Ocp-Apim-Subscription-Key`, `Cookie`, …). */
export function isSecretHeaderName(name: string): boolean {
  return SECRET_HEADER_NAMES.has(name.toLowerCase().replace(/_/g, '-')) || isSecretName(name, 'header');
}

/** Shell variables that look like secret names but hold the working folder. */
const ENV_NOT_SECRET = new Set(['pwd', 'oldpwd']);

/** Env variables whose values are secrets wherever they turn up (`OPENAI_KEY`, `STRIPE_SK`, `MY_BEARER`). */
export function isSecretEnvName(name: string): boolean {
  const lower = name.toLowerCase();
  return !ENV_NOT_SECRET.has(lower) && isSecretName(lower, 'env');
}

/**
 * In prose (`status code: 401`, `code: invalid_client`), an ambiguous name only hides a value
 * that could be a secret: not a short number, not a plain word or snake_case identifier.
 */
export function isAmbiguousName(name: string): boolean {
  return AMBIGUOUS.has(nameWords(name).join(''));
}

export function looksLikePlainWord(value: string): boolean {
  return /^\d{1,6}$/.test(value) || /^[a-z]{1,40}(?:[_-][a-z]{1,40}){0,8}$/.test(value);
}

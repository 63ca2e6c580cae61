/**
 * Which names mark a secret: query/form parameters, JSON keys, env variables, HTTP headers.
 * Deliberately broad for free text (a redacted `code` costs little, a leaked one costs a lot).
 */

/** Well-known names that contain a secret word but name something public (OAuth metadata). */
const NOT_SECRET = new Set([
  'token_endpoint',
  'token_endpoint_auth_method',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'token_type',
  'token_type_hint',
  'hasaccesstoken',
  'hasrefreshtoken',
  'code_challenge',
  'code_challenge_method',
  'code_challenge_methods_supported',
]);

/** Parameter names that are secrets on their own (OAuth codes, signatures, api keys, …). */
const EXACT = new Set([
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
  'auth',
  'session',
  'sessionid',
  'sid',
  'cookie',
  'apikey',
  'assertion',
  'client_assertion',
  'device_code',
  'user_code',
  'otp',
  'ticket',
  'jwt',
  'x_amz_signature',
  'x_amz_credential',
  'x_amz_security_token',
  'x_goog_signature',
]);

/** Fragments that make any name a secret (`access_token`, `github_token`, `client_secret`, …). */
const CONTAINS = [
  'token',
  'secret',
  'password',
  'passwd',
  'verifier',
  'apikey',
  'api_key',
  'credential',
  'private_key',
  'access_key',
  'session_key',
  'signature',
  'bearer',
];

function normalise(name: string): string {
  return name
    .replace(/^[-$]+/, '')
    .toLowerCase()
    .replace(/[-.\s]/g, '_');
}

/** For parameters and keys in free text: `?code=`, `"client_secret": …`, `--api-key=…`. */
export function isSecretParamName(name: string): boolean {
  const n = normalise(name);
  if (n === '' || NOT_SECRET.has(n)) return false;
  if (EXACT.has(n)) return true;
  return CONTAINS.some((fragment) => n.includes(fragment));
}

/**
 * For keys of our own structured records, where `code` is a finding code and `key` may be
 * a label: only names that can only mean a secret.
 */
export function isSecretRecordKey(name: string): boolean {
  const n = normalise(name);
  if (NOT_SECRET.has(n)) return false;
  if (SECRET_HEADERS.has(n.replace(/_/g, '-'))) return true;
  return CONTAINS.some((fragment) => n.includes(fragment));
}

/** HTTP headers whose values are credentials. */
export const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'mcp-session-id',
]);

/** Env variables whose values we treat as secrets wherever they turn up. */
export function isSecretEnvName(name: string): boolean {
  const n = name.toUpperCase();
  return /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|COOKIE|(^|_)AUTH(_|$)|(^|_)SESSION(_|$)/.test(
    n,
  );
}

/**
 * The shared redaction module: one list of secret names, one URL redactor, one text redactor,
 * used by the support report, the system checks, and (to adopt) the doctor and the scanner.
 */
export { REDACTED, fingerprint, fingerprintMask, isRedacted, plainMask, type Mask } from './mask';
export {
  SECRET_HEADER_NAMES,
  isSecretEnvName,
  isSecretHeaderName,
  isSecretParamName,
  isSecretRecordKey,
  nameWords,
} from './names';
export {
  redactAuthority,
  redactParams,
  redactProxyValue,
  redactUrl,
  redactUserinfo,
  secretQueryParamNames,
} from './url';
export { createTextRedactor, knownSecretValues, type TextRedactor, type TextRedactorOptions } from './text';
export { redactValue } from './value';
export { homeReplacer, homeSpellings, homeVariants, type HomeOptions } from './home';

import { createTextRedactor, type TextRedactorOptions } from './text';

/** One-shot: `text` with every secret replaced (see createTextRedactor for the options). */
export function redactText(text: string, options: TextRedactorOptions = {}): string {
  return createTextRedactor(options)(text);
}

/**
 * What the system checks show passes through the shared redactor first: a PAC URL with a token,
 * a proxy list with passwords, a secret env value quoted in a command's answer. Home paths stay
 * as they are here (the user's own machine); the support report replaces them.
 */
import type { Context } from '../context';
import { createTextRedactor, redactValue } from '../redact/index';

export function redactSystemValue<T>(ctx: Context, value: T): T {
  return redactValue(value, createTextRedactor({ env: ctx.env }));
}

/**
 * The doctor run: every check starts at once and awaits only the probes it needs (probes are
 * shared and sent once), so independent requests overlap and the run takes about as long as the
 * longest chain of dependent requests. Per-request timeout, an overall deadline, cancel, and
 * progress events for the UI.
 */
import type { Context } from '../context';
import { DOCTOR_SCHEMA, type CheckResult, type DoctorEvent, type DoctorReport } from '../model/index';
import { VERSION } from '../version';
import { CHECKS } from './checks/index';
import { outcome, skip, type CheckDefinition, type CheckEnv, type CheckOutcome } from './checks/kit';
import { parseTarget } from './checks/url';
import { makeSender } from './exchange';
import { nodeHttpPort } from './http-node';
import { createProbes, type Probes } from './probes';
import { redactText, redactUrl } from './redact';
import { DEFAULT_TIMEOUT_MS, type DoctorDeps, type DoctorOptions } from './types';

export const USER_AGENT = `mcp-auth-doctor/${VERSION}`;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('The doctor run was cancelled.');
  err.name = 'AbortError';
  return err;
}

/** Probes for a URL that could not be parsed: no check that needs them is ever run. */
const NO_PROBES: Probes = new Proxy({} as Probes, {
  get: () => () => Promise.reject(new Error('no usable URL')),
});

function finish(def: CheckDefinition, out: CheckOutcome, durationMs: number): CheckResult {
  return {
    id: def.id,
    title: def.title,
    status: out.status,
    durationMs: Math.round(durationMs),
    evidence: out.evidence,
    explanation: redactText(out.explanation, out.shownAsIs),
    fix: redactText(out.fix, out.shownAsIs),
    ...(out.owner ? { owner: out.owner } : {}),
    ...(out.resetCredentialIds ? { resetCredentialIds: out.resetCredentialIds } : {}),
  };
}

export async function runDoctor(
  ctx: Context,
  url: string,
  options: DoctorOptions = {},
  deps: DoctorDeps = {},
): Promise<DoctorReport> {
  const cancel = options.signal;
  if (cancel?.aborted) throw abortError(cancel);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? timeoutMs * 6;
  const startedAt = ctx.now().toISOString();
  const t0 = performance.now();

  const deadline = new AbortController();
  const deadlineTimer = setTimeout(() => deadline.abort(), deadlineMs);
  // Settles when the run must stop waiting: the deadline passed or the caller cancelled.
  let onCancel: (() => void) | undefined;
  const stop = new Promise<'deadline' | 'cancelled'>((resolve) => {
    deadline.signal.addEventListener('abort', () => resolve('deadline'), { once: true });
    onCancel = () => resolve('cancelled');
    cancel?.addEventListener('abort', onCancel, { once: true });
  });

  const send = makeSender({
    port: deps.http ?? nodeHttpPort,
    timeoutMs,
    deadline: deadline.signal,
    ...(cancel ? { cancel } : {}),
    userAgent: USER_AGENT,
  });
  const { target } = parseTarget(url);
  const probeRegistration = options.probeRegistration === true;
  const env: CheckEnv = {
    ctx,
    target,
    rawUrl: url,
    probes: target ? createProbes({ target, send, probeRegistration }) : NO_PROBES,
    timeoutMs,
    probeRegistration,
    loadCredentials: deps.loadCredentials,
  };
  const emit = (event: DoctorEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing progress listener must not break the run.
    }
  };

  const runOne = async (def: CheckDefinition): Promise<CheckResult> => {
    emit({ type: 'check-started', id: def.id, title: def.title });
    const started = performance.now();
    let out: CheckOutcome;
    if (def.needsTarget && target === null) {
      out = skip('The URL could not be used (see the url check).');
    } else {
      try {
        const raced = await Promise.race([def.run(env), stop]);
        out =
          raced === 'deadline'
            ? outcome(
                'fail',
                `The check did not finish within the overall deadline of ${deadlineMs} ms.`,
                'Run again with a larger --timeout.',
                [],
                'network',
              )
            : raced === 'cancelled'
              ? skip('The run was cancelled.')
              : raced;
      } catch (err) {
        out = outcome(
          'fail',
          `The check itself failed: ${err instanceof Error ? err.message : String(err)}. This is a bug in the doctor; please report it.`,
          '',
        );
      }
    }
    const result = finish(def, out, performance.now() - started);
    emit({ type: 'check-finished', result });
    return result;
  };

  try {
    const checks = await Promise.all(CHECKS.map(runOne));
    if (cancel?.aborted) throw abortError(cancel);
    return {
      schema: DOCTOR_SCHEMA,
      url: redactUrl(url.trim()),
      startedAt,
      durationMs: Math.round(performance.now() - t0),
      checks,
    };
  } finally {
    clearTimeout(deadlineTimer);
    if (onCancel) cancel?.removeEventListener('abort', onCancel);
    // Whatever is still in flight (speculative probes) stops now.
    deadline.abort();
  }
}

/**
 * What a reset did, in the app's words: a headline, the tone of the toast, and one plain line per
 * item that was not removed (its reason), so "left alone" is never mistaken for "fixed".
 */
import type { NOT_CHANGED as CoreNotChanged } from '../../src/reset/recovery';
import type { ALREADY_GONE as CoreAlreadyGone } from '../../src/reset/run-item';
import type { ALREADY_AS_BEFORE as CoreAsBefore } from '../../src/reset/undo';
import type { ResetItem, ResetReasonCode, ResetResult, UndoItem, UndoResult } from '../../src/model/index';
import { plural, tildify, tildifyText } from './format';

/**
 * The core's reason for "there was nothing to remove" (the goal is met). Typed against the core's
 * constant, so a change there fails the renderer's type check instead of silently miscounting.
 */
const ALREADY_GONE: typeof CoreAlreadyGone = 'already gone';

function reasonSaysAlreadyGone(reason: string | null): boolean {
  return reason !== null && (reason === ALREADY_GONE || reason.endsWith(`(${ALREADY_GONE})`));
}

type Reasoned = Pick<ResetItem, 'reason' | 'reasonCode'>;

/**
 * The item's reason code. The core sets one with every reason; a result without codes (an older
 * core) is read the old way: only "already gone" is recognised, from the core's own constant.
 */
export function reasonCodeOf(item: Reasoned): ResetReasonCode | null {
  if (item.reasonCode !== undefined) return item.reasonCode;
  return reasonSaysAlreadyGone(item.reason) ? 'already-gone' : null;
}

/** Nothing was there to remove: the goal is met. */
export function isAlreadyGone(item: Reasoned): boolean {
  return reasonCodeOf(item) === 'already-gone';
}

/** Left alone for a reason a fresh preview can clear (the file changed, or an app was quit since). */
export function previewAgainHelps(item: Reasoned): boolean {
  const code = reasonCodeOf(item);
  return code === null || code === 'changed-since-scan' || code === 'client-running';
}

/** What the window offers for a reason, in its own terms (the core's text speaks for the CLI). */
const ADVICE: Partial<Record<ResetReasonCode, string>> = {
  'changed-since-scan': 'Choose “Preview again” to see it as it is now.',
  'lock-alive': 'Try again once that sign-in has finished.',
};

/**
 * A reason as the core wrote it (for the CLI too) made fit for the window: paths under the home as
 * `~/…`, and command-line advice swapped for what the app offers — chosen by the reason's code.
 */
export function plainReason(item: Pick<ResetItem, 'path' | 'reason' | 'reasonCode'>, home: string): string {
  const where = tildify(item.path, home);
  if (item.reason === null || item.reason.trim() === '') return `${where}: no reason was given.`;
  const code = reasonCodeOf(item);
  let text = tildifyText(item.reason, home)
    .replace(/;\s*scan again and retry\.?$/i, '')
    // The window plans from a fresh scan when the preview opens: that is the moment people saw.
    .replace(/changed since the scan/g, 'changed after the preview was made')
    .trim();
  if (code === 'client-running' || code === null) {
    text = text.replace(/\(or use --force\)/g, '(or tick “Reset anyway” in the preview)');
  }
  if (!text.includes(where)) text = `${where}: ${text}`;
  if (!/[.!?]$/.test(text)) text = `${text}.`;
  const advice = code !== null ? ADVICE[code] : undefined;
  return advice !== undefined ? `${text} ${advice}` : text;
}

export type ResetTone = 'success' | 'warning' | 'error';

export interface ResetOutcome {
  tone: ResetTone;
  message: string;
  /** One line per item that was not removed (left alone or failed), in plan order. */
  details: string[];
  removed: number;
  leftAlone: number;
  /** Some item was left alone for a reason a fresh preview can clear (changed since, an app running). */
  previewAgain: boolean;
}

export function describeResetOutcome(result: ResetResult, home: string): ResetOutcome {
  const removed = result.items.filter((i) => i.status === 'done');
  const failed = result.items.filter((i) => i.status === 'failed');
  const skipped = result.items.filter((i) => i.status === 'skipped');
  const gone = skipped.filter((i) => isAlreadyGone(i));
  const leftAlone = skipped.filter((i) => !isAlreadyGone(i));

  const parts: string[] = [];
  if (removed.length > 0) parts.push(`Reset done: ${plural(removed.length, 'item')} removed.`);
  else if (failed.length + leftAlone.length > 0) parts.push('Nothing was reset.');
  else parts.push('Nothing to remove: it was already gone.');
  if (gone.length > 0 && removed.length + failed.length + leftAlone.length > 0) {
    parts.push(`${plural(gone.length, 'item')} ${gone.length === 1 ? 'was' : 'were'} already gone.`);
  }
  if (failed.length > 0) parts.push(`${plural(failed.length, 'item')} could not be changed.`);
  if (leftAlone.length > 0) parts.push(`${plural(leftAlone.length, 'item')} left alone.`);
  if (result.backupId !== null && removed.length > 0) parts.push('A backup was saved.');

  return {
    tone: failed.length > 0 ? 'error' : leftAlone.length > 0 ? 'warning' : 'success',
    message: parts.join(' '),
    details: [...result.items]
      .filter((i) => i.status === 'failed' || (i.status === 'skipped' && !isAlreadyGone(i)))
      .map((i) => plainReason(i, home)),
    removed: removed.length,
    leftAlone: leftAlone.length,
    previewAgain: leftAlone.some(previewAgainHelps),
  };
}

export interface UndoOutcome {
  tone: ResetTone;
  message: string;
  details: string[];
}

/**
 * The core's reasons for an undo that had nothing to put back (the file is as it was before the
 * reset, or the interrupted reset never changed it): the goal is met, as the CLI counts it too.
 * Typed against the core's constants, like ALREADY_GONE.
 */
const AS_BEFORE: typeof CoreAsBefore = 'already as it was before the reset';
const NOT_CHANGED: typeof CoreNotChanged = 'not changed by the interrupted reset';
const alreadyAsBefore = (i: UndoItem): boolean =>
  i.status === 'skipped' && (i.reason === AS_BEFORE || i.reason === NOT_CHANGED);

export function describeUndoOutcome(result: UndoResult, home: string): UndoOutcome {
  const restored = result.items.filter((i) => i.status === 'restored').length;
  const failed = result.items.filter((i) => i.status === 'failed').length;
  const unchanged = result.items.filter(alreadyAsBefore).length;
  const skipped = result.items.filter((i) => i.status === 'skipped').length - unchanged;
  const parts = [`Restored ${plural(restored, 'item')}.`];
  if (failed > 0) parts.push(`${plural(failed, 'item')} could not be restored.`);
  if (skipped > 0) parts.push(`${plural(skipped, 'item')} skipped (changed since the reset).`);
  if (unchanged > 0) parts.push(`${plural(unchanged, 'item')} already as before the reset.`);
  return {
    tone: failed > 0 ? 'error' : skipped > 0 ? 'warning' : 'success',
    message: parts.join(' '),
    details: result.items
      .filter((i) => i.status !== 'restored' && !alreadyAsBefore(i))
      .map((i) => plainReason(i, home)),
  };
}

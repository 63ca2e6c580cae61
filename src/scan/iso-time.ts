/**
 * `new Date(ms).toISOString()`, several times cheaper: a scan formats a few timestamps for each of
 * thousands of credentials. Same output for every instant; null where Date has none (NaN,
 * infinities, beyond ±8.64e15 ms) instead of toISOString's RangeError, since the instant can come
 * from a file (a token's `expires_at`).
 */

const MS_PER_HOUR = 3_600_000;
/** Years 0000 to 9999 print as four digits; others take Date's signed six-digit form. */
const FOUR_DIGIT_YEARS_END = 253_402_300_800_000;
const DATE_RANGE = 8.64e15;

/** `MM:SS` by second of the hour, and `.mmmZ` by millisecond. */
const MINUTE_SECOND = Array.from(
  { length: 3600 },
  (_, i) => `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
);
const MILLIS = Array.from({ length: 1000 }, (_, i) => `.${String(i).padStart(3, '0')}Z`);

/**
 * `YYYY-MM-DDTHH:` by hour since the epoch: the timestamps of one scan share few hours. Each result
 * is then two short flat strings joined once (a longer chain of `+` would leave a tree of pieces
 * per timestamp for the GC to carry, and thousands live as long as the report).
 */
const hours = new Map<number, string>();

export function isoTime(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const t = Math.trunc(ms) + 0; // Date's TimeClip: toward zero, and -0 is +0
  if (Math.abs(t) > DATE_RANGE) return null;
  if (t < 0 || t >= FOUR_DIGIT_YEARS_END) return new Date(t).toISOString();
  const hour = Math.floor(t / MS_PER_HOUR);
  let prefix = hours.get(hour);
  if (prefix === undefined) {
    prefix = new Date(hour * MS_PER_HOUR).toISOString().slice(0, 14);
    if (hours.size >= 4096) hours.clear();
    hours.set(hour, prefix);
  }
  const rest = t - hour * MS_PER_HOUR;
  const second = Math.floor(rest / 1000);
  return prefix + (MINUTE_SECOND[second]! + MILLIS[rest - second * 1000]!);
}

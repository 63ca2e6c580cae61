/**
 * `new Date(ms).toISOString()`, several times cheaper: a scan formats a few timestamps for each of
 * thousands of credentials. Same output for every instant; null where Date has none (NaN,
 * infinities, beyond ±8.64e15 ms) instead of toISOString's RangeError, since the instant can come
 * from a file (a token's `expires_at`).
 */

const MS_PER_DAY = 86_400_000;
/** Years 0000 to 9999 print as four digits; others take Date's signed six-digit form. */
const FOUR_DIGIT_YEARS_END = 253_402_300_800_000;
const DATE_RANGE = 8.64e15;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `YYYY-MM-DDT` by day number since the epoch; timestamps of one scan share few days. */
const days = new Map<number, string>();

export function isoTime(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  const t = Math.trunc(ms) + 0; // Date's TimeClip: toward zero, and -0 is +0
  if (Math.abs(t) > DATE_RANGE) return null;
  if (t < 0 || t >= FOUR_DIGIT_YEARS_END) return new Date(t).toISOString();
  const day = Math.floor(t / MS_PER_DAY);
  let date = days.get(day);
  if (date === undefined) {
    date = new Date(day * MS_PER_DAY).toISOString().slice(0, 11);
    if (days.size >= 4096) days.clear();
    days.set(day, date);
  }
  let rest = t - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${date}${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[rest - seconds * 1000]}Z`;
}

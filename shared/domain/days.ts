/**
 * Calendar days `YYYY-MM-DD` as day numbers (pure, no catalogues): used by the timeline (TL1-TL7,
 * `timeline.ts` re-exports both) and by the commands that shift dates.
 */

/** Day number (days since 1970-01-01, UTC) of a `YYYY-MM-DD` date, or null when it is not one. */
export function dayNumber(date: string | null): number | null {
  if (date === null || date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7)), d = Number(date.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  // Days from civil (Howard Hinnant's algorithm): exact for the proleptic Gregorian calendar.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date `days` after `date` (before, when negative), or null when `date` is not a date or the result leaves years 1000-9999. */
export function addDays(date: string | null, days: number): string | null {
  const n = dayNumber(date);
  if (n === null || !Number.isInteger(days)) return null;
  const out = new Date((n + days) * 86_400_000).toISOString().slice(0, 10);
  return /^[1-9]\d{3}-\d{2}-\d{2}$/.test(out) ? out : null;
}

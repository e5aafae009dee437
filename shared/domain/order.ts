/**
 * Fractional order keys. Siblings sort by `(order, id)`; a new position is a key strictly between
 * its neighbours, so a move or reorder writes one value and never renumbers siblings. Keys use
 * the digits 0-9a-z, never end in `0`, and compare with plain `<` (code units), which is the same
 * on every peer.
 */

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^[0-9a-z]{0,999}[1-9a-z]$/;

/** True for a well-formed order key. */
export function isOrderKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_PATTERN.test(value);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a ? DIGITS.indexOf(a[0]!) : 0;
  const db = b !== null && b.length > 0 ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (db - da > 1) return DIGITS[Math.round((da + db) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[da]! + midpoint(a.slice(1), null);
}

/**
 * A key strictly between `before` and `after` (either may be null for "start"/"end").
 * Malformed inputs are treated as absent; when `before >= after` (a tie left by concurrent
 * inserts) the result goes after `before`, so the caller still gets a valid, deterministic key.
 */
export function keyBetween(before: string | null, after: string | null): string {
  const a = isOrderKey(before) ? before : '';
  let b = isOrderKey(after) ? after : null;
  if (b !== null && a >= b) b = null;
  return midpoint(a, b);
}

/** `n` increasing keys, all after `before` (or from the start). */
export function keysAfter(before: string | null, n: number): string[] {
  const out: string[] = [];
  let last = before;
  for (let i = 0; i < n; i++) {
    last = keyBetween(last, null);
    out.push(last);
  }
  return out;
}

/** Sibling comparison: by order key, then id, in code-unit order (locale independent). */
export function compareOrder(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

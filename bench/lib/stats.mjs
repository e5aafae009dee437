/** Percentile (nearest-rank) of a numeric array; NaN for an empty one. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Median of the finite numbers in an array (NaN when none); booleans count as 0/1. */
export function median(values) {
  const nums = values.map((v) => (typeof v === 'boolean' ? Number(v) : v)).filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === 0) return NaN;
  return percentile(nums, 50);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `cond` every `every` ms until it is true or `ms` passed; resolves to whether it became true. */
export async function waitFor(cond, ms, every = 5) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (cond()) return true;
    await sleep(every);
  }
  return cond();
}

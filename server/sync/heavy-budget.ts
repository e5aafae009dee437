/**
 * Answers that cost the server far more than the request (sync step 1: the whole plan; a
 * presence query: everyone's presence) are rate-limited per connection with a token bucket:
 * HEAVY_BURST at once, then HEAVY_PER_SECOND. A stock client asks once per connection (sync
 * step 1 on open), so it never notices; past the limit the request is dropped unanswered (the
 * connection stays open). Without it a 2-byte request made the server send 1 GB in 10 s.
 */
export const HEAVY_BURST = 4;
export const HEAVY_PER_SECOND = 0.5;

/**
 * Token buckets for heavy answers, one per connection (held weakly: a closed connection's
 * bucket goes with it).
 */
export class HeavyBudget<C extends object> {
  private readonly buckets = new WeakMap<C, { tokens: number; at: number }>();

  /** Takes one token from the connection's bucket; false (drop the request) when it is empty. */
  take(conn: C, now = Date.now()): boolean {
    const b = this.buckets.get(conn) ?? { tokens: HEAVY_BURST, at: now };
    b.tokens = Math.min(HEAVY_BURST, b.tokens + ((now - b.at) / 1000) * HEAVY_PER_SECOND);
    b.at = now;
    this.buckets.set(conn, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

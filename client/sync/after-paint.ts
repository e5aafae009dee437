/**
 * Runs `fn` once, after the next frame has been painted (SPEC MP7): a task queued from the
 * frame's animation callback runs after that frame's paint. A page that paints no frame
 * (hidden, in the background, or no DOM at all: Node, workers) runs it in a task of its own
 * instead, and never later than `latestMs` either way (that timer is left to find the work
 * done rather than cleared: a key's work stays one timer, not a timer and its clearing).
 */
export function afterPaint(fn: () => void, latestMs = 100): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  const hidden = typeof document === 'undefined' || document.visibilityState === 'hidden';
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number }).requestAnimationFrame;
  setTimeout(run, hidden || !raf ? 0 : latestMs);
  if (!hidden && raf) raf(() => setTimeout(run, 0));
}

/**
 * Local Yjs updates held until after the frame that shows them, then handed on as one merged
 * update (SPEC MP7): the websocket send with its cross-tab post, or the device copy's put, costs
 * nothing before paint, and once per frame for the keys typed in it. `flush()` hands on what is
 * held at once (before a refusal closes the connection, when the page is hidden or closed).
 */
export class FrameBatch {
  private held: Uint8Array[] = [];
  private origin: unknown = null;
  private due = false;

  /** `deliver` receives the merged update with the origin of the last one held. */
  constructor(
    private readonly deliver: (update: Uint8Array, origin: unknown) => void,
    private readonly merge: (updates: Uint8Array[]) => Uint8Array,
  ) {}

  /** Holds `update` until after the next paint. */
  add(update: Uint8Array, origin: unknown): void {
    this.held.push(update);
    this.origin = origin;
    if (this.due) return;
    this.due = true;
    afterPaint(() => this.flush());
  }

  /** Hands on what is held now, as one update. */
  flush(): void {
    this.due = false;
    const held = this.held;
    if (held.length === 0) return;
    this.held = [];
    this.deliver(held.length === 1 ? held[0]! : this.merge(held), this.origin);
  }
}

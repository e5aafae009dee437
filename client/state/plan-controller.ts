import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PlanStore } from './plan-store.js';

/**
 * Keeps a component in step with a plan: subscribes to the workspace's {@link PlanStore} when the
 * host connects, unsubscribes when it disconnects, and requests an update on every change. The
 * store can be swapped (a new workspace); the controller re-subscribes.
 *
 * With `inputs` (SPEC MP3), a change requests an update only when one of the values it returns
 * (what the host shows from the plan, compared item by item with `===`) differs from those at the
 * last change or subscription; `inputs` returning null means "always update".
 */
export class PlanController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly inputs: (() => readonly unknown[] | null) | null;
  private current: PlanStore | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private last: readonly unknown[] | null = null;

  constructor(host: ReactiveControllerHost, inputs?: () => readonly unknown[] | null) {
    this.host = host;
    this.inputs = inputs ?? null;
    host.addController(this);
  }

  /** A plan change: an update unless the host's inputs are all the same as before. */
  private readonly onChange = (): void => {
    if (this.inputs) {
      const next = this.inputs();
      const last = this.last;
      this.last = next;
      if (next && last && next.length === last.length && next.every((v, i) => v === last[i])) return;
    }
    this.host.requestUpdate();
  };

  /** The store to follow (null detaches). Safe to call on every render. */
  set store(store: PlanStore | null) {
    if (store === this.current) return;
    this.detach();
    this.current = store;
    if (this.connected) this.attach();
  }
  get store(): PlanStore | null {
    return this.current;
  }

  private attach(): void {
    if (this.current && !this.unsubscribe) {
      this.last = null;
      this.unsubscribe = this.current.subscribe(this.onChange);
    }
  }
  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  hostConnected(): void {
    this.connected = true;
    this.attach();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
  }
}

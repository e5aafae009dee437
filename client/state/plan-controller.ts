import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PlanStore } from './plan-store.js';

/**
 * Keeps a component in step with a plan: subscribes to the workspace's {@link PlanStore} when the
 * host connects, unsubscribes when it disconnects, and requests an update on every change. The
 * store can be swapped (a new workspace); the controller re-subscribes.
 */
export class PlanController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private current: PlanStore | null = null;
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

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
    if (this.current && !this.unsubscribe) this.unsubscribe = this.current.subscribe(() => this.host.requestUpdate());
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

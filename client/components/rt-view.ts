import { LitElement, html, type TemplateResult } from 'lit';
import { PlanController } from '../state/plan-controller.js';
import type { Workspace } from '../state/workspace.js';

/**
 * Base of the workspace views: follows the workspace's plan through a {@link PlanController}
 * and turns a failure while rendering into a message instead of a blank screen.
 */
export abstract class RtView extends LitElement {
  static override properties = {
    ws: { attribute: false },
  };
  declare ws: Workspace | null;

  protected readonly planCtl = new PlanController(this);

  constructor() {
    super();
    this.ws = null;
  }

  protected override willUpdate(): void {
    this.planCtl.store = this.ws?.store ?? null;
  }

  /** The view's content; only called with a workspace. */
  protected abstract renderView(ws: Workspace): unknown;

  override render(): unknown {
    const ws = this.ws;
    if (!ws) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    try {
      return this.renderView(ws);
    } catch (err) {
      return renderFailure(err);
    }
  }
}

/** The message shown in place of a view that failed to render. */
export function renderFailure(err: unknown): TemplateResult {
  const message = err instanceof Error ? err.message : String(err);
  return html`<div class="error-box" role="alert">
    <strong>This part of the page could not be shown.</strong>
    <p>${message}</p>
    <p>Your changes are safe. Reload the page to try again.</p>
  </div>`;
}

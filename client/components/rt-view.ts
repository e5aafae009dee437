import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
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

  /** Read-only workspaces (observers, opened snapshots): every control locked after each render. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const ro = !!this.ws?.readonly;
    this.toggleAttribute('data-readonly', ro);
    if (ro) lockControls(this.renderRoot);
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

/**
 * Makes every form control under `root` read-only (text-like inputs) or disabled (choices),
 * except those marked `data-nav` (they only change what is shown). Write buttons and forms are
 * hidden by the `:host([data-readonly])` rule in the shared styles.
 */
export function lockControls(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    if (el.hasAttribute('data-nav')) continue;
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? (el as HTMLInputElement).type : '';
    if (tag === 'select' || type === 'checkbox' || type === 'radio') el.disabled = true;
    else (el as HTMLInputElement | HTMLTextAreaElement).readOnly = true;
  }
}

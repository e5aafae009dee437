import { LitElement, html, type PropertyValues, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Notice } from '../command-text.js';
import { locale, t } from '../i18n.js';
import type { Result } from '../../shared/result.js';
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

  /**
   * What the view shows from the plan, compared item by item (`===`) with the last render's: a
   * view that gives them renders again on a plan change only when one of them, the language or
   * the lock changed (SPEC UP2). Null (the default): every plan change renders the view.
   */
  protected planInputs(_ws: Workspace): readonly unknown[] | null {
    return null;
  }
  private lastInputs: readonly unknown[] | null = null;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    const ws = this.ws;
    const inputs = ws ? this.planInputs(ws) : null;
    const key = inputs ? [...inputs, locale(), ws!.readonly] : null;
    const last = this.lastInputs;
    this.lastInputs = key;
    if (changed.size > 0 || !key || !last || key.length !== last.length) return true;
    return key.some((v, i) => v !== last[i]);
  }

  /** Read-only workspaces (observers, opened snapshots): every control locked after each render. */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const ro = !!this.ws?.readonly;
    this.toggleAttribute('data-readonly', ro);
    if (ro) lockControls(this.renderRoot);
  }

  /** Settled once this view and every part inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    return (await super.getUpdateComplete()) && (await partsComplete(this.renderRoot));
  }

  /** The view's content; only called with a workspace. */
  protected abstract renderView(ws: Workspace): unknown;

  override render(): unknown {
    const ws = this.ws;
    if (!ws) return html`<p class="muted" aria-busy="true">${t('loading')}</p>`;
    try {
      return this.renderView(ws);
    } catch (err) {
      return renderFailure(err);
    }
  }
}

/**
 * One job of a view (a panel, an editor, a table) as an element of its own that renders into the
 * view's shadow root instead of a shadow root of its own: the view's styles apply to it (each part
 * module exports the CSS of its job for the view to adopt), queries of the view reach into it,
 * and it lays out as if its content were the view's (`display: contents`). Like a view it follows
 * the workspace's plan, locks its controls when the workspace is read-only, and shows a failure
 * in place. A refused command is reported to the view with a `report` event (it bubbles up
 * through enclosing parts, not out of the view).
 *
 * @fires report - detail is the refused command's error (a `Notice`, worded where it is shown), or '' when it went through
 */
export abstract class RtPart extends RtView {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    markPart(this);
  }

  /** Tells the view how a command went (null: nothing was tried). */
  protected report(r: Result<unknown> | null): void {
    if (r) this.dispatchEvent(new CustomEvent('report', { detail: r.ok ? '' : r.error, bubbles: true }));
  }
}

/**
 * A part of an element that is not a plan view (the workspace shell, the versions panel): renders
 * into its host's shadow root like {@link RtPart}, without following a plan.
 */
export abstract class RtLightPart extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    markPart(this);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    return (await super.getUpdateComplete()) && (await partsComplete(this));
  }
}

/**
 * A light part that listens to something of its workspace (awareness, the undo stack) while it is
 * connected, and moves its listener when the workspace changes.
 */
export abstract class RtWorkspacePart extends RtLightPart {
  static override properties = { ws: { attribute: false } };
  declare ws: Workspace | null;
  private followed: Workspace | null = null;
  private stop: (() => void) | null = null;

  constructor() {
    super();
    this.ws = null;
  }

  /** Starts listening to `ws`; returns how to stop. */
  protected abstract listen(ws: Workspace): () => void;

  private follow(ws: Workspace | null): void {
    if (ws === this.followed) return;
    this.stop?.();
    this.followed = ws;
    this.stop = ws ? this.listen(ws) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.follow(this.ws);
  }

  override disconnectedCallback(): void {
    this.follow(null);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ws')) this.follow(this.ws);
  }
}

/** Marks an element as a part: laid out as its content, awaited by its host's updateComplete. */
function markPart(el: HTMLElement): void {
  el.toggleAttribute('data-part', true);
  el.style.display = 'contents';
}

/** Waits until every part under `root` has rendered; false when one still had an update pending. */
export async function partsComplete(root: ParentNode): Promise<boolean> {
  const parts = [...root.querySelectorAll<LitElement>('[data-part]')];
  if (parts.length === 0) return true;
  const done = await Promise.all(parts.map((p) => p.updateComplete));
  return done.every(Boolean);
}

/** The value of the input, select or text area an event came from. */
export const valueOf = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

/** The message shown in place of a view that failed to render. */
export function renderFailure(err: unknown): TemplateResult {
  const message = err instanceof Error ? err.message : String(err);
  return html`<div class="error-box" role="alert">
    <strong>${t('shell:failure.title')}</strong>
    <p>${message}</p>
    <p>${t('shell:failure.safe')}</p>
  </div>`;
}

/** The media query of a phone-sized screen (the 360 px layouts: pager, menus, counts). */
export const phoneQuery = '(max-width: 600px)';

/**
 * Follows whether the screen is phone-sized ({@link phoneQuery}) and re-renders its host when
 * that changes. `on` is false where the browser has no `matchMedia`.
 */
export class PhoneController implements ReactiveController {
  /** True while the screen is phone-sized. */
  on = false;
  private readonly mq: MediaQueryList | null;
  private readonly change = (e: MediaQueryListEvent | MediaQueryList) => {
    this.on = e.matches;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    this.mq = typeof matchMedia === 'function' ? matchMedia(phoneQuery) : null;
    this.on = this.mq?.matches ?? false;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.mq) return;
    this.on = this.mq.matches;
    this.mq.addEventListener('change', this.change);
  }

  hostDisconnected(): void {
    this.mq?.removeEventListener('change', this.change);
  }
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

/** A component that runs one request at a time and shows its failure (comments, consultations). */
export interface BusyHost {
  busy: boolean;
  message: Notice;
}

/**
 * Runs `what` unless `host` is already busy. `host.busy` is true while it runs and `message` is
 * cleared first; on success `after` runs, on failure `message` becomes `failure(err)`.
 */
export async function runBusy(host: BusyHost, what: () => Promise<unknown>, after: () => void, failure: (err: unknown) => Notice): Promise<void> {
  if (host.busy) return;
  host.busy = true;
  host.message = '';
  try {
    await what();
    after();
  } catch (err) {
    host.message = failure(err);
  } finally {
    host.busy = false;
  }
}

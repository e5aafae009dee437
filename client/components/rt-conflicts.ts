import { css, html, nothing } from 'lit';
import type { ConflictNotices, ConflictNotice } from '../state/conflicts.js';
import type { Workspace } from '../state/workspace.js';
import { RtWorkspacePart } from './rt-view.js';
import { locale, t } from '../i18n.js';
import { intlTag } from '../../shared/i18n/locales.js';
import { commandText, type Refusal } from '../command-text.js';

/** Styles of the conflict notices, adopted by the workspace. */
export const conflictStyles = css`
  .conflicts { list-style: none; margin: 0.5rem 0; padding: 0; display: grid; gap: 0.5rem; }
  .conflict { background: var(--rt-warn-soft); border: 1px solid #e0c36a; border-inline-start: 6px solid var(--rt-warn); border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; }
  .conflict p { margin: 0.2rem 0; overflow-wrap: anywhere; }
  .conflict .values { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.75rem; margin: 0.3rem 0; }
  .conflict .values dt { color: var(--rt-muted); }
  .conflict .values dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
  .conflict .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block-start: 0.3rem; }
  .conflict .error { color: var(--rt-bad); }
`;

/** The hour and minute of a notice, in the reader's locale. */
const time = (d: Date) => new Intl.DateTimeFormat(intlTag(locale()), { hour: '2-digit', minute: '2-digit' }).format(d);

/**
 * Conflict notices (SPEC CF3-CF5): when a merge replaced a value someone set without having
 * seen the other (an offline edit, two people at once), both people get a notice in a polite
 * live region with the place, both values and who set them, when, "Use <other value> instead"
 * (one click, an ordinary undoable change) and Dismiss; Escape on a notice dismisses it.
 */
export class RtConflicts extends RtWorkspacePart {
  static override properties = { ...RtWorkspacePart.properties, planId: { type: String }, errors: { state: true } };
  declare planId: string;
  declare errors: Map<number, Refusal>;
  private tracker: ConflictNotices | null = null;

  constructor() {
    super();
    this.planId = '';
    this.errors = new Map();
  }

  /** The notices shown (for tests). */
  get notices(): readonly ConflictNotice[] {
    return this.tracker?.notices ?? [];
  }

  protected override listen(ws: Workspace): () => void {
    const announced = new Set<number>();
    let tracker: ConflictNotices | null = null;
    let gone = false;
    // The tracker and the diff's value texts are their own chunk, fetched as the workspace opens
    // (a plan page's first load does not carry them, SPEC BL5); nobody can edit before a view is in.
    void import('../state/conflicts.js').then(
      ({ ConflictNotices }) => {
        if (gone) return;
        const made: ConflictNotices = new ConflictNotices(ws, this.planId || 'plan', () => {
          this.requestUpdate();
          // A new notice is also said in the workspace's live region (one short sentence).
          const fresh = made.notices.filter((n) => !announced.has(n.key));
          for (const n of fresh) announced.add(n.key);
          if (fresh[0]) this.dispatchEvent(new CustomEvent('announce', { detail: t('a11y:live.conflict', { place: fresh[0].place }), bubbles: true, composed: true }));
        });
        tracker = made;
        this.tracker = made;
      },
      (err: unknown) => console.warn('conflict notices unavailable:', err),
    );
    return () => {
      gone = true;
      tracker?.destroy();
      if (this.tracker === tracker) this.tracker = null;
    };
  }

  private take(n: ConflictNotice): void {
    const r = this.tracker?.takeOther(n);
    if (r && !r.ok) this.errors = new Map(this.errors).set(n.key, r.error);
  }

  private onKey(e: KeyboardEvent, n: ConflictNotice): void {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.tracker?.dismiss(n.key);
  }

  private renderNotice(n: ConflictNotice) {
    const tracker = this.tracker!;
    const how = t('collab:conflict.how');
    const headline = n.mineKept ? t('collab:conflict.mineKept', { name: n.lostBy }) : t('collab:conflict.mineLost', { name: n.keptBy });
    const refused = this.errors.get(n.key);
    const error = refused ? commandText(refused, this) : '';
    return html`<li class="conflict" tabindex="-1" aria-labelledby="conflict-${n.key}" @keydown=${(e: KeyboardEvent) => this.onKey(e, n)}>
      <p id="conflict-${n.key}"><strong>${t('collab:conflict.title')}</strong> ${t('collab:conflict.to', { place: n.place, time: time(n.at) })} ${headline}</p>
      <dl class="values">
        <dt>${t('collab:conflict.shown')}</dt><dd><span dir="auto">${n.keptText}</span> <span class="muted" dir="auto">(${n.keptBy})</span></dd>
        <dt>${t('collab:conflict.replaced')}</dt><dd><span dir="auto">${n.lostText}</span> <span class="muted" dir="auto">(${n.lostBy})</span></dd>
      </dl>
      <p class="muted">${how}</p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <div class="actions">
        ${tracker.canTakeOther(n) ? html`<button @click=${() => this.take(n)}>${t('collab:conflict.use', { value: n.lostText })}</button>` : nothing}
        <button class="secondary" @click=${() => tracker.dismiss(n.key)}>${tracker.canTakeOther(n) ? t('collab:conflict.keep', { value: n.keptText }) : t('shell:app.dismiss')}</button>
      </div>
    </li>`;
  }

  override render() {
    const list = this.tracker?.notices ?? [];
    // The region is always there, so screen readers announce notices that appear in it.
    return html`<section aria-label=${t('collab:conflict.region')} aria-live="polite" aria-relevant="additions">
      ${list.length ? html`<ul class="conflicts">${list.map((n) => this.renderNotice(n))}</ul>` : nothing}
    </section>`;
  }
}
customElements.define('rt-conflicts', RtConflicts);

declare global {
  interface HTMLElementTagNameMap {
    'rt-conflicts': RtConflicts;
  }
}

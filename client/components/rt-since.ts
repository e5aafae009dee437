import { LitElement, css, html, nothing } from 'lit';
import type { Place, SeenLine } from '../../shared/domain/last-seen.js';
import { loadSeen, saveSeen, SEEN_EVERY_MS } from '../state/last-seen.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { fmt, loadNamespaces, t } from '../i18n.js';

/**
 * The namespaces a summary's lines read (L15): the diff's lines, and translation lines (ML8).
 * Not boot namespaces: loaded only when there is a summary to show.
 */
export const SINCE_NAMESPACES = ['diff', 'translations'] as const;

/** The diff and its wording, loaded together when there is a summary to work out (not on the first screen, SPEC BL5). */
let words: { seen: typeof import('../../shared/domain/last-seen.js'); text: typeof import('../diff-text.js') } | null = null;

/** Loads the diff and its wording (once) and gives the diff; a summary's lines read the wording at render time. Rejects when unreachable. */
export async function loadSinceWords(): Promise<typeof import('../../shared/domain/last-seen.js')> {
  if (!words) {
    const [seen, text] = await Promise.all([import('../../shared/domain/last-seen.js'), import('../diff-text.js')]);
    words = { seen, text };
  }
  return words.seen;
}

/** A summary line in the reader's language (L15); call it at render time. */
export function sinceLine(l: SeenLine): string {
  return words ? words.seen.seenLineText(l, t, words.text.diffFormat, words.text.changeText) : l.summary;
}

/** What the summary shows: when this browser last saw the plan, and the lines since. */
export interface SinceSummary {
  seenAt: string;
  lines: SeenLine[];
  more: number;
}

/**
 * Keeps "what this browser last saw" of one plan (SPEC LS1) and works out the summary once, at
 * the first sync: the stored plan against the live one (nothing on a first visit), then the live
 * plan is remembered at once, every SEEN_EVERY_MS while the page is visible and the plan changed,
 * and when the page is hidden or left.
 */
export class SeenTracker {
  private ws: Workspace | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private savedRevision = -1;

  /** The plan tracked, '' when none. */
  get planId(): string {
    return this.ws?.store.plan.id ?? '';
  }

  /** Starts tracking `ws` (its doc has synced); resolves with the summary to show (its texts loaded), or null. */
  async start(ws: Workspace): Promise<SinceSummary | null> {
    this.stop();
    this.ws = ws;
    const planId = ws.store.plan.id;
    const seen = await loadSeen(planId);
    // The semantic diff is its own chunk, fetched only when there is a stored plan to compare
    // (a first visit never loads it, SPEC BL5); unreachable (offline, not cached): no summary.
    const diff = seen ? await loadSinceWords().catch(() => null) : null;
    if (this.ws !== ws) return null;
    const since = seen && diff ? diff.sinceLastSeen(seen.plan, ws.store.plan) : null;
    this.save();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible') this.save();
    }, SEEN_EVERY_MS);
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.onHide);
    if (!seen || !since || since.lines.length === 0) return null;
    // The lines are worded from the `diff` catalogue, which the first screen does not carry (L15).
    try {
      await loadNamespaces(SINCE_NAMESPACES);
    } catch {
      return null; // not reachable now (offline, first visit of this language): no summary rather than raw keys
    }
    return this.ws === ws ? { seenAt: seen.seenAt, ...since } : null;
  }

  /** Remembers the live plan now, when it changed since the last time. */
  save(): void {
    const ws = this.ws;
    if (!ws || ws.store.revision === this.savedRevision) return;
    this.savedRevision = ws.store.revision;
    void saveSeen(ws.store.plan.id, ws.store.plan);
  }

  private readonly onHide = (e: Event) => {
    if (e.type === 'pagehide' || document.visibilityState === 'hidden') this.save();
  };

  stop(): void {
    if (this.ws) this.save();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.onHide);
    this.ws = null;
    this.savedRevision = -1;
  }
}

/**
 * "Since you were last here" (SPEC LS2): the changes since this browser last saw the plan, in
 * the plan's own terms, each taking you to its place; dismissible.
 *
 * @fires go - detail is the {@link Place} of the line chosen
 * @fires dismiss - the person closed the summary
 */
export class RtSince extends LitElement {
  static override properties = { summary: { attribute: false }, expanded: { state: true } };
  declare summary: SinceSummary | null;
  declare expanded: boolean;

  static override styles = [
    base,
    css`
      :host { display: block; }
      section { background: #fff; border: 1px solid var(--rt-accent); border-inline-start-width: 5px; border-radius: var(--rt-radius); padding: 0.6rem 0.9rem; margin: 0.5rem 0 0.75rem; }
      .head { display: flex; align-items: flex-start; gap: 0.5rem; }
      .head h2 { flex: 1; margin: 0; font-size: 1.05rem; }
      ul { margin: 0.4rem 0 0; padding-inline-start: 1.1rem; max-height: 16rem; overflow: auto; }
      li { margin: 0.15rem 0; overflow-wrap: anywhere; }
      button.link { display: inline; background: none; border: none; padding: 0; color: var(--rt-accent); text-decoration: underline; text-align: start; cursor: pointer; min-height: 24px; }
    `,
  ];

  constructor() {
    super();
    this.summary = null;
    this.expanded = false;
  }

  override render() {
    const s = this.summary;
    if (!s) return nothing;
    const shown = this.expanded ? s.lines : s.lines.slice(0, 8);
    const hidden = s.lines.length - shown.length + s.more;
    const at = fmt.dateTime(s.seenAt);
    return html`<section aria-labelledby="since-h">
      <div class="head">
        <h2 id="since-h">${t('shell:since.title')} <span class="muted">(${at})</span></h2>
        <button class="secondary" data-nav @click=${() => this.dispatchEvent(new CustomEvent('dismiss'))} aria-label=${t('shell:since.dismissLabel')}>${t('shell:app.dismiss')}</button>
      </div>
      <ul aria-label=${t('shell:since.list')}>
        ${shown.map(
          (l) => html`<li>
            ${l.place
              ? html`<button class="link" dir="auto" data-nav @click=${() => this.dispatchEvent(new CustomEvent<Place>('go', { detail: l.place! }))}>${sinceLine(l)}</button>`
              : html`<span dir="auto">${sinceLine(l)}</span>`}
          </li>`,
        )}
      </ul>
      ${hidden > 0
        ? this.expanded || s.lines.length <= shown.length
          ? html`<p class="muted">${t('shell:since.more', { count: hidden })}</p>`
          : html`<button class="quiet" data-nav @click=${() => (this.expanded = true)}>${t('shell:since.showMore', { count: s.lines.length - shown.length })}</button>`
        : nothing}
    </section>`;
  }
}
customElements.define('rt-since', RtSince);

declare global {
  interface HTMLElementTagNameMap {
    'rt-since': RtSince;
  }
}

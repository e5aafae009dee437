import { css, html, nothing } from 'lit';
import type { ChangeKind } from '../../shared/domain/diff.js';
import type { VersionDiff } from '../state/api.js';
import { fmt, t } from '../i18n.js';
import { changeText } from '../diff-text.js';
import { RtLightPart } from './rt-view.js';

/** Styles of a diff, adopted by the versions panel. */
export const diffStyles = css`
  .diff h3 { display: flex; gap: 0.4rem; align-items: center; }
  .diff ul { list-style: none; padding: 0; margin: 0; }
  .diff .by { font-size: 0.85em; margin-inline-start: 0.4rem; }
  .change { padding: 0.3rem 0.5rem; border-inline-start: 4px solid var(--rt-line-strong); margin-block-end: 0.3rem; background: #fff; overflow-wrap: anywhere; }
  .change.added { border-color: var(--rt-ok); }
  .change.removed { border-color: var(--rt-bad); }
  .change.changed { border-color: var(--rt-accent); }
  .change.moved { border-color: var(--rt-warn); }
  .change .text { margin: 0.3rem 0 0; white-space: pre-wrap; font-size: 0.9rem; }
  ins { background: var(--rt-ok-soft); color: var(--rt-ok); text-decoration: underline; }
  del { background: var(--rt-bad-soft); color: var(--rt-bad); }
`;

/** The diff line's wording lives in `client/diff-text.ts` (also used by the first screen's summary). */
export { changeText, readable } from '../diff-text.js';

/** Message keys of the group headings (translated at render). */
const KIND_TITLES: Record<ChangeKind, string> = { added: 'diff:ui.added', removed: 'diff:ui.removed', changed: 'diff:ui.changed', moved: 'diff:ui.moved' };

/** Renders a diff's changes grouped by kind, prose fields as an inline text diff. */
export function renderDiff(diff: VersionDiff) {
  const kinds = (['changed', 'added', 'removed', 'moved'] as const).filter((k) => diff.changes.some((c) => c.kind === k));
  if (diff.changes.length === 0) return html`<p class="empty">${t('diff:ui.none')}</p>`;
  return html`<div class="diff" aria-label=${t('diff:ui.differences')}>
    ${kinds.map(
      (k) => html`<section class="group" data-kind=${k}>
        <h3>${t(KIND_TITLES[k])} <span class="badge">${diff.changes.filter((c) => c.kind === k).length}</span></h3>
        <ul>
          ${diff.changes
            .filter((c) => c.kind === k)
            .map(
              (c) => html`<li class="change ${k}">
                <span class="summary" dir="auto">${changeText(c)}</span>
                ${c.by?.length ? html`<span class="by muted" dir="auto">${t('diff:ui.by', { names: fmt.list(c.by) })}</span>` : nothing}
                ${c.text
                  ? html`<p class="text" dir="auto">${c.text.map((t) => (t.op === 'insert' ? html`<ins>${t.text}</ins>` : t.op === 'delete' ? html`<del>${t.text}</del>` : t.text))}</p>`
                  : nothing}
              </li>`,
            )}
        </ul>
      </section>`,
    )}
  </div>`;
}

/**
 * The differences between two versions (or one and the live plan) as a card: what is compared,
 * counts by kind and the changes.
 *
 * @fires close - the card should close
 */
export class RtVersionDiff extends RtLightPart {
  static override properties = { diff: { attribute: false }, fromLabel: { type: String }, toLabel: { type: String } };
  declare diff: VersionDiff | null;
  /** How the two sides are named ("the live plan", “Workshop version”). */
  declare fromLabel: string;
  declare toLabel: string;

  constructor() {
    super();
    this.diff = null;
    this.fromLabel = '';
    this.toLabel = '';
  }

  /**
   * "From … to …": the live plan has a title of its own (L101), since French and Spanish contract
   * the article after "à"/"de" and "a"/"de" ("au plan en direct", "del plan en directo").
   */
  private heading(): string {
    if (this.diff?.to === 'live') return t('diff:ui.titleToLive', { from: this.fromLabel });
    if (this.diff?.from === 'live') return t('diff:ui.titleFromLive', { to: this.toLabel });
    return t('diff:ui.title', { from: this.fromLabel, to: this.toLabel });
  }

  override render() {
    const diff = this.diff;
    if (!diff) return nothing;
    const c = diff.counts;
    return html`<section class="card" aria-labelledby="diff-title">
      <div class="row">
        <h2 id="diff-title" class="grow" tabindex="-1">${this.heading()}</h2>
        <button class="quiet" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${t('common:close')}</button>
      </div>
      <p class="muted">${t('diff:ui.counts', { changed: fmt.number(c.changed), added: fmt.number(c.added), removed: fmt.number(c.removed), moved: fmt.number(c.moved) })}</p>
      ${renderDiff(diff)}
    </section>`;
  }
}
customElements.define('rt-version-diff', RtVersionDiff);

declare global {
  interface HTMLElementTagNameMap {
    'rt-version-diff': RtVersionDiff;
  }
}

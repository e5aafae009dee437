import { css, html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { PRESENCE_COLOUR_RE } from '../../shared/presence.js';
import type { Presence, Workspace } from '../state/workspace.js';
import { PhoneController, RtWorkspacePart } from './rt-view.js';
import { t } from '../i18n.js';
import { VIEWS } from '../views.js';

/** Styles of the presence list, adopted by the workspace. */
export const presenceStyles = css`
  .people { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0.5rem 0; }
  .people li { display: flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; background: #fff; border: 1px solid var(--rt-line); border-radius: 999px; padding-block: 0.1rem; padding-inline: 0.15rem 0.6rem; max-width: min(100%, 24rem); min-width: 0; }
  .avatar { display: inline-grid; place-items: center; width: 1.6rem; height: 1.6rem; border-radius: 50%; color: #fff; font-weight: 700; font-size: 0.8rem; flex: none; }
  .people .where { color: var(--rt-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .people-count { display: inline-flex; align-items: center; gap: 0.35rem; min-height: 32px; margin-block: 0.35rem; }
  .people-count .chev { display: inline-block; transition: transform 0.15s; }
  .people-count[aria-expanded='true'] .chev { transform: rotate(90deg); }
  :host(:dir(rtl)) .people-count[aria-expanded='false'] .chev { transform: scaleX(-1); }
  .people.stacked { flex-direction: column; align-items: stretch; margin-block-start: 0; }
  .people.stacked li { max-width: 100%; border-radius: 8px; }
`;

/** Who is here: everyone on the plan (from awareness), what they look at or are editing. */
export class RtPresence extends RtWorkspacePart {
  static override properties = { ...RtWorkspacePart.properties, people: { state: true }, open: { state: true } };
  declare people: Presence[];
  /** On a phone: whether the list is shown under the count. */
  declare open: boolean;
  private readonly phone = new PhoneController(this);

  constructor() {
    super();
    this.people = [];
    this.open = false;
  }

  /** An awareness change: the list again, kept when nobody shown changed (a caret moving as someone types: SPEC MP3). */
  private readonly onChange = () => {
    const next = this.ws?.people() ?? [];
    if (!samePeople(this.people, next)) this.people = next;
  };

  protected override listen(ws: Workspace): () => void {
    ws.awareness?.on('change', this.onChange);
    this.onChange();
    return () => ws.awareness?.off('change', this.onChange);
  }

  override render() {
    if (!this.ws) return nothing;
    const list = (stacked: boolean) => html`<ul class="people ${stacked ? 'stacked' : ''}" id="people-list" aria-label=${t('shell:presence.list')}>
      ${this.people.map(
        (p) => html`<li data-person=${p.user.name}>
          <span class="avatar" style=${styleMap({ background: safeColour(p.user.color) })} aria-hidden="true">${p.user.name.slice(0, 1).toUpperCase()}</span>
          <span><strong dir="auto">${p.user.name}</strong>${p.self ? ` ${t('shell:presence.you')}` : ''}</span>
          ${p.view || p.focus ? html`<span class="where" dir="auto">· ${p.focus ? t('shell:presence.editing', { field: p.focus }) : viewName(p.view)}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
    // On a phone the list would fill the first screen: a count, and the list on demand.
    if (this.phone.on) {
      return html`<aside aria-label=${t('shell:presence.region')}>
        <button class="quiet people-count" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="people-list" @click=${() => (this.open = !this.open)}>
          <span class="chev" aria-hidden="true">▸</span>${t('shell:presence.count', { count: this.people.length })}
        </button>
        ${this.open ? list(true) : nothing}
      </aside>`;
    }
    return html`<aside aria-label=${t('shell:presence.region')}>${list(false)}</aside>`;
  }
}
customElements.define('rt-presence', RtPresence);

/**
 * True when two presence lists show the same (SPEC MP3): the same people in the same order with
 * the same name, colour, view and field being edited. Carets and other state are not shown here.
 */
export function samePeople(a: readonly Presence[], b: readonly Presence[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i]!;
    return p.clientId === q.clientId && p.self === q.self && p.user.name === q.user.name && p.user.color === q.user.color && p.view === q.view && p.focus === q.focus;
  });
}

/** What a person looks at, in the reader's language: a view's id is named; older free text shows as sent. */
function viewName(view: string): string {
  return VIEWS.find((v) => v.id === view)?.label ?? view;
}

/** A presence colour as CSS: only `#rrggbb` (SPEC PR2) reaches a style; anything else is grey. */
export function safeColour(colour: string): string {
  return PRESENCE_COLOUR_RE.test(colour) ? colour : '#6b7280';
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-presence': RtPresence;
  }
}

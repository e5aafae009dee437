import { css, html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { PRESENCE_COLOUR_RE } from '../../shared/presence.js';
import type { Presence, Workspace } from '../state/workspace.js';
import { RtWorkspacePart } from './rt-view.js';

/** Styles of the presence list, adopted by the workspace. */
export const presenceStyles = css`
  .people { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; padding: 0; margin: 0.5rem 0; }
  .people li { display: flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; background: #fff; border: 1px solid var(--rt-line); border-radius: 999px; padding: 0.1rem 0.6rem 0.1rem 0.15rem; max-width: min(100%, 24rem); min-width: 0; }
  .avatar { display: inline-grid; place-items: center; width: 1.6rem; height: 1.6rem; border-radius: 50%; color: #fff; font-weight: 700; font-size: 0.8rem; flex: none; }
  .people .where { color: var(--rt-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
`;

/** Who is here: everyone on the plan (from awareness), what they look at or are editing. */
export class RtPresence extends RtWorkspacePart {
  static override properties = { ...RtWorkspacePart.properties, people: { state: true } };
  declare people: Presence[];

  constructor() {
    super();
    this.people = [];
  }

  private readonly onChange = () => {
    this.people = this.ws?.people() ?? [];
  };

  protected override listen(ws: Workspace): () => void {
    ws.awareness?.on('change', this.onChange);
    this.onChange();
    return () => ws.awareness?.off('change', this.onChange);
  }

  override render() {
    if (!this.ws) return nothing;
    return html`<aside aria-label="Who is here"><ul class="people" aria-label="People here">
      ${this.people.map(
        (p) => html`<li data-person=${p.user.name}>
          <span class="avatar" style=${styleMap({ background: safeColour(p.user.color) })} aria-hidden="true">${p.user.name.slice(0, 1).toUpperCase()}</span>
          <span><strong>${p.user.name}</strong>${p.self ? ' (you)' : ''}</span>
          ${p.view || p.focus ? html`<span class="where">· ${p.focus ? `editing ${p.focus}` : p.view}</span>` : nothing}
        </li>`,
      )}
    </ul></aside>`;
  }
}
customElements.define('rt-presence', RtPresence);

/** A presence colour as CSS: only `#rrggbb` (SPEC PR2) reaches a style; anything else is grey. */
export function safeColour(colour: string): string {
  return PRESENCE_COLOUR_RE.test(colour) ? colour : '#6b7280';
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-presence': RtPresence;
  }
}

import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { REQUIREMENT_KINDS, addRequirement, compareOrder, removeRequirement, updateRequirement, type RequirementKind } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';

/** What each kind of supporting requirement is called. */
export const REQUIREMENT_LABELS: Record<RequirementKind, string> = {
  'policy-change': 'Policy change',
  'institutional-change': 'Institutional change',
  'technical-assistance': 'Technical assistance',
  'capacity-development': 'Capacity development',
  'research-and-data': 'Research and data',
  'advocacy-and-communication': 'Advocacy and communication',
  'monitoring-support': 'Monitoring support',
  other: 'Other',
};

/** Styles of the requirements list, adopted by the Plan of Action. */
export const requirementsStyles = css`
  .reqs { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.4rem 0.6rem 0.6rem; margin: 0; }
  .reqs legend { font-size: 0.82rem; color: var(--rt-muted); padding: 0 0.25rem; }
  .reqs ul { list-style: none; padding: 0; margin: 0 0 0.4rem; }
  .reqs li, .reqs form { display: grid; grid-template-columns: minmax(9rem, 14rem) minmax(0, 1fr) auto; gap: 0.4rem; align-items: center; margin-bottom: 0.3rem; }
  .reqs input { width: 100%; }
  @media (max-width: 600px) { .reqs li, .reqs form { grid-template-columns: minmax(0, 1fr) auto; } .reqs li input, .reqs form input { grid-column: 1 / -1; grid-row: 2; } }
`;

/** The kinds as options, `selected` marked. */
const kindOptions = (selected: RequirementKind | null) => REQUIREMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === selected}>${REQUIREMENT_LABELS[k]}</option>`);

/**
 * A goal's supporting requirements (policy change, technical assistance…: what the goal needs
 * besides its programmes): each with its kind and description, editable in place, removable, and
 * a form to add one. Read-only workspaces show them locked.
 */
export class RtGoalRequirements extends RtPart {
  static override properties = {
    ...RtPart.properties,
    goalId: { type: String },
    goalName: { type: String },
  };
  declare goalId: string;
  /** How the goal is named in labels ("goal 2"). */
  declare goalName: string;

  constructor() {
    super();
    this.goalId = '';
    this.goalName = 'goal';
  }

  private add(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const description = String(data.get('description') ?? '').trim();
    if (!description) return;
    const r = addRequirement(ws.doc, this.goalId, { kind: String(data.get('kind')) as RequirementKind, description }, ws.origin);
    this.report(r);
    if (r.ok) form.reset();
  }

  protected override renderView(ws: Workspace) {
    const goal = ws.store.plan.goals.find((g) => g.id === this.goalId);
    if (!goal) return nothing;
    const list = [...goal.requirements].sort(compareOrder);
    const of = this.goalName;
    const update = (id: string, patch: { kind?: RequirementKind; description?: string }) => this.report(updateRequirement(ws.doc, this.goalId, id, patch, ws.origin));
    return html`<fieldset class="reqs">
      <legend>Supporting requirements (policy change, technical assistance…)</legend>
      ${list.length === 0 ? html`<p class="muted">None yet.</p>` : nothing}
      <ul aria-label=${`Supporting requirements of ${of}`}>
        ${repeat(
          list,
          (q) => q.id,
          (q, i) => html`<li>
            <select aria-label=${`Kind of requirement ${i + 1} of ${of}`} @change=${(e: Event) => update(q.id, { kind: valueOf(e) as RequirementKind })}>${kindOptions(q.kind)}</select>
            <input aria-label=${`Requirement ${i + 1} of ${of}`} maxlength="2000" .value=${q.description} @change=${(e: Event) => update(q.id, { description: valueOf(e).trim() })} />
            <button class="quiet" @click=${() => this.report(removeRequirement(ws.doc, this.goalId, q.id, ws.origin))} aria-label=${`Remove requirement ${i + 1} of ${of}`}>Remove</button>
          </li>`,
        )}
      </ul>
      <form @submit=${(e: SubmitEvent) => this.add(e, ws)} aria-label=${`Add a requirement to ${of}`}>
        <select name="kind" aria-label=${`Kind of the new requirement of ${of}`}>${kindOptions(null)}</select>
        <input name="description" maxlength="2000" aria-label=${`New requirement of ${of}`} placeholder="e.g. Adopt a law on diaspora bonds" />
        <button class="secondary" type="submit">Add requirement</button>
      </form>
    </fieldset>`;
  }
}
customElements.define('rt-goal-requirements', RtGoalRequirements);

declare global {
  interface HTMLElementTagNameMap {
    'rt-goal-requirements': RtGoalRequirements;
  }
}

import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { REQUIREMENT_KINDS, type RequirementKind } from '../../shared/schema/types.js';
import { addRequirement, removeRequirement, updateRequirement } from '../../shared/commands/node-fields.js';
import { compareOrder } from '../../shared/domain/order.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { t } from '../i18n.js';

/** Styles of the requirements list, adopted by the Plan of Action. */
export const requirementsStyles = css`
  .reqs { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.4rem 0.6rem 0.6rem; margin: 0; }
  .reqs legend { font-size: 0.82rem; color: var(--rt-muted); padding-block: 0; padding-inline: 0.25rem; }
  .reqs ul { list-style: none; padding: 0; margin: 0; margin-block-end: 0.4rem; }
  .reqs li, .reqs form { display: grid; grid-template-columns: minmax(9rem, 14rem) minmax(0, 1fr) auto; gap: 0.4rem; align-items: center; margin-block-end: 0.3rem; }
  .reqs input { width: 100%; }
  @media (max-width: 600px) { .reqs li, .reqs form { grid-template-columns: minmax(0, 1fr) auto; } .reqs li input, .reqs form input { grid-column: 1 / -1; grid-row: 2; } }
`;

/** The kinds as options, `selected` marked. */
const kindOptions = (selected: RequirementKind | null) => REQUIREMENT_KINDS.map((k) => html`<option value=${k} ?selected=${k === selected}>${t(`poa:req.kinds.${k}`)}</option>`);

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

  /** Its goal (requirements live in it). */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    return [ws.store.plan.goals.find((g) => g.id === this.goalId)];
  }

  protected override renderView(ws: Workspace) {
    const goal = ws.store.plan.goals.find((g) => g.id === this.goalId);
    if (!goal) return nothing;
    const list = [...goal.requirements].sort(compareOrder);
    const of = this.goalName;
    const update = (id: string, patch: { kind?: RequirementKind; description?: string }) => this.report(updateRequirement(ws.doc, this.goalId, id, patch, ws.origin));
    return html`<fieldset class="reqs">
      <legend>${t('poa:req.legend')}</legend>
      ${list.length === 0 ? html`<p class="muted">${t('poa:req.none')}</p>` : nothing}
      <ul aria-label=${t('poa:req.listOf', { goal: of })}>
        ${repeat(
          list,
          (q) => q.id,
          (q, i) => html`<li>
            <select aria-label=${t('poa:req.kindOf', { n: i + 1, goal: of })} @change=${(e: Event) => update(q.id, { kind: valueOf(e) as RequirementKind })}>${kindOptions(q.kind)}</select>
            <input dir="auto" aria-label=${t('poa:req.itemOf', { n: i + 1, goal: of })} maxlength="2000" .value=${q.description} @change=${(e: Event) => update(q.id, { description: valueOf(e).trim() })} />
            <button class="quiet" @click=${() => this.report(removeRequirement(ws.doc, this.goalId, q.id, ws.origin))} aria-label=${t('poa:req.removeOf', { n: i + 1, goal: of })}>${t('poa:req.remove')}</button>
          </li>`,
        )}
      </ul>
      <form @submit=${(e: SubmitEvent) => this.add(e, ws)} aria-label=${t('poa:req.addTo', { goal: of })}>
        <select name="kind" aria-label=${t('poa:req.newKindOf', { goal: of })}>${kindOptions(null)}</select>
        <input name="description" dir="auto" maxlength="2000" aria-label=${t('poa:req.newOf', { goal: of })} placeholder=${t('poa:req.placeholder')} />
        <button class="secondary" type="submit">${t('poa:req.add')}</button>
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

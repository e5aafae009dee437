import { css, html, nothing } from 'lit';
import { fmt, t } from '../i18n.js';
import { moveNode, setNodeField, type Goal, type NodeBudget, type NodeField, type NodeKind, type PlanData } from '../../shared/model.js';
import { rowName, type Row } from '../state/matrix-rows.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';
import { iatiCodesStyles } from './rt-iati-codes.js';
import { archiveNodeWithCare } from './archive-node.js';
import { moneyList as money } from '../money.js';
import './rt-matrix-activity.js';
import './rt-matrix-indicators.js';
import './rt-field-history.js';
import './rt-translations.js';
import { rowTitleTranslation, translatedEditStyles } from './translated-edit.js';

/** Amounts in the reader's locale, joined with " + ". */

/** Styles of the row editor, adopted by the matrix. */
export const detailsStyles = css`
  ${iatiCodesStyles}
  ${translatedEditStyles}
  .details { border-block-start: 1px solid var(--rt-line); padding: 0.6rem 0.75rem 0.75rem; display: grid; gap: 0.6rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
  .details .wide { grid-column: 1 / -1; }
  .details input, .details select { width: 100%; }
`;

/**
 * The row editor: the full details of the selected matrix row: its budget line, a goal's dates and
 * resource target, an activity's details, the indicators of any other level, moving it under
 * another parent, and archiving it.
 *
 * @fires archived - the row was archived (the matrix then closes it)
 */
export class RtMatrixDetails extends RtPart {
  static override properties = {
    ...RtPart.properties,
    row: { attribute: false },
    line: { attribute: false },
  };
  declare row: Row | null;
  /** The row's budget roll-up (none for rows outside the roll-up). */
  declare line: NodeBudget | undefined;

  constructor() {
    super();
    this.row = null;
    this.line = undefined;
  }

  private field(ws: Workspace, id: string, field: NodeField, value: unknown): void {
    this.report(setNodeField(ws.doc, id, field, value, ws.origin));
  }

  protected override renderView(ws: Workspace) {
    const r = this.row;
    if (!r) return nothing;
    const { tree, node } = r;
    const name = rowName(tree);
    const line = this.line;
    const parents = possibleParents(ws, tree.kind);
    return html`<div class="details" role="group" aria-label=${t('matrix:row.details', { name })}>
      ${line
        ? html`<p class="wide muted" data-budget-line>${budgetLine(line)}</p>`
        : nothing}
      ${rowTitleTranslation(ws, tree.kind, tree.id, tree.title)}
      ${tree.kind === 'goal' ? this.renderGoalFields(ws, node as Goal, name) : nothing}
      ${tree.kind === 'activity' ? html`<rt-matrix-activity .ws=${ws} .activityId=${tree.id} .name=${name} .line=${line}></rt-matrix-activity>` : nothing}
      <div class="wide"><rt-translations .ws=${ws} .kind=${tree.kind} .targetId=${tree.id} field="title" .name=${name}></rt-translations></div>
      <rt-matrix-indicators .ws=${ws} .nodeId=${tree.id} .name=${name}></rt-matrix-indicators>
      ${parents.length > 1
        ? html`<label class="field"
            ><span>${t('matrix:details.moveUnder')}</span>
            <select @change=${(e: Event) => this.report(moveNode(ws.doc, tree.id, { parentId: valueOf(e) }, ws.origin))}>
              ${parents.map((p) => html`<option value=${p.id} ?selected=${p.id === r.parentId}>${p.label}</option>`)}
            </select></label
          >`
        : nothing}
      <div class="wide row">
        <button class="secondary" @click=${async () => {
          const r = await archiveNodeWithCare(ws, tree.id, name);
          if (!r) return;
          this.report(r);
          this.dispatchEvent(new CustomEvent('archived', { detail: tree.id }));
        }}>${t('matrix:details.archive', { name })}</button>
        <span class="muted">${t('matrix:details.archiveHint')}</span>
        <rt-field-history .planId=${ws.store.plan.id} entity=${tree.kind} entity-id=${tree.id} label=${t('matrix:details.history', { name })}></rt-field-history>
      </div>
    </div>`;
  }

  private renderGoalFields(ws: Workspace, g: Goal, name: string) {
    const currency = g.resourceTarget?.currency ?? ws.store.plan.currency ?? 'USD';
    return html`
      <label class="field"><span>${t('matrix:details.start')}</span><input type="date" .value=${g.start ?? ''} @change=${(e: Event) => this.field(ws, g.id, 'start', valueOf(e) || null)} /></label>
      <label class="field"><span>${t('matrix:details.end')}</span><input type="date" .value=${g.end ?? ''} @change=${(e: Event) => this.field(ws, g.id, 'end', valueOf(e) || null)} /></label>
      <label class="field"
        ><span>${t('matrix:details.resourceTarget', { currency })}</span>
        <input
          type="number"
          min="0"
          step="any"
          aria-label=${t('matrix:details.resourceTargetLabel', { name })}
          .value=${g.resourceTarget ? String(g.resourceTarget.amount) : ''}
          @change=${(e: Event) => {
            const v = valueOf(e);
            this.field(ws, g.id, 'resourceTarget', v === '' ? null : { amount: Number(v), currency });
          }}
      /></label>
      <rt-iati-codes .ws=${ws} .nodeId=${g.id} .name=${name}></rt-iati-codes>
    `;
  }
}

/** The budget line of a row: planned, secured, pledged, gap (and in one currency), spent, activities without a budget. */
function budgetLine(line: NodeBudget): string {
  const amount = (list: Parameters<typeof money>[0]) => money(list) || '–';
  const converted = line.converted?.gap != null && line.converted.gap !== line.gap[0]?.amount ? ` ${t('matrix:details.inAll', { amount: money([{ amount: line.converted.gap, currency: line.converted.currency }]) })}` : '';
  const parts = [
    t('matrix:details.planned', { amount: amount(line.planned) }),
    t('matrix:details.secured', { amount: amount(line.secured) }),
    t('matrix:details.pledged', { amount: amount(line.pledged) }),
    t('matrix:details.gap', { amount: amount(line.gap) }) + converted,
    t('matrix:details.spent', { amount: amount(line.actual) }),
  ];
  if (line.unknownPlanned) parts.push(t('matrix:details.unbudgeted', { count: line.unknownPlanned, n: fmt.number(line.unknownPlanned) }));
  return parts.join(' · ');
}

/** The rows a row of `kind` can be moved under, labelled with their codes. */
function possibleParents(ws: Workspace, kind: NodeKind): { id: string; label: string }[] {
  const plan: PlanData = ws.store.plan;
  const codes = ws.store.codes;
  const list = kind === 'outcome' ? plan.goals : kind === 'output' ? plan.outcomes : kind === 'activity' ? plan.outputs : [];
  return list
    .filter((n) => codes.has(n.id))
    .map((n) => {
      const c = codes.get(n.id)!;
      return { id: n.id, label: `${c.code} ${n.title || t('matrix:untitled')}` };
    });
}
customElements.define('rt-matrix-details', RtMatrixDetails);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-details': RtMatrixDetails;
  }
}

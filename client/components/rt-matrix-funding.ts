import { css, html, nothing } from 'lit';
import {
  FUNDING_LINE_STATUSES,
  FUNDING_SOURCES,
  SOURCE_LABELS,
  addFundingLine,
  archiveFundingLine,
  compareOrder,
  setFundingLineField,
  type FundingLine,
  type FundingLineField,
  type NodeBudget,
} from '../../shared/model.js';
import { formatMoney, formatMoneyList as money } from '../../shared/domain/money.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';

/** Styles of the funding lines table, adopted by the matrix. */
export const fundingStyles = css`
  .funding table { width: 100%; border-collapse: collapse; }
  .funding th, .funding td { text-align: left; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.88rem; }
  .funding td input, .funding td select { width: 100%; min-width: 5rem; }
  .funding .amount { display: flex; gap: 0.25rem; }
  .funding .amount input[type='number'] { min-width: 6rem; }
  .funding .amount input.cur { width: 4.2rem; min-width: 4.2rem; text-transform: uppercase; }
  .funding .gapline { margin: 0.3rem 0; }
  .funding .gapline strong { font-variant-numeric: tabular-nums; }
  .funding form.add { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 0.4rem; align-items: center; }
  @media (max-width: 640px) {
    .funding thead { display: none; }
    .funding table, .funding tbody, .funding tr, .funding td { display: block; width: 100%; }
    .funding tr { border: 1px solid var(--rt-line); border-radius: 6px; margin-bottom: 0.5rem; padding: 0.25rem; }
    .funding td { border: 0; display: grid; grid-template-columns: 5.2rem minmax(0, 1fr); gap: 0.4rem; align-items: center; }
    .funding td input, .funding td select, .funding .amount input[type='number'] { min-width: 0; }
    .funding .amount input[type='number'] { flex: 1; }
    .funding td::before { content: attr(data-label); font-weight: 600; font-size: 0.8rem; }
  }
`;

const STATUS_LABELS: Record<FundingLine['status'], string> = { pledged: 'Pledged', committed: 'Committed', disbursed: 'Disbursed' };

/**
 * The funding lines of one activity (SPEC FN1-FN3): who funds it, how much, how firm
 * (pledged / committed / disbursed) and from which source; add, edit and remove them, and read
 * the activity's gap (planned - committed - disbursed) as it changes.
 */
export class RtMatrixFunding extends RtPart {
  static override properties = {
    ...RtPart.properties,
    activityId: { type: String },
    name: { type: String },
    line: { attribute: false },
  };
  declare activityId: string;
  /** The activity's name as people say it ("Activity 1.2"). */
  declare name: string;
  /** The activity's budget line (for the gap). */
  declare line: NodeBudget | undefined;

  constructor() {
    super();
    this.activityId = '';
    this.name = '';
    this.line = undefined;
  }

  private set<K extends FundingLineField>(ws: Workspace, id: string, field: K, value: FundingLine[K]): void {
    this.report(setFundingLineField(ws.doc, id, field, value, ws.origin));
  }

  private add(ws: Workspace, e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const amountText = String(data.get('amount') ?? '').trim();
    const currency = String(data.get('currency') ?? '').trim().toUpperCase();
    const amount = amountText === '' ? null : Number(amountText);
    if (amount !== null && (!Number.isFinite(amount) || amount < 0)) return this.report({ ok: false, error: { code: 'invalid', message: 'The amount must be a number of 0 or more.' } });
    const r = addFundingLine(
      ws.doc,
      {
        activityId: this.activityId,
        funder: String(data.get('funder') ?? '').trim(),
        stakeholderId: registerIdOf(ws, String(data.get('funder') ?? '')),
        amount: amount === null ? null : { amount, currency },
        status: String(data.get('status')) as FundingLine['status'],
        source: String(data.get('source')) as FundingLine['source'],
      },
      ws.origin,
    );
    this.report(r);
    if (r.ok) {
      form.reset();
      (form.querySelector('input[name="funder"]') as HTMLInputElement | null)?.focus();
    }
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const lines = plan.fundingLines.filter((l) => l.activityId === this.activityId && !l.archived).sort(compareOrder);
    const activity = plan.activities.find((a) => a.id === this.activityId);
    const currency = activity?.budget?.currency ?? plan.currency ?? 'USD';
    const b = this.line;
    const name = this.name;
    return html`<section class="wide funding" aria-label=${`Funding of ${name}`}>
      <strong>Funding lines</strong>
      ${b
        ? html`<p class="gapline" aria-live="polite" data-gap>
            Gap <strong>${money(b.gap) || '–'}</strong>
            ${b.converted && b.converted.currency !== b.planned[0]?.currency && b.converted.gap !== null ? html`(${formatMoney({ amount: b.converted.gap, currency: b.converted.currency })})` : nothing}
            <span class="muted">· planned ${money(b.planned) || 'unknown'} · committed ${money(b.committed) || '–'} · disbursed ${money(b.disbursed) || '–'} · pledged ${money(b.pledged) || '–'} (pledges do not close the gap)</span>
            ${b.converted?.missing.length ? html`<span class="error-box" role="note">No exchange rate into ${b.converted.currency} for ${b.converted.missing.join(', ')}: add one under "Funding by source, currencies and fiscal years".</span>` : nothing}
          </p>`
        : nothing}
      ${lines.length === 0
        ? html`<p class="muted" data-empty>
            No funding lines yet${activity?.funding ? ': the older single funding record above still counts' : ', so the whole planned budget is a gap'}. Add who funds this activity, how much and how firmly.
          </p>`
        : html`<table>
            <thead>
              <tr><th scope="col">Funder</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col">Budget line / IATI activity</th><th scope="col"><span class="muted">Remove</span></th></tr>
            </thead>
            <tbody>
              ${lines.map((l, i) => this.renderLine(ws, l, i + 1))}
            </tbody>
          </table>`}
      <form class="add" @submit=${(e: SubmitEvent) => this.add(ws, e)} aria-label=${`Add a funding line to ${name}`}>
        <input name="funder" list=${`funders-${this.activityId}`} aria-label="Funder of the new line" placeholder="Funder (e.g. IOM)" />
        <datalist id=${`funders-${this.activityId}`}>
          ${plan.stakeholders.filter((x) => !x.archived && x.organisation.trim()).map((x) => html`<option value=${x.organisation}></option>`)}
        </datalist>
        <input name="amount" type="number" min="0" step="any" aria-label="Amount of the new line" placeholder="Amount" />
        <input name="currency" aria-label="Currency of the new line" value=${currency} maxlength="3" size="4" pattern="[A-Za-z]{3}" required />
        <select name="status" aria-label="Status of the new line">
          ${FUNDING_LINE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === 'committed'}>${STATUS_LABELS[s]}</option>`)}
        </select>
        <select name="source" aria-label="Source of the new line">
          ${FUNDING_SOURCES.map((s) => html`<option value=${s}>${SOURCE_LABELS[s]}</option>`)}
        </select>
        <button class="secondary" type="submit">Add funding line</button>
      </form>
    </section>`;
  }

  private renderLine(ws: Workspace, l: FundingLine, n: number) {
    const label = `Funding line ${n}${l.funder ? ` (${l.funder})` : ''}`;
    const cur = l.amount?.currency ?? ws.store.plan.currency ?? 'USD';
    const setAmount = (amountText: string, currency: string) => {
      const c = currency.trim().toUpperCase();
      if (amountText.trim() === '') return this.set(ws, l.id, 'amount', null);
      const amount = Number(amountText);
      this.set(ws, l.id, 'amount', { amount, currency: c });
    };
    return html`<tr data-line=${l.id}>
      <td data-label="Funder"><input aria-label=${`${label} funder`} list=${`funders-${this.activityId}`} .value=${l.funder} @change=${(e: Event) => {
        const funder = valueOf(e).trim();
        this.set(ws, l.id, 'funder', funder);
        const id = registerIdOf(ws, funder);
        if (id !== l.stakeholderId) this.set(ws, l.id, 'stakeholderId', id);
      }} /></td>
      <td data-label="Amount">
        <span class="amount">
          <input type="number" min="0" step="any" aria-label=${`${label} amount`} .value=${l.amount ? String(l.amount.amount) : ''} @change=${(e: Event) => setAmount(valueOf(e), cur)} />
          <input class="cur" aria-label=${`${label} currency`} maxlength="3" .value=${cur} @change=${(e: Event) => l.amount && setAmount(String(l.amount.amount), valueOf(e))} />
        </span>
      </td>
      <td data-label="Status">
        <select aria-label=${`${label} status`} @change=${(e: Event) => this.set(ws, l.id, 'status', valueOf(e) as FundingLine['status'])}>
          ${FUNDING_LINE_STATUSES.map((s) => html`<option value=${s} ?selected=${l.status === s}>${STATUS_LABELS[s]}</option>`)}
        </select>
      </td>
      <td data-label="Source">
        <select aria-label=${`${label} source`} @change=${(e: Event) => this.set(ws, l.id, 'source', valueOf(e) as FundingLine['source'])}>
          ${FUNDING_SOURCES.map((s) => html`<option value=${s} ?selected=${l.source === s}>${SOURCE_LABELS[s]}</option>`)}
        </select>
      </td>
      <td data-label="Reference">
        ${l.source === 'national-budget'
          ? html`<input aria-label=${`${label} national budget line`} placeholder="Budget line" .value=${l.budgetLine} @change=${(e: Event) => this.set(ws, l.id, 'budgetLine', valueOf(e).trim())} />`
          : nothing}
        <input aria-label=${`${label} IATI activity identifier`} placeholder="IATI activity identifier" .value=${l.iatiActivityId} @change=${(e: Event) => this.set(ws, l.id, 'iatiActivityId', valueOf(e).trim())} />
      </td>
      <td data-label="Remove"><button class="quiet" @click=${() => this.report(archiveFundingLine(ws.doc, l.id, ws.origin))} aria-label=${`Remove ${label}`}>Remove</button></td>
    </tr>`;
  }
}
customElements.define('rt-matrix-funding', RtMatrixFunding);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-funding': RtMatrixFunding;
  }
}

/** The stakeholder register entry whose organisation is `funder` (case and spaces ignored), else null (FN1: free text stays allowed). */
function registerIdOf(ws: Workspace, funder: string): string | null {
  const name = funder.trim().toLowerCase();
  if (!name) return null;
  return ws.store.plan.stakeholders.find((x) => !x.archived && x.organisation.trim().toLowerCase() === name)?.id ?? null;
}

import { css, html, nothing } from 'lit';
import {
  FUNDING_LINE_STATUSES,
  FUNDING_SOURCES,
  addFundingLine,
  archiveFundingLine,
  compareOrder,
  setFundingLineField,
  type FundingLine,
  type FundingLineField,
  type NodeBudget,
} from '../../shared/model.js';
import { fmt, t } from '../i18n.js';
import { moneyList as money } from './rt-funding.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';

/** Styles of the funding lines table, adopted by the matrix. */
export const fundingStyles = css`
  .funding table { width: 100%; border-collapse: collapse; }
  .funding th, .funding td { text-align: start; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.88rem; }
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

/** A status or source in the reader's language (translated at render). */
const statusLabel = (s: FundingLine['status']): string => t(`funding:statusKind.${s}`);
const sourceLabel = (s: FundingLine['source']): string => t(`funding:sourceKind.${s}`);

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
    if (amount !== null && (!Number.isFinite(amount) || amount < 0)) return this.report({ ok: false, error: { code: 'invalid', message: t('funding:badAmount') } });
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
    return html`<section class="wide funding" aria-label=${t('funding:fundingOf', { name })}>
      <strong>${t('funding:fundingLines')}</strong>
      ${b
        ? html`<p class="gapline" aria-live="polite" data-gap>
            ${t('funding:gap')} <strong>${money(b.gap) || '–'}</strong>
            ${b.converted && b.converted.currency !== b.planned[0]?.currency && b.converted.gap !== null ? html`(${fmt.money(b.converted.gap, b.converted.currency)})` : nothing}
            <span class="muted"
              >${t('funding:breakdown', { planned: money(b.planned) || t('funding:unknown'), committed: money(b.committed) || '–', disbursed: money(b.disbursed) || '–', pledged: money(b.pledged) || '–' })}</span
            >
            ${b.converted?.missing.length ? html`<span class="error-box" role="note">${t('funding:lineMissingRate', { currency: b.converted.currency, list: fmt.list(b.converted.missing) })}</span>` : nothing}
          </p>`
        : nothing}
      ${lines.length === 0
        ? html`<p class="muted" data-empty>
            ${t(activity?.funding ? 'funding:emptyOld' : 'funding:emptyGap')}
          </p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t('funding:funder')}</th><th scope="col">${t('funding:amount')}</th><th scope="col">${t('funding:status')}</th><th scope="col">${t('funding:source')}</th>
                <th scope="col">${t('funding:refCol')}</th><th scope="col"><span class="muted">${t('funding:remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${lines.map((l, i) => this.renderLine(ws, l, i + 1))}
            </tbody>
          </table>`}
      <form class="add" @submit=${(e: SubmitEvent) => this.add(ws, e)} aria-label=${t('funding:addLineForm', { name })}>
        <input name="funder" list=${`funders-${this.activityId}`} aria-label=${t('funding:newFunder')} placeholder=${t('funding:newFunderPh')} />
        <datalist id=${`funders-${this.activityId}`}>
          ${plan.stakeholders.filter((x) => !x.archived && x.organisation.trim()).map((x) => html`<option value=${x.organisation}></option>`)}
        </datalist>
        <input name="amount" type="number" min="0" step="any" aria-label=${t('funding:newAmount')} placeholder=${t('funding:amount')} />
        <input name="currency" aria-label=${t('funding:newCurrency')} value=${currency} maxlength="3" size="4" pattern="[A-Za-z]{3}" required />
        <select name="status" aria-label=${t('funding:newStatus')}>
          ${FUNDING_LINE_STATUSES.map((s) => html`<option value=${s} ?selected=${s === 'committed'}>${statusLabel(s)}</option>`)}
        </select>
        <select name="source" aria-label=${t('funding:newSource')}>
          ${FUNDING_SOURCES.map((s) => html`<option value=${s}>${sourceLabel(s)}</option>`)}
        </select>
        <button class="secondary" type="submit">${t('funding:addLine')}</button>
      </form>
    </section>`;
  }

  private renderLine(ws: Workspace, l: FundingLine, n: number) {
    const label = l.funder ? t('funding:lineOf', { n, funder: l.funder }) : t('funding:line', { n });
    const cur = l.amount?.currency ?? ws.store.plan.currency ?? 'USD';
    const setAmount = (amountText: string, currency: string) => {
      const c = currency.trim().toUpperCase();
      if (amountText.trim() === '') return this.set(ws, l.id, 'amount', null);
      const amount = Number(amountText);
      this.set(ws, l.id, 'amount', { amount, currency: c });
    };
    return html`<tr data-line=${l.id}>
      <td data-label=${t('funding:funder')}><input dir="auto" aria-label=${t('funding:lineFunder', { line: label })} list=${`funders-${this.activityId}`} .value=${l.funder} @change=${(e: Event) => {
        const funder = valueOf(e).trim();
        this.set(ws, l.id, 'funder', funder);
        const id = registerIdOf(ws, funder);
        if (id !== l.stakeholderId) this.set(ws, l.id, 'stakeholderId', id);
      }} /></td>
      <td data-label=${t('funding:amount')}>
        <span class="amount">
          <input type="number" min="0" step="any" aria-label=${t('funding:lineAmount', { line: label })} .value=${l.amount ? String(l.amount.amount) : ''} @change=${(e: Event) => setAmount(valueOf(e), cur)} />
          <input class="cur" aria-label=${t('funding:lineCurrency', { line: label })} maxlength="3" .value=${cur} @change=${(e: Event) => l.amount && setAmount(String(l.amount.amount), valueOf(e))} />
        </span>
      </td>
      <td data-label=${t('funding:status')}>
        <select aria-label=${t('funding:lineStatus', { line: label })} @change=${(e: Event) => this.set(ws, l.id, 'status', valueOf(e) as FundingLine['status'])}>
          ${FUNDING_LINE_STATUSES.map((s) => html`<option value=${s} ?selected=${l.status === s}>${statusLabel(s)}</option>`)}
        </select>
      </td>
      <td data-label=${t('funding:source')}>
        <select aria-label=${t('funding:lineSource', { line: label })} @change=${(e: Event) => this.set(ws, l.id, 'source', valueOf(e) as FundingLine['source'])}>
          ${FUNDING_SOURCES.map((s) => html`<option value=${s} ?selected=${l.source === s}>${sourceLabel(s)}</option>`)}
        </select>
      </td>
      <td data-label=${t('funding:reference')}>
        ${l.source === 'national-budget'
          ? html`<input dir="auto" aria-label=${t('funding:lineBudget', { line: label })} placeholder=${t('funding:budgetLinePh')} .value=${l.budgetLine} @change=${(e: Event) => this.set(ws, l.id, 'budgetLine', valueOf(e).trim())} />`
          : nothing}
        <input aria-label=${t('funding:lineIati', { line: label })} placeholder=${t('funding:iatiPh')} .value=${l.iatiActivityId} @change=${(e: Event) => this.set(ws, l.id, 'iatiActivityId', valueOf(e).trim())} />
      </td>
      <td data-label=${t('funding:remove')}><button class="quiet" @click=${() => this.report(archiveFundingLine(ws.doc, l.id, ws.origin))} aria-label=${t('funding:removeLine', { line: label })}>${t('funding:remove')}</button></td>
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

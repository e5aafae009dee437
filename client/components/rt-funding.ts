import { css, html, nothing } from 'lit';
import {
  addExchangeRate,
  archiveExchangeRate,
  formatRate,
  setPlanField,
  type Money,
  type SourceRow,
} from '../../shared/model.js';
import { formatMoney, formatMoneyList as money } from '../../shared/domain/money.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';

/** Styles of the funding section, adopted by the matrix. */
export const fundingPanelStyles = css`
  details.funds { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.4rem 0.6rem; margin-bottom: 0.6rem; background: #fff; }
  details.funds > summary { cursor: pointer; font-weight: 600; }
  .funds h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
  .funds table { width: 100%; border-collapse: collapse; }
  .funds th, .funds td { text-align: left; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); font-size: 0.88rem; vertical-align: top; }
  .funds td.n, .funds th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .funds .settings { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
  .funds .scroll { overflow-x: auto; }
  @media (max-width: 640px) {
    .funds .settings { flex-direction: column; align-items: stretch; }
    .funds table { table-layout: fixed; }
    .funds th, .funds td { font-size: 0.78rem; padding: 0.2rem 0.15rem; overflow-wrap: anywhere; }
  }
`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The plan-currency amount of a figure, or a note that a rate is missing. */
function inPlan(value: number | null | undefined, currency: string | undefined): string {
  if (!currency) return '';
  return value === null || value === undefined ? 'rate missing' : formatMoney({ amount: value, currency });
}

/**
 * The resource-mobilisation section of the matrix (SPEC FN4, CU1-CU5): the plan currency, the
 * exchange rates the team entered with their value dates, the fiscal-year start, the totals in
 * the plan currency with the rates used, money per funder and per source by status, and planned
 * money per fiscal year. Editors change the settings and rates; observers read.
 */
export class RtFunding extends RtPart {
  private addRate(ws: Workspace, e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const quote = ws.store.plan.currency;
    if (!quote) return this.report({ ok: false, error: { code: 'invalid', message: 'Choose the plan currency first: rates convert into it.' } });
    const r = addExchangeRate(
      ws.doc,
      { currency: String(data.get('currency') ?? '').trim().toUpperCase(), quote, rate: Number(data.get('rate')), date: String(data.get('date') ?? '') },
      ws.origin,
    );
    this.report(r);
    if (r.ok) form.reset();
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const b = ws.store.budget;
    const cur = plan.currency ?? undefined;
    const rates = plan.exchangeRates.filter((r) => !r.archived).sort((a, c) => (a.currency + a.date < c.currency + c.date ? -1 : 1));
    const total = b.plan;
    return html`<details class="funds" data-funding>
      <summary>Funding by source, currencies and fiscal years</summary>
      <div class="settings">
        <label class="field"
          ><span>Plan currency (totals are converted into it)</span>
          <input
            aria-label="Plan currency"
            maxlength="3"
            size="4"
            pattern="[A-Za-z]{3}"
            .value=${plan.currency ?? ''}
            @change=${(e: Event) => this.report(setPlanField(ws.doc, 'currency', valueOf(e).trim().toUpperCase() || null, ws.origin))}
        /></label>
        <label class="field"
          ><span>Fiscal year starts in</span>
          <select aria-label="Fiscal year starts in" @change=${(e: Event) => this.report(setPlanField(ws.doc, 'fiscalYearStart', Number(valueOf(e)), ws.origin))}>
            ${MONTHS.map((m, i) => html`<option value=${i + 1} ?selected=${plan.fiscalYearStart === i + 1}>${m}</option>`)}
          </select></label
        >
      </div>

      <h3>Totals${cur ? ` in ${cur}` : ''}</h3>
      ${cur
        ? html`<p>
            Planned <strong data-total="planned">${inPlan(total.converted?.planned, cur)}</strong> · committed ${inPlan(total.converted?.committed, cur)} · disbursed
            ${inPlan(total.converted?.disbursed, cur)} · pledged ${inPlan(total.converted?.pledged, cur)} · gap <strong data-total="gap">${inPlan(total.converted?.gap, cur)}</strong>
          </p>
          ${b.rates.length ? html`<p class="muted">Rates used: ${b.rates.map(formatRate).join('; ')}.</p>` : nothing}
          ${b.missingRates.length
            ? html`<p class="error-box" role="note" data-missing>No exchange rate into ${cur} for ${b.missingRates.join(', ')}: totals that include them are not shown until a rate is entered below.</p>`
            : nothing}`
        : html`<p class="muted">Set the plan currency to see totals across currencies. Per currency: planned ${money(total.planned) || 'nothing yet'}, gap ${money(total.gap) || '–'}.</p>`}

      <h3>Exchange rates</h3>
      ${rates.length === 0
        ? html`<p class="muted">No exchange rates yet. Enter the rates the team agreed (for example the central bank's rate on a value date); nothing is looked up online.</p>`
        : html`<div class="scroll"><table aria-label="Exchange rates">
            <thead><tr><th scope="col">Rate</th><th scope="col">Value date</th><th scope="col"><span class="muted">Remove</span></th></tr></thead>
            <tbody>
              ${rates.map(
                (r) => html`<tr>
                  <td>1 ${r.currency} = ${r.rate} ${r.quote}</td>
                  <td>${r.date}</td>
                  <td><button class="quiet" aria-label=${`Remove the rate 1 ${r.currency} = ${r.rate} ${r.quote} of ${r.date}`} @click=${() => this.report(archiveExchangeRate(ws.doc, r.id, ws.origin))}>Remove</button></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      <form class="row" aria-label="Add an exchange rate" @submit=${(e: SubmitEvent) => this.addRate(ws, e)}>
        <span>1</span>
        <input name="currency" aria-label="Currency converted from" placeholder="EUR" maxlength="3" size="4" pattern="[A-Za-z]{3}" required />
        <span>=</span>
        <input name="rate" type="number" min="0" step="any" aria-label=${`Rate in ${cur ?? 'the plan currency'}`} placeholder="Rate" required />
        <span>${cur ?? ''} from</span>
        <input name="date" type="date" aria-label="Value date" required />
        <button class="secondary" type="submit">Add rate</button>
      </form>

      <h3>Money per funder</h3>
      ${this.renderSources(b.bySource.funders, 'Funder', cur, 'No funding lines yet: add them in the details of each activity.')}
      <h3>Money per source</h3>
      ${this.renderSources(b.bySource.sources, 'Source', cur, 'Nothing to show yet.')}

      <h3>Planned money per fiscal year</h3>
      ${b.fiscal.years.length === 0
        ? html`<p class="muted">No activity has both a budget and dates yet.</p>`
        : html`<div class="scroll"><table aria-label="Planned money per fiscal year">
            <thead><tr><th scope="col">Fiscal year</th><th scope="col">From - to</th><th scope="col" class="n">Planned</th>${cur ? html`<th scope="col" class="n">In ${cur}</th>` : nothing}</tr></thead>
            <tbody>
              ${b.fiscal.years.map(
                (y) => html`<tr><td>${y.label}</td><td>${y.start} - ${y.end}</td><td class="n">${money(y.planned)}</td>${cur ? html`<td class="n">${inPlan(y.converted, cur)}</td>` : nothing}</tr>`,
              )}
            </tbody>
          </table></div>`}
      ${b.fiscal.unscheduled.length ? html`<p class="muted">Not yet dated: ${money(b.fiscal.unscheduled)}.</p>` : nothing}
    </details>`;
  }

  private renderSources(rows: readonly SourceRow[], head: string, cur: string | undefined, empty: string) {
    if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
    const cell = (list: Money[], conv: number | null | undefined) => html`<td class="n">${money(list) || '–'}${cur && list.length && list.some((m) => m.currency !== cur) ? html`<br /><small>${inPlan(conv, cur)}</small>` : nothing}</td>`;
    return html`<div class="scroll"><table aria-label=${`Money per ${head.toLowerCase()}`}>
      <thead><tr><th scope="col">${head}</th><th scope="col" class="n">Pledged</th><th scope="col" class="n">Committed</th><th scope="col" class="n">Disbursed</th><th scope="col" class="n">Lines</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr>
            <th scope="row">${r.label}</th>
            ${cell(r.pledged, r.converted?.pledged)}${cell(r.committed, r.converted?.committed)}${cell(r.disbursed, r.converted?.disbursed)}
            <td class="n">${r.lines}${r.unknownAmount ? html` <small>(${r.unknownAmount} without amount)</small>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}
customElements.define('rt-funding', RtFunding);

declare global {
  interface HTMLElementTagNameMap {
    'rt-funding': RtFunding;
  }
}

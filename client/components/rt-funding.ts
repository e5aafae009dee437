import { css, html, nothing } from 'lit';
import {
  addExchangeRate,
  archiveExchangeRate,
  UNNAMED_FUNDER,
  setPlanField,
  type Money,
  type SourceRow,
} from '../../shared/model.js';
import { fmt, t } from '../i18n.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart, valueOf } from './rt-view.js';

/** Styles of the funding section, adopted by the matrix. */
export const fundingPanelStyles = css`
  details.funds { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.4rem 0.6rem; margin-bottom: 0.6rem; background: #fff; }
  details.funds > summary { cursor: pointer; font-weight: 600; }
  .funds h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
  .funds table { width: 100%; border-collapse: collapse; }
  .funds th, .funds td { text-align: start; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); font-size: 0.88rem; vertical-align: top; }
  .funds td.n, .funds th.n { text-align: end; font-variant-numeric: tabular-nums; }
  .funds .settings { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; }
  .funds .scroll { overflow-x: auto; }
  @media (max-width: 640px) {
    .funds .settings { flex-direction: column; align-items: stretch; }
    .funds table { table-layout: fixed; }
    .funds th, .funds td { font-size: 0.78rem; padding: 0.2rem 0.15rem; overflow-wrap: anywhere; }
  }
`;

/** Amounts kept per currency, each through `fmt.money` (client/money.ts). */
import { moneyList } from '../money.js';
export { moneyList };
const money = moneyList;

/** The plan-currency amount of a figure, or a note that a rate is missing. */
function inPlan(value: number | null | undefined, currency: string | undefined): string {
  if (!currency) return '';
  return value === null || value === undefined ? t('funding:rateMissing') : fmt.money(value, currency);
}

/** A rate in force, in the reader's words and figures. */
const rateText = (r: { currency: string; quote: string; rate: number; date: string }): string =>
  t('funding:rate', { from: r.currency, to: r.quote, rate: fmt.number(Number(r.rate.toPrecision(6)), 6), date: fmt.date(r.date) });

/** A summary row's label: source kinds and the unnamed funder translated, funders' names as typed. */
const rowLabel = (r: SourceRow): string =>
  r.key === 'national-budget' || r.key === 'new-money' ? t(`funding:sourceKind.${r.key}`) : r.label === UNNAMED_FUNDER ? t('funding:unnamedFunder') : r.label;

/**
 * The resource-mobilisation section of the matrix (SPEC FN4, CU1-CU5): the plan currency, the
 * exchange rates the team entered with their value dates, the fiscal-year start, the totals in
 * the plan currency with the rates used, money per funder and per source by status, and planned
 * money per fiscal year. Editors change the settings and rates; observers read.
 */
export class RtFunding extends RtPart {
  /** The plan's currency settings and rates, and the budget's figures (not the rows' titles a title edit patches: SPEC MP3). */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const { plan } = ws.store;
    return [plan.currency, plan.fiscalYearStart, plan.exchangeRates, ws.store.budgetFigures(ws.store.budget)];
  }

  private addRate(ws: Workspace, e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const quote = ws.store.plan.currency;
    if (!quote) return this.report({ ok: false, error: { code: 'invalid', message: t('funding:needCurrency') } });
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
      <summary>${t('funding:summary')}</summary>
      <div class="settings">
        <label class="field"
          ><span>${t('funding:planCurrencyHint')}</span>
          <input
            aria-label=${t('funding:planCurrency')}
            maxlength="3"
            size="4"
            pattern="[A-Za-z]{3}"
            .value=${plan.currency ?? ''}
            @change=${(e: Event) => this.report(setPlanField(ws.doc, 'currency', valueOf(e).trim().toUpperCase() || null, ws.origin))}
        /></label>
        <label class="field"
          ><span>${t('funding:fyStart')}</span>
          <select aria-label=${t('funding:fyStart')} @change=${(e: Event) => this.report(setPlanField(ws.doc, 'fiscalYearStart', Number(valueOf(e)), ws.origin))}>
            ${Array.from({ length: 12 }, (_, i) => html`<option value=${i + 1} ?selected=${plan.fiscalYearStart === i + 1}>${t(`funding:month.m${i + 1}`)}</option>`)}
          </select></label
        >
      </div>

      <h3>${cur ? t('funding:totalsIn', { currency: cur }) : t('funding:totals')}</h3>
      ${cur
        ? html`<p>
            ${t('funding:planned')} <strong data-total="planned">${inPlan(total.converted?.planned, cur)}</strong> · ${t('funding:committedLc')} ${inPlan(total.converted?.committed, cur)} ·
            ${t('funding:disbursedLc')} ${inPlan(total.converted?.disbursed, cur)} · ${t('funding:pledgedLc')} ${inPlan(total.converted?.pledged, cur)} · ${t('funding:gapLc')}
            <strong data-total="gap">${inPlan(total.converted?.gap, cur)}</strong>
          </p>
          ${b.rates.length ? html`<p class="muted">${t('funding:ratesUsed', { list: b.rates.map(rateText).join('; ') })}</p>` : nothing}
          ${b.missingRates.length
            ? html`<p class="error-box" role="note" data-missing>${t('funding:missingRates', { currency: cur, list: fmt.list(b.missingRates) })}</p>`
            : nothing}`
        : html`<p class="muted">${t('funding:noCurrency', { planned: money(total.planned) || t('funding:nothingYet'), gap: money(total.gap) || '–' })}</p>`}

      <h3>${t('funding:rates')}</h3>
      ${rates.length === 0
        ? html`<p class="muted">${t('funding:noRates')}</p>`
        : html`<div class="scroll"><table aria-label=${t('funding:rates')}>
            <thead><tr><th scope="col">${t('funding:rateCol')}</th><th scope="col">${t('funding:valueDate')}</th><th scope="col"><span class="muted">${t('funding:remove')}</span></th></tr></thead>
            <tbody>
              ${rates.map(
                (r) => html`<tr>
                  <td>${t('funding:rateShort', { from: r.currency, rate: fmt.number(r.rate, 6), to: r.quote })}</td>
                  <td>${fmt.date(r.date)}</td>
                  <td><button class="quiet" aria-label=${t('funding:removeRate', { from: r.currency, rate: fmt.number(r.rate, 6), to: r.quote, date: fmt.date(r.date) })} @click=${() => this.report(archiveExchangeRate(ws.doc, r.id, ws.origin))}>${t('funding:remove')}</button></td>
                </tr>`,
              )}
            </tbody>
          </table></div>`}
      <form class="row" aria-label=${t('funding:addRateForm')} @submit=${(e: SubmitEvent) => this.addRate(ws, e)}>
        <span>1</span>
        <input name="currency" aria-label=${t('funding:currencyFrom')} placeholder="EUR" maxlength="3" size="4" pattern="[A-Za-z]{3}" required />
        <span>=</span>
        <input name="rate" type="number" min="0" step="any" aria-label=${t('funding:rateIn', { currency: cur ?? t('funding:thePlanCurrency') })} placeholder=${t('funding:ratePlaceholder')} required />
        <span>${cur ?? ''} ${t('funding:from')}</span>
        <input name="date" type="date" aria-label=${t('funding:valueDate')} required />
        <button class="secondary" type="submit">${t('funding:addRate')}</button>
      </form>

      <h3>${t('funding:perFunder')}</h3>
      ${this.renderSources(b.bySource.funders, t('funding:funder'), t('funding:perFunderTable'), cur, t('funding:noLinesYet'))}
      <h3>${t('funding:perSource')}</h3>
      ${this.renderSources(b.bySource.sources, t('funding:source'), t('funding:perSourceTable'), cur, t('funding:nothingToShow'))}

      <h3>${t('funding:perYear')}</h3>
      ${b.fiscal.years.length === 0
        ? html`<p class="muted">${t('funding:noYears')}</p>`
        : html`<div class="scroll"><table aria-label=${t('funding:perYear')}>
            <thead><tr><th scope="col">${t('funding:fiscalYear')}</th><th scope="col">${t('funding:fromTo')}</th><th scope="col" class="n">${t('funding:planned')}</th>${cur ? html`<th scope="col" class="n">${t('funding:inCurrency', { currency: cur })}</th>` : nothing}</tr></thead>
            <tbody>
              ${b.fiscal.years.map(
                (y) => html`<tr><td>${y.label}</td><td>${t('funding:range', { start: fmt.date(y.start), end: fmt.date(y.end) })}</td><td class="n">${money(y.planned)}</td>${cur ? html`<td class="n">${inPlan(y.converted, cur)}</td>` : nothing}</tr>`,
              )}
            </tbody>
          </table></div>`}
      ${b.fiscal.unscheduled.length ? html`<p class="muted">${t('funding:undated', { money: money(b.fiscal.unscheduled) })}</p>` : nothing}
    </details>`;
  }

  private renderSources(rows: readonly SourceRow[], head: string, tableName: string, cur: string | undefined, empty: string) {
    if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
    const cell = (list: Money[], conv: number | null | undefined) => html`<td class="n">${money(list) || '–'}${cur && list.length && list.some((m) => m.currency !== cur) ? html`<br /><small>${inPlan(conv, cur)}</small>` : nothing}</td>`;
    return html`<div class="scroll"><table aria-label=${tableName}>
      <thead><tr><th scope="col">${head}</th><th scope="col" class="n">${t('funding:pledged')}</th><th scope="col" class="n">${t('funding:committed')}</th><th scope="col" class="n">${t('funding:disbursed')}</th><th scope="col" class="n">${t('funding:lines')}</th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr>
            <th scope="row" dir="auto">${rowLabel(r)}</th>
            ${cell(r.pledged, r.converted?.pledged)}${cell(r.committed, r.converted?.committed)}${cell(r.disbursed, r.converted?.disbursed)}
            <td class="n">${fmt.number(r.lines)}${r.unknownAmount ? html` <small>${t('funding:withoutAmount', { n: fmt.number(r.unknownAmount) })}</small>` : nothing}</td>
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

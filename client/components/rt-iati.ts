import { css, html, nothing } from 'lit';
import { activeCodes } from '../../shared/codelists/index.js';
import { fmt, labelled, t } from '../i18n.js';
import { IATI_ORG_REF } from '../../shared/schema/registry.js';
import { donorFundingLines, linkDonorLines, linkDonorLinesToOutput, setPlanField } from '../../shared/model.js';
import { type DonorActivity } from '../state/api.js';
import { api } from '../state/api-routes.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView, valueOf } from './rt-view.js';
import { commandText, errorBox, type Notice, failureText } from '../command-text.js';
import { moneyList } from '../money.js';

/** Largest file the browser sends (the server refuses more). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** One funding line as people read it ("committed 1,000 EUR"). */
const lineText = (l: { status: string; amount: { amount: number; currency: string } | null }): string =>
  `${t(`iati:status.${l.status}`)} ${l.amount ? moneyList([l.amount]) : ''}`.trim();

/**
 * The IATI panel (facilitators): the reporting organisation the plan is published under (name,
 * IATI identifier, type), the IATI 2.03 download with what it still needs, and the donor import:
 * an IATI activity file read by the server (`POST /api/plans/:id/iati`) and listed activity by
 * activity (identifier, title, reporting organisation, funders, budgets, transactions by type).
 */
export class RtIati extends RtView {
  static override properties = {
    ...RtView.properties,
    planId: { type: String },
    donors: { state: true },
    fileName: { state: true },
    message: { state: true },
    busy: { state: true },
    linked: { state: true },
  };
  /** What the last link added, for people to read. */
  declare linked: string;
  declare planId: string;
  declare donors: DonorActivity[] | null;
  declare fileName: string;
  declare message: Notice;
  declare busy: boolean;

  static override styles = [
    base,
    css`
      :host { display: block; }
      section { margin-block: 1rem 1.5rem; }
      .grid { display: grid; gap: 0.6rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
      .grid input, .grid select { width: 100%; }
      article { border: 1px solid var(--rt-line); border-radius: 0.4rem; padding: 0.6rem 0.75rem; margin-block: 0.6rem; }
      article h4 { margin: 0 0 0.3rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0; }
      dt { color: var(--rt-muted); }
      dd { margin: 0; word-break: break-word; }
      @media (max-width: 480px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.3rem; } }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.donors = null;
    this.fileName = '';
    this.message = '';
    this.busy = false;
    this.linked = '';
  }

  /**
   * Links a donor activity as funding lines, all or nothing: to a plan activity (SPEC FN5), or to
   * an output (picker value `output:<id>`), spread over its activities by planned budget (FN8).
   */
  private link(ws: Workspace, donor: DonorActivity, e: SubmitEvent): void {
    e.preventDefault();
    const target = String(new FormData(e.target as HTMLFormElement).get('activity') ?? '');
    const outputId = target.startsWith('output:') ? target.slice('output:'.length) : null;
    const lines = donorFundingLines(donor);
    const r = outputId !== null ? linkDonorLinesToOutput(ws.doc, outputId, lines, ws.origin) : linkDonorLines(ws.doc, target, lines, ws.origin);
    if (!r.ok) {
      const refused = r.error;
      this.message = () => t('iati:linkFailed', { name: donor.identifier || donor.title, reason: commandText(refused, this) });
      return;
    }
    const code = ws.store.codes.get(outputId ?? target)?.code ?? '';
    const name = donor.identifier || donor.title;
    const text = lines.map((l) => t('iati:lineFrom', { status: t(`iati:status.${l.status}`), amount: l.amount ? moneyList([l.amount]) : '', funder: l.funder })).join('; ');
    this.message = '';
    if (outputId === null) {
      this.linked = t('iati:linkedActivity', { name, code, lines: text });
      return;
    }
    const spread = new Set(ws.store.plan.fundingLines.filter((l) => r.value.includes(l.id)).map((l) => l.activityId)).size;
    this.linked = t('iati:linkedOutput', { name, code, count: spread, n: fmt.number(spread), lines: text });
  }

  private renderLink(ws: Workspace, donor: DonorActivity) {
    const plan = ws.store.plan;
    const codes = ws.store.codes;
    const byCode = (a: { id: string }, b: { id: string }) => codes.get(a.id)!.code.localeCompare(codes.get(b.id)!.code, 'en', { numeric: true });
    const activities = plan.activities.filter((a) => codes.has(a.id)).sort(byCode);
    const outputs = plan.outputs.filter((o) => codes.has(o.id) && activities.some((a) => a.outputId === o.id)).sort(byCode);
    const lines = donorFundingLines(donor);
    if (lines.length === 0) return html`<p class="muted">${t('iati:nothingToLink')}</p>`;
    if (activities.length === 0) return html`<p class="muted">${t('iati:noActivities')}</p>`;
    const name = donor.identifier || donor.title;
    return html`<form class="row" aria-label=${t('iati:linkForm', { name })} @submit=${(e: SubmitEvent) => this.link(ws, donor, e)}>
      <label class="field grow"
        ><span>${t('iati:funds')}</span>
        <select name="activity" aria-label=${t('iati:fundsLabel', { name })}>
          <optgroup label=${t('iati:activities')}>
            ${activities.map((a) => html`<option value=${a.id}>${codes.get(a.id)!.code} ${a.title || t('iati:untitled')}</option>`)}
          </optgroup>
          <optgroup label=${t('iati:outputs')}>
            ${outputs.map((o) => html`<option value=${`output:${o.id}`}>${t('iati:outputOption', { code: codes.get(o.id)!.code, title: o.title || t('iati:untitled') })}</option>`)}
          </optgroup>
        </select></label
      >
      <button type="submit">${t('iati:linkButton', { lines: lines.map(lineText).join(', ') })}</button>
    </form>`;
  }

  private setField(ws: Workspace, field: 'reportingOrgName' | 'reportingOrgRef' | 'reportingOrgType', value: string | null): void {
    const r = setPlanField(ws.doc, field, value as never, ws.origin);
    this.message = r.ok ? '' : r.error;
  }

  private async download(): Promise<void> {
    try {
      this.message = '';
      await api.download(this.planId, '/export.iati.xml', `plan-${this.planId}.iati.xml`);
    } catch (err) {
      this.message = () => t('iati:downloadFailed', { reason: failureText(err, this) });
    }
  }

  private async upload(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.fileName = file.name;
    this.donors = null;
    if (file.size > MAX_FILE_BYTES) {
      this.message = () => t('iati:tooLarge', { file: file.name });
      return;
    }
    this.busy = true;
    try {
      this.donors = await api.iatiActivities(this.planId, await file.text());
      this.message = '';
    } catch (err) {
      this.message = () => t('iati:readFailed', { file: file.name, reason: failureText(err, this) });
    } finally {
      this.busy = false;
      input.value = '';
    }
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const missing = [
      !plan.reportingOrgName.trim() && t('iati:missing.name'),
      !plan.reportingOrgRef && t('iati:missing.ref'),
      (!plan.horizonStart || !plan.horizonEnd) && t('iati:missing.horizon'),
    ].filter((x): x is string => !!x);
    return html`
      <h2>${t('iati:title')}</h2>
      ${errorBox(this.message, this)}
      <section aria-labelledby="iati-org">
        <h3 id="iati-org">${t('iati:org.heading')}</h3>
        <p class="muted">${t('iati:org.intro')}</p>
        <div class="grid">
          <label class="field"><span>${t('iati:org.name')}</span><input dir="auto" .value=${plan.reportingOrgName} maxlength="2000" @change=${(e: Event) => this.setField(ws, 'reportingOrgName', valueOf(e).trim())} /></label>
          <label class="field"
            ><span>${t('iati:org.ref')}</span
            ><input
              dir="ltr"
              .value=${plan.reportingOrgRef ?? ''}
              placeholder=${t('iati:org.refPlaceholder')}
              autocapitalize="characters"
              @change=${(e: Event) => {
                const v = valueOf(e).trim();
                if (v && !IATI_ORG_REF.test(v)) {
                  this.message = () => t('iati:org.badRef', { value: v });
                  return;
                }
                this.setField(ws, 'reportingOrgRef', v || null);
              }}
          /></label>
          <label class="field"
            ><span>${t('iati:org.type')}</span>
            <select @change=${(e: Event) => this.setField(ws, 'reportingOrgType', valueOf(e) || null)}>
              <option value="" ?selected=${!plan.reportingOrgType}>${t('iati:org.notSet')}</option>
              ${activeCodes('OrganisationType').map((o) => html`<option value=${o.code} ?selected=${plan.reportingOrgType === o.code}>${o.code} ${t(`iati:orgType.${o.code}`)}</option>`)}
            </select></label
          >
        </div>
      </section>
      <section aria-labelledby="iati-export">
        <h3 id="iati-export">${t('iati:file.heading')}</h3>
        <p class="muted">${t('iati:file.intro')}</p>
        ${missing.length ? html`<p role="note">${t('iati:file.before', { list: fmt.list(missing) })}</p>` : nothing}
        <button @click=${() => void this.download()} ?disabled=${missing.length > 0}>${t('iati:file.download')}</button>
      </section>
      <section aria-labelledby="iati-donors">
        <h3 id="iati-donors">${t('iati:donors.heading')}</h3>
        <p class="muted">${t('iati:donors.intro')}</p>
        <label class="field"><span>${t('iati:donors.file')}</span><input type="file" accept=".xml,application/xml,text/xml" @change=${(e: Event) => void this.upload(e)} ?disabled=${this.busy} /></label>
        ${this.busy ? html`<p class="muted" aria-busy="true">${t('iati:donors.reading', { file: this.fileName })}</p>` : nothing}
        ${this.donors === null
          ? !this.busy ? html`<p class="muted">${t('iati:donors.none')}</p>` : nothing
          : html`<p role="status">${t('iati:donors.count', { count: this.donors.length, n: fmt.number(this.donors.length), file: this.fileName })}</p>
              ${this.linked ? html`<p role="status" data-linked dir="auto">${this.linked}</p>` : nothing}
              ${this.donors.map((a) => renderDonor(a, this.renderLink(ws, a)))}`}
      </section>
    `;
  }
}

/** One donor activity as a card: identifier, organisations, budgets and transactions, and how to link it. */
function renderDonor(a: DonorActivity, link: unknown) {
  const funders = a.participatingOrgs.filter((p) => p.role === '1');
  const others = a.participatingOrgs.filter((p) => p.role !== '1');
  const org = (o: { name: string; ref: string }) => `${o.name || t('iati:donor.unnamed')}${o.ref ? ` (${o.ref})` : ''}`;
  const budgets = moneyList(a.budgets.filter((b) => b.currency).map((b) => ({ amount: b.amount, currency: b.currency })));
  return html`<article aria-label=${t('iati:donor.label', { name: a.identifier || a.title })}>
    <h4 dir="auto">${a.title || t('iati:untitled')}</h4>
    <dl>
      <dt>${t('iati:donor.identifier')}</dt><dd dir="ltr">${a.identifier || t('iati:donor.noneGiven')}</dd>
      <dt>${t('iati:donor.reportingOrg')}</dt><dd dir="auto">${org(a.reportingOrg)}</dd>
      <dt>${t('iati:donor.funders')}</dt><dd dir="auto">${funders.length ? funders.map(org).join('; ') : t('iati:donor.noneNamed')}</dd>
      ${others.length ? html`<dt>${t('iati:donor.others')}</dt><dd dir="auto">${others.map((o) => `${org(o)}${o.roleName ? `, ${o.roleName.toLowerCase()}` : ''}`).join('; ')}</dd>` : nothing}
      <dt>${t('iati:donor.currency')}</dt><dd>${a.currency || t('iati:donor.perValue')}</dd>
      <dt>${t('iati:donor.budgets')}</dt><dd>${a.budgets.length ? t('iati:donor.budgetsIn', { amounts: budgets || t('iati:donor.noCurrency'), count: a.budgets.length, n: fmt.number(a.budgets.length) }) : t('iati:donor.none')}</dd>
      <dt>${t('iati:donor.transactions')}</dt>
      <dd>${a.totals.length ? a.totals.map((x) => labelled(x.typeName || t('iati:donor.type', { type: x.type }), `${moneyList([{ amount: x.amount, currency: x.currency || '?' }])} (${fmt.number(x.count)})`)).join('; ') : t('iati:donor.none')}</dd>
    </dl>
    ${link}
  </article>`;
}
customElements.define('rt-iati', RtIati);

declare global {
  interface HTMLElementTagNameMap {
    'rt-iati': RtIati;
  }
}

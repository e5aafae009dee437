import { css, html, nothing } from 'lit';
import { activeCodes } from '../../shared/codelists/index.js';
import { formatMoneyList } from '../../shared/domain/money.js';
import { IATI_ORG_REF } from '../../shared/schema/registry.js';
import { donorFundingLines, linkDonorLines, linkDonorLinesToOutput, setPlanField } from '../../shared/model.js';
import { api, type DonorActivity } from '../state/api.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView, valueOf } from './rt-view.js';

/** Largest file the browser sends (the server refuses more). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

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
  declare message: string;
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
      this.message = `Could not link ${donor.identifier || donor.title}: ${r.error.message}`;
      return;
    }
    const code = ws.store.codes.get(outputId ?? target)?.code ?? '';
    const where = outputId !== null ? `output ${code}, spread over ${new Set(ws.store.plan.fundingLines.filter((l) => r.value.includes(l.id)).map((l) => l.activityId)).size} of its activities by planned budget` : `activity ${code}`;
    this.message = '';
    this.linked = `Linked ${donor.identifier || donor.title} to ${where}: ${lines.map((l) => `${l.status} ${formatMoneyList(l.amount ? [l.amount] : [])} from ${l.funder}`).join('; ')}. The gap now counts it.`;
  }

  private renderLink(ws: Workspace, donor: DonorActivity) {
    const plan = ws.store.plan;
    const codes = ws.store.codes;
    const byCode = (a: { id: string }, b: { id: string }) => codes.get(a.id)!.code.localeCompare(codes.get(b.id)!.code, 'en', { numeric: true });
    const activities = plan.activities.filter((a) => codes.has(a.id)).sort(byCode);
    const outputs = plan.outputs.filter((o) => codes.has(o.id) && activities.some((a) => a.outputId === o.id)).sort(byCode);
    const lines = donorFundingLines(donor);
    if (lines.length === 0) return html`<p class="muted">Nothing to link: it reports no commitment, disbursement or budget with a currency.</p>`;
    if (activities.length === 0) return html`<p class="muted">Add activities to the matrix to link this donor activity to one of them.</p>`;
    const name = donor.identifier || donor.title;
    return html`<form class="row" aria-label=${`Link ${name} as funding`} @submit=${(e: SubmitEvent) => this.link(ws, donor, e)}>
      <label class="field grow"
        ><span>Funds plan activity or output</span>
        <select name="activity" aria-label=${`Plan activity or output ${name} funds`}>
          <optgroup label="Activities">
            ${activities.map((a) => html`<option value=${a.id}>${codes.get(a.id)!.code} ${a.title || '(untitled)'}</option>`)}
          </optgroup>
          <optgroup label="Outputs (spread over their activities by planned budget)">
            ${outputs.map((o) => html`<option value=${`output:${o.id}`}>Output ${codes.get(o.id)!.code} ${o.title || '(untitled)'}</option>`)}
          </optgroup>
        </select></label
      >
      <button type="submit">Link as funding (${lines.map((l) => `${l.status} ${formatMoneyList(l.amount ? [l.amount] : [])}`).join(', ')})</button>
    </form>`;
  }

  private setField(ws: Workspace, field: 'reportingOrgName' | 'reportingOrgRef' | 'reportingOrgType', value: string | null): void {
    const r = setPlanField(ws.doc, field, value as never, ws.origin);
    this.message = r.ok ? '' : r.error.message;
  }

  private async download(): Promise<void> {
    try {
      this.message = '';
      await api.download(this.planId, '/export.iati.xml', `plan-${this.planId}.iati.xml`);
    } catch (err) {
      this.message = `Could not make the IATI file: ${(err as Error).message}`;
    }
  }

  private async upload(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.fileName = file.name;
    this.donors = null;
    if (file.size > MAX_FILE_BYTES) {
      this.message = `“${file.name}” is larger than 5 MB; split it into smaller files.`;
      return;
    }
    this.busy = true;
    try {
      this.donors = await api.iatiActivities(this.planId, await file.text());
      this.message = '';
    } catch (err) {
      this.message = `Could not read “${file.name}”: ${(err as Error).message}`;
    } finally {
      this.busy = false;
      input.value = '';
    }
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const missing = [
      !plan.reportingOrgName.trim() && 'the reporting organisation’s name',
      !plan.reportingOrgRef && 'its IATI identifier',
      (!plan.horizonStart || !plan.horizonEnd) && 'the plan horizon (start and end dates)',
    ].filter(Boolean);
    return html`
      <h2>IATI</h2>
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <section aria-labelledby="iati-org">
        <h3 id="iati-org">Reporting organisation</h3>
        <p class="muted">The organisation that publishes the plan to IATI, usually the ministry leading it.</p>
        <div class="grid">
          <label class="field"><span>Name</span><input .value=${plan.reportingOrgName} maxlength="2000" @change=${(e: Event) => this.setField(ws, 'reportingOrgName', valueOf(e).trim())} /></label>
          <label class="field"
            ><span>IATI organisation identifier</span
            ><input
              .value=${plan.reportingOrgRef ?? ''}
              placeholder="e.g. XM-DAC-47066"
              autocapitalize="characters"
              @change=${(e: Event) => {
                const v = valueOf(e).trim();
                if (v && !IATI_ORG_REF.test(v)) {
                  this.message = `“${v}” is not an IATI organisation identifier: an agency prefix and a number, such as XM-DAC-47066 or GB-COH-01234567.`;
                  return;
                }
                this.setField(ws, 'reportingOrgRef', v || null);
              }}
          /></label>
          <label class="field"
            ><span>Type</span>
            <select @change=${(e: Event) => this.setField(ws, 'reportingOrgType', valueOf(e) || null)}>
              <option value="" ?selected=${!plan.reportingOrgType}>Not set</option>
              ${activeCodes('OrganisationType').map((t) => html`<option value=${t.code} ?selected=${plan.reportingOrgType === t.code}>${t.code} ${t.name}</option>`)}
            </select></label
          >
        </div>
      </section>
      <section aria-labelledby="iati-export">
        <h3 id="iati-export">IATI 2.03 file</h3>
        <p class="muted">The plan as a parent activity and each matrix activity as a child, with budgets by year, funders, expenditure, sectors, SDG targets and results. DAC sectors, SDG targets and Global Compact objectives are set on goals and activities in the matrix.</p>
        ${missing.length ? html`<p role="note">Before downloading, set ${missing.join(', ')}.</p>` : nothing}
        <button @click=${() => void this.download()} ?disabled=${missing.length > 0}>Download IATI file</button>
      </section>
      <section aria-labelledby="iati-donors">
        <h3 id="iati-donors">Donor activities</h3>
        <p class="muted">Read an IATI activity file from a donor or a portal (a whole file or one activity, at most 5 MB) to see what it funds.</p>
        <label class="field"><span>IATI file (.xml)</span><input type="file" accept=".xml,application/xml,text/xml" @change=${(e: Event) => void this.upload(e)} ?disabled=${this.busy} /></label>
        ${this.busy ? html`<p class="muted" aria-busy="true">Reading “${this.fileName}”…</p>` : nothing}
        ${this.donors === null
          ? !this.busy ? html`<p class="muted">No file read yet.</p>` : nothing
          : html`<p role="status">${this.donors.length} activit${this.donors.length === 1 ? 'y' : 'ies'} in “${this.fileName}”.</p>
              ${this.linked ? html`<p role="status" data-linked>${this.linked}</p>` : nothing}
              ${this.donors.map((a) => renderDonor(a, this.renderLink(ws, a)))}`}
      </section>
    `;
  }
}

/** One donor activity as a card: identifier, organisations, budgets and transactions, and how to link it. */
function renderDonor(a: DonorActivity, link: unknown) {
  const funders = a.participatingOrgs.filter((p) => p.role === '1');
  const others = a.participatingOrgs.filter((p) => p.role !== '1');
  const org = (o: { name: string; ref: string }) => `${o.name || '(unnamed)'}${o.ref ? ` (${o.ref})` : ''}`;
  const budgets = formatMoneyList(a.budgets.filter((b) => b.currency).map((b) => ({ amount: b.amount, currency: b.currency })));
  return html`<article aria-label=${`Donor activity ${a.identifier || a.title}`}>
    <h4>${a.title || '(untitled)'}</h4>
    <dl>
      <dt>Identifier</dt><dd>${a.identifier || '(none given)'}</dd>
      <dt>Reporting organisation</dt><dd>${org(a.reportingOrg)}</dd>
      <dt>Funders</dt><dd>${funders.length ? funders.map(org).join('; ') : 'none named'}</dd>
      ${others.length ? html`<dt>Other organisations</dt><dd>${others.map((o) => `${org(o)}${o.roleName ? `, ${o.roleName.toLowerCase()}` : ''}`).join('; ')}</dd>` : nothing}
      <dt>Currency</dt><dd>${a.currency || 'per value'}</dd>
      <dt>Budgets</dt><dd>${a.budgets.length ? `${budgets || 'amounts without currency'} in ${a.budgets.length} period${a.budgets.length === 1 ? '' : 's'}` : 'none'}</dd>
      <dt>Transactions</dt>
      <dd>${a.totals.length ? a.totals.map((t) => `${t.typeName || `type ${t.type}`}: ${formatMoneyList([{ amount: t.amount, currency: t.currency || '?' }])} (${t.count})`).join('; ') : 'none'}</dd>
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

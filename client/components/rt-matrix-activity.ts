import { html, nothing } from 'lit';
import { DEPENDENCY_TYPES, FUNDING_MODALITIES, setNodeField, type Activity, type DependencyType, type Funding, type NodeBudget, type NodeField } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { t } from '../i18n.js';
import { RtPart, valueOf } from './rt-view.js';
import './rt-iati-codes.js';
import './rt-text.js';
import './rt-matrix-funding.js';

/**
 * The details of one activity in the matrix: dates, funding lines (and the older single funding
 * record, shown while an activity still has one), expected result, risks, means of verification and the activities it depends on.
 */
export class RtMatrixActivity extends RtPart {
  static override properties = {
    ...RtPart.properties,
    activityId: { type: String },
    name: { type: String },
    line: { attribute: false },
  };
  /** The activity's budget line (gap, committed, pledged...). */
  declare line: NodeBudget | undefined;
  declare activityId: string;
  /** The activity's name as people say it ("Activity 1.2"). */
  declare name: string;

  constructor() {
    super();
    this.activityId = '';
    this.name = '';
    this.line = undefined;
  }

  private field(ws: Workspace, field: NodeField, value: unknown): void {
    this.report(setNodeField(ws.doc, this.activityId, field, value, ws.origin));
  }

  protected override renderView(ws: Workspace) {
    const a = ws.store.plan.activities.find((x) => x.id === this.activityId);
    if (!a) return nothing;
    const name = this.name;
    return html`
      <label class="field"><span>${t('matrix:details.start')}</span><input type="date" aria-label=${t('matrix:activity.startLabel', { name })} .value=${a.start ?? ''} @change=${(e: Event) => this.field(ws, 'start', valueOf(e) || null)} /></label>
      <label class="field"><span>${t('matrix:details.end')}</span><input type="date" aria-label=${t('matrix:activity.endLabel', { name })} .value=${a.end ?? ''} @change=${(e: Event) => this.field(ws, 'end', valueOf(e) || null)} /></label>
      ${a.funding ? this.renderFunding(ws, a.funding) : nothing}
      <rt-matrix-funding .ws=${ws} .activityId=${a.id} .name=${name} .line=${this.line}></rt-matrix-funding>
      <label class="field wide"><span>${t('matrix:activity.result')}</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'result' }} label=${t('matrix:activity.resultLabel', { name })}></rt-text></label>
      <label class="field wide"><span>${t('matrix:activity.risks')}</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'risks' }} label=${t('matrix:activity.risksLabel', { name })}></rt-text></label>
      <label class="field wide"><span>${t('matrix:activity.verification')}</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'verification' }} label=${t('matrix:activity.verificationLabel', { name })}></rt-text></label>
      ${this.renderDependencies(ws, a)}
      <rt-iati-codes .ws=${ws} .nodeId=${a.id} .name=${name}></rt-iati-codes>
    `;
  }

  private renderFunding(ws: Workspace, f: Funding | null) {
    const setFunding = (patch: Partial<Funding> | null) => {
      if (patch === null) return this.field(ws, 'funding', null);
      const next: Funding = { kind: 'domestic', modality: null, funder: '', status: 'pledged', ...f, ...patch };
      if (next.kind === 'domestic') next.modality = null;
      this.field(ws, 'funding', next);
    };
    return html`<label class="field"
        ><span>${t('matrix:activity.olderFunding')}</span>
        <select @change=${(e: Event) => setFunding(valueOf(e) === '' ? null : { kind: valueOf(e) as Funding['kind'] })}>
          <option value="" ?selected=${!f}>${t('matrix:activity.notKnownYet')}</option>
          <option value="domestic" ?selected=${f?.kind === 'domestic'}>${t('matrix:activity.domestic')}</option>
          <option value="external" ?selected=${f?.kind === 'external'}>${t('matrix:activity.external')}</option>
        </select></label
      >
      ${f
        ? html`<label class="field"
              ><span>${t('matrix:activity.fundingStatus')}</span>
              <select @change=${(e: Event) => setFunding({ status: valueOf(e) as Funding['status'] })}>
                <option value="pledged" ?selected=${f.status === 'pledged'}>${t('matrix:activity.pledged')}</option>
                <option value="secured" ?selected=${f.status === 'secured'}>${t('matrix:activity.secured')}</option>
              </select></label
            >
            <label class="field"><span>${t('matrix:activity.funder')}</span><input dir="auto" .value=${f.funder} @change=${(e: Event) => setFunding({ funder: valueOf(e).trim() })} /></label>
            ${f.kind === 'external'
              ? html`<label class="field"
                  ><span>${t('matrix:activity.modality')}</span>
                  <select @change=${(e: Event) => setFunding({ modality: (valueOf(e) || null) as Funding['modality'] })}>
                    <option value="" ?selected=${!f.modality}>${t('matrix:activity.notKnown')}</option>
                    ${FUNDING_MODALITIES.map((m) => html`<option value=${m} ?selected=${f.modality === m}>${t(`matrix:activity.modalities.${m}`)}</option>`)}
                  </select></label
                >`
              : nothing}`
        : nothing}`;
  }

  private renderDependencies(ws: Workspace, a: Activity) {
    const plan = ws.store.plan;
    const codes = ws.store.codes;
    const others = plan.activities.filter((x) => x.id !== a.id && codes.has(x.id));
    const titleOf = (id: string) => {
      const x = plan.activities.find((y) => y.id === id);
      const c = codes.get(id);
      return x ? `${c ? `${c.code} ` : ''}${x.title || t('matrix:untitled')}` : id;
    };
    const add = (e: SubmitEvent) => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const activityId = String(data.get('dep') ?? '');
      const type = String(data.get('type') ?? 'chronological') as DependencyType;
      if (!activityId) return;
      this.field(ws, 'dependencies', [...a.dependencies.filter((x) => x.activityId !== activityId), { activityId, type }]);
    };
    return html`<div class="wide">
      <strong>${t('matrix:activity.dependsOn')}</strong>
      ${a.dependencies.length === 0 ? html`<p class="muted">${t('matrix:activity.noDependencies')}</p>` : nothing}
      <ul>
        ${a.dependencies.map(
          (d) => html`<li>
            <span dir="auto">${titleOf(d.activityId)}</span> (${t(`matrix:activity.types.${d.type}`)})
            <button class="quiet" @click=${() => this.field(ws, 'dependencies', a.dependencies.filter((x) => x.activityId !== d.activityId))} aria-label=${t('matrix:activity.removeDependency', { title: titleOf(d.activityId) })}>${t('matrix:activity.remove')}</button>
          </li>`,
        )}
      </ul>
      ${others.length
        ? html`<form class="row" @submit=${add}>
            <select name="dep" aria-label=${t('matrix:activity.dependsOnLabel')} class="grow">
              ${others.map((o) => html`<option value=${o.id}>${titleOf(o.id)}</option>`)}
            </select>
            <select name="type" aria-label=${t('matrix:activity.kindLabel')}>
              ${DEPENDENCY_TYPES.map((d) => html`<option value=${d}>${t(`matrix:activity.types.${d}`)}</option>`)}
            </select>
            <button class="secondary" type="submit">${t('matrix:activity.addDependency')}</button>
          </form>`
        : nothing}
    </div>`;
  }
}
customElements.define('rt-matrix-activity', RtMatrixActivity);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix-activity': RtMatrixActivity;
  }
}

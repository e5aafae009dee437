import { css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  DEPENDENCY_TYPES,
  FUNDING_MODALITIES,
  addIndicator,
  addNode,
  archiveIndicator,
  archiveNode,
  childKindOf,
  compareOrder,
  moveNode,
  reorderNode,
  setIndicatorField,
  setNodeField,
  type Activity,
  type DependencyType,
  type Funding,
  type Goal,
  type Issue,
  type MatrixNode,
  type NodeBudget,
  type NodeField,
  type NodeKind,
  type PlanData,
  type Result,
  type TreeNode,
} from '../../shared/model.js';
import { formatMoneyList as money } from '../../shared/domain/money.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import './rt-text.js';

/** Rows rendered at first; more are added as the list scrolls into view. */
const FIRST_ROWS = 120;
/** Rows added each time the end of the rendered list comes into view. */
const MORE_ROWS = 200;

const KIND_LABELS: Record<NodeKind, string> = { goal: 'Goal', outcome: 'Outcome', output: 'Output', activity: 'Activity' };

/** One visible row of the matrix. */
interface Row {
  tree: TreeNode;
  depth: number;
  node: MatrixNode;
  parentId: string | null;
  index: number;
  siblings: number;
}

/** Flattens the forest into display rows (depth-first). */
export function flattenForest(plan: PlanData, goals: readonly TreeNode[]): Row[] {
  const byId = new Map<string, MatrixNode>();
  for (const list of [plan.goals, plan.outcomes, plan.outputs, plan.activities]) for (const n of list) byId.set(n.id, n);
  const rows: Row[] = [];
  const walk = (list: readonly TreeNode[], depth: number, parentId: string | null) => {
    list.forEach((t, index) => {
      const node = byId.get(t.id);
      if (!node) return;
      rows.push({ tree: t, depth, node, parentId, index, siblings: list.length });
      walk(t.children, depth + 1, t.id);
    });
  };
  walk(goals, 0, null);
  return rows;
}

const worst = (issues: readonly Issue[]): Issue['severity'] =>
  issues.some((i) => i.severity === 'error') ? 'error' : issues.some((i) => i.severity === 'warning') ? 'warning' : 'info';

/**
 * The implementation matrix: goal > outcome > output > activity as an editable list of rows with
 * derived codes (1, 1.1 ...), budget roll-ups and validation badges; the selected row opens its
 * full details (dates, budget, funding, risks, means of verification, dependencies, indicators,
 * move). An issues panel lists every problem and takes you to the row. Rows are rendered in
 * batches as the list scrolls, so a plan with hundreds of activities opens fast.
 */
export class RtMatrix extends RtView {
  static override properties = {
    ...RtView.properties,
    selected: { state: true },
    limit: { state: true },
    message: { state: true },
  };
  declare selected: string | null;
  declare limit: number;
  declare message: string;

  private observer: IntersectionObserver | null = null;

  static override styles = [
    base,
    css`
      :host { display: block; }
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem; }
      .issues { margin-bottom: 0.75rem; }
      .issues ul { list-style: none; padding: 0; margin: 0.5rem 0 0; max-height: 18rem; overflow: auto; }
      .issues li button { text-align: left; width: 100%; background: #fff; color: var(--rt-ink); border: 1px solid var(--rt-line); margin-bottom: 0.25rem; display: flex; gap: 0.5rem; align-items: baseline; }
      ol.rows { list-style: none; padding: 0; margin: 0; }
      li.node { background: #fff; border: 1px solid var(--rt-line); border-radius: 6px; margin-bottom: 0.3rem; content-visibility: auto; contain-intrinsic-size: auto 3rem; }
      li.node[data-kind='goal'] { background: #eef3fb; border-color: #c7d6ef; }
      li.node[data-kind='outcome'] { background: #f6f8fc; }
      li.node.selected { border-color: var(--rt-accent); box-shadow: 0 0 0 2px var(--rt-accent-soft); content-visibility: visible; }
      .line { display: grid; grid-template-columns: 4.2rem minmax(10rem, 1fr) minmax(7rem, 12rem) 9.5rem 7.5rem auto; gap: 0.4rem; align-items: center; padding: 0.3rem 0.4rem; }
      .code { font-variant-numeric: tabular-nums; font-weight: 700; font-size: 0.85rem; white-space: nowrap; }
      .code small { display: block; font-weight: 400; color: var(--rt-muted); font-size: 0.7rem; }
      .money { font-size: 0.85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
      .money small { display: block; color: var(--rt-muted); font-size: 0.72rem; }
      .acts { display: flex; gap: 0.1rem; justify-content: flex-end; flex-wrap: nowrap; }
      .acts button { padding: 0.2rem 0.4rem; }
      .line input { width: 100%; padding: 0.3rem 0.4rem; }
      .details { border-top: 1px solid var(--rt-line); padding: 0.6rem 0.75rem 0.75rem; display: grid; gap: 0.6rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
      .details .wide { grid-column: 1 / -1; }
      .details input, .details select { width: 100%; }
      .pair { display: flex; gap: 0.3rem; }
      .pair input:last-child { max-width: 5rem; }
      table.ind { width: 100%; }
      .ind th, .ind td { text-align: left; padding: 0.25rem; border-bottom: 1px solid var(--rt-line); vertical-align: top; font-size: 0.88rem; }
      .more { text-align: center; padding: 0.75rem; color: var(--rt-muted); }
      @media (max-width: 760px) {
        .line { grid-template-columns: 3.2rem 1fr auto; grid-template-areas: 'code title title' 'code resp resp' 'code money money' 'code badge acts'; }
        .line > .code { grid-area: code; align-self: start; }
        .line > .title { grid-area: title; }
        .line > .resp { grid-area: resp; }
        .line > .money { grid-area: money; }
        .line > .badges { grid-area: badge; }
        .line > .acts { grid-area: acts; }
      }
    `,
  ];

  constructor() {
    super();
    this.selected = null;
    this.limit = FIRST_ROWS;
    this.message = '';
  }

  override disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const sentinel = this.renderRoot.querySelector('.more');
    if (!sentinel) return;
    if (!this.observer && typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) this.limit += MORE_ROWS;
      }, { rootMargin: '800px' });
    }
    this.observer?.disconnect();
    this.observer?.observe(sentinel);
  }

  private report(r: Result<unknown>): void {
    this.message = r.ok ? '' : r.error.message;
  }

  /** Selects a row, makes sure it is rendered and moves focus to its title. */
  async focusRow(id: string): Promise<void> {
    const ws = this.ws;
    if (!ws) return;
    const rows = flattenForest(ws.store.plan, ws.store.forest.goals);
    const at = rows.findIndex((r) => r.tree.id === id);
    if (at < 0) return;
    this.selected = id;
    if (at >= this.limit) this.limit = at + MORE_ROWS;
    await this.updateComplete;
    const li = this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
    li?.scrollIntoView?.({ block: 'center' });
    li?.querySelector<HTMLInputElement>('.title input')?.focus();
  }

  private add(ws: Workspace, kind: NodeKind, parentId: string | null): void {
    const r = addNode(ws.doc, { kind, parentId }, ws.origin);
    this.report(r);
    if (r.ok) void this.focusRow(r.value);
  }

  private field(ws: Workspace, id: string, field: NodeField, value: unknown): void {
    this.report(setNodeField(ws.doc, id, field, value, ws.origin));
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const rows = flattenForest(plan, ws.store.forest.goals);
    const budget = ws.store.budget;
    const lines = new Map<string, NodeBudget>();
    for (const list of [budget.goals, budget.outcomes, budget.outputs, budget.activities]) for (const b of list) lines.set(b.id, b);
    const issues = ws.store.issues;
    const indicatorNode = new Map(plan.indicators.map((i) => [i.id, i.nodeId]));
    const byEntity = new Map<string, Issue[]>();
    for (const i of issues) {
      const id = i.entity.kind === 'indicator' ? (indicatorNode.get(i.entity.id) ?? i.entity.id) : i.entity.id;
      byEntity.set(id, [...(byEntity.get(id) ?? []), i]);
    }
    const shown = rows.slice(0, this.limit);
    const activities = rows.filter((r) => r.tree.kind === 'activity').length;
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <div class="toolbar">
        <button @click=${() => this.add(ws, 'goal', null)}>Add goal</button>
        <span class="muted">${rows.length} rows · ${activities} activities · planned ${money(budget.plan.planned) || 'nothing yet'}${budget.plan.unknownPlanned ? ` (${budget.plan.unknownPlanned} without a budget)` : ''}</span>
      </div>
      ${this.renderIssues(issues, rows)}
      ${rows.length === 0
        ? html`<p class="empty">The matrix is empty. Add a goal, then its expected outcomes, outputs and activities.</p>`
        : html`<ol class="rows" aria-label="Implementation matrix">
            ${repeat(
              shown,
              (r) => r.tree.id,
              (r) => this.renderRow(ws, plan, r, lines.get(r.tree.id), byEntity.get(r.tree.id) ?? []),
            )}
          </ol>
          ${shown.length < rows.length ? html`<p class="more">Showing ${shown.length} of ${rows.length} rows… <button class="quiet" data-nav @click=${() => (this.limit += MORE_ROWS)}>Show more</button></p>` : nothing}`}
    `;
  }

  private renderIssues(issues: readonly Issue[], rows: readonly Row[]) {
    const inMatrix = new Set(rows.map((r) => r.tree.id));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const i of issues) counts[i.severity]++;
    return html`<details class="card issues">
      <summary>
        <strong>Issues</strong>
        <span class="badge error">${counts.error} errors</span>
        <span class="badge warning">${counts.warning} warnings</span>
        <span class="badge info">${counts.info} hints</span>
      </summary>
      ${issues.length === 0
        ? html`<p class="muted">No problems found.</p>`
        : html`<ul aria-label="Issues">
            ${issues.map((i) => {
              const target = i.entity.kind === 'indicator' ? null : i.entity.id;
              const rowId = target && inMatrix.has(target) ? target : null;
              return html`<li>
                <button data-nav ?disabled=${!rowId} @click=${() => rowId && this.focusRow(rowId)}>
                  <span class="badge ${i.severity}">${i.rule}</span><span>${i.message}</span>
                </button>
              </li>`;
            })}
          </ul>`}
    </details>`;
  }

  private renderRow(ws: Workspace, plan: PlanData, r: Row, line: NodeBudget | undefined, issues: readonly Issue[]) {
    const { tree, node } = r;
    const kind = tree.kind;
    const child = childKindOf(kind);
    const selected = this.selected === tree.id;
    const name = `${KIND_LABELS[kind]} ${tree.code}`;
    const responsible = 'responsible' in node ? node.responsible : (node as Goal).responsibleParties.join(', ');
    const act = kind === 'activity' ? (node as Activity) : null;
    return html`<li class="node ${selected ? 'selected' : ''}" data-id=${tree.id} data-kind=${kind} style="margin-left:${Math.min(r.depth, 3) * 0.9}rem" @keydown=${(e: KeyboardEvent) => this.rowKey(e, ws, r)}>
      <div class="line">
        <span class="code" data-code=${tree.code}>${tree.code}<small>${KIND_LABELS[kind]}</small></span>
        <rt-text class="title" .ws=${ws} .ref=${{ kind: 'node', id: tree.id, field: 'title' }} label=${`${name} title`} placeholder=${`${KIND_LABELS[kind]} title`}></rt-text>
        <input
          class="resp"
          aria-label=${`${name} responsible party`}
          placeholder=${kind === 'goal' ? 'Responsible parties' : 'Responsible party'}
          .value=${responsible}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (kind === 'goal') this.field(ws, tree.id, 'responsibleParties', v.split(',').map((s) => s.trim()).filter(Boolean));
            else this.field(ws, tree.id, 'responsible', v.trim());
          }}
        />
        <span class="money" title="Planned budget">
          ${act
            ? this.renderBudgetInput(ws, plan, act, name)
            : html`${line && line.planned.length ? money(line.planned) : html`<span class="muted">–</span>`}${line && line.unknownPlanned ? html`<small>${line.unknownPlanned} of ${line.activities} unbudgeted</small>` : nothing}`}
        </span>
        <span class="badges">
          ${issues.length
            ? html`<span class="badge ${worst(issues)}" title=${issues.map((i) => i.message).join('\n')} aria-label=${`${issues.length} issue${issues.length === 1 ? '' : 's'}: ${issues.map((i) => i.message).join('; ')}`}>${issues.length} ${worst(issues) === 'error' ? '✖' : worst(issues) === 'warning' ? '⚠' : 'i'}</span>`
            : html`<span class="badge ok" aria-label="no issues">✓</span>`}
        </span>
        <span class="acts">
          ${child ? html`<button class="quiet" @click=${() => this.add(ws, child, tree.id)} aria-label=${`Add ${child} to ${name}`} title=${`Add ${child}`}>+ ${child}</button>` : nothing}
          <button class="quiet" ?disabled=${r.index === 0} @click=${() => this.report(reorderNode(ws.doc, tree.id, r.index - 1, ws.origin))} aria-label=${`Move ${name} up`}>↑</button>
          <button class="quiet" ?disabled=${r.index === r.siblings - 1} @click=${() => this.report(reorderNode(ws.doc, tree.id, r.index + 1, ws.origin))} aria-label=${`Move ${name} down`}>↓</button>
          <button class="quiet" data-nav aria-expanded=${selected ? 'true' : 'false'} @click=${() => (this.selected = selected ? null : tree.id)} aria-label=${`Details of ${name}`}>${selected ? '▴' : '▾'}</button>
        </span>
      </div>
      ${selected ? this.renderDetails(ws, plan, r, line) : nothing}
    </li>`;
  }

  private rowKey(e: KeyboardEvent, ws: Workspace, r: Row): void {
    if (ws.readonly || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const to = r.index + (e.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to >= r.siblings) return;
    this.report(reorderNode(ws.doc, r.tree.id, to, ws.origin));
    void this.focusRow(r.tree.id);
  }

  private renderBudgetInput(ws: Workspace, plan: PlanData, act: Activity, name: string) {
    const currency = act.budget?.currency ?? plan.currency ?? 'USD';
    return html`<span class="pair">
      <input
        type="number"
        min="0"
        step="any"
        inputmode="decimal"
        aria-label=${`${name} planned budget`}
        placeholder="Budget"
        .value=${act.budget ? String(act.budget.amount) : ''}
        @change=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          this.field(ws, act.id, 'budget', raw === '' ? null : { amount: Number(raw), currency });
        }}
      />
      <input
        aria-label=${`${name} currency`}
        maxlength="3"
        .value=${currency}
        @change=${(e: Event) => {
          const c = (e.target as HTMLInputElement).value.trim().toUpperCase();
          if (act.budget) this.field(ws, act.id, 'budget', { amount: act.budget.amount, currency: c });
        }}
      />
    </span>`;
  }

  private renderDetails(ws: Workspace, plan: PlanData, r: Row, line: NodeBudget | undefined) {
    const { tree, node } = r;
    const name = `${KIND_LABELS[tree.kind]} ${tree.code}`;
    const parents = this.possibleParents(plan, tree.kind);
    return html`<div class="details" role="group" aria-label=${`Details of ${name}`}>
      ${line
        ? html`<p class="wide muted">
            Planned ${money(line.planned) || '–'} · secured ${money(line.secured) || '–'} · gap ${money(line.gap) || '–'} · spent ${money(line.actual) || '–'}
            ${line.unknownPlanned ? ` · ${line.unknownPlanned} activit${line.unknownPlanned === 1 ? 'y has' : 'ies have'} no budget yet` : ''}
          </p>`
        : nothing}
      ${tree.kind === 'goal' ? this.renderGoalFields(ws, node as Goal, name) : nothing}
      ${tree.kind === 'activity' ? this.renderActivityFields(ws, plan, node as Activity, name) : nothing}
      ${tree.kind !== 'activity' ? this.renderIndicators(ws, plan, tree.id, name) : nothing}
      ${parents.length > 1
        ? html`<label class="field"
            ><span>Move under</span>
            <select @change=${(e: Event) => this.report(moveNode(ws.doc, tree.id, { parentId: (e.target as HTMLSelectElement).value }, ws.origin))}>
              ${parents.map((p) => html`<option value=${p.id} ?selected=${p.id === r.parentId}>${p.label}</option>`)}
            </select></label
          >`
        : nothing}
      <div class="wide row">
        <button class="secondary" @click=${() => {
          this.report(archiveNode(ws.doc, tree.id, ws.origin));
          this.selected = null;
        }}>Archive ${name}</button>
        <span class="muted">Archived rows keep their content; Undo brings them back.</span>
      </div>
    </div>`;
  }

  private possibleParents(plan: PlanData, kind: NodeKind): { id: string; label: string }[] {
    const codes = this.ws!.store.codes;
    const list = kind === 'outcome' ? plan.goals : kind === 'output' ? plan.outcomes : kind === 'activity' ? plan.outputs : [];
    return list
      .filter((n) => codes.has(n.id))
      .map((n) => {
        const c = codes.get(n.id)!;
        return { id: n.id, label: `${kind === 'outcome' ? '' : `Goal ${c.goalCode} · `}${c.code} ${n.title || '(untitled)'}` };
      });
  }

  private renderGoalFields(ws: Workspace, g: Goal, name: string) {
    const currency = g.resourceTarget?.currency ?? ws.store.plan.currency ?? 'USD';
    return html`
      <label class="field"><span>Start</span><input type="date" .value=${g.start ?? ''} @change=${(e: Event) => this.field(ws, g.id, 'start', (e.target as HTMLInputElement).value || null)} /></label>
      <label class="field"><span>End</span><input type="date" .value=${g.end ?? ''} @change=${(e: Event) => this.field(ws, g.id, 'end', (e.target as HTMLInputElement).value || null)} /></label>
      <label class="field"
        ><span>Resource mobilisation target (${currency})</span>
        <input
          type="number"
          min="0"
          step="any"
          aria-label=${`${name} resource target`}
          .value=${g.resourceTarget ? String(g.resourceTarget.amount) : ''}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            this.field(ws, g.id, 'resourceTarget', v === '' ? null : { amount: Number(v), currency });
          }}
      /></label>
    `;
  }

  private renderActivityFields(ws: Workspace, plan: PlanData, a: Activity, name: string) {
    const f = a.funding;
    const setFunding = (patch: Partial<Funding> | null) => {
      if (patch === null) return this.field(ws, a.id, 'funding', null);
      const next: Funding = { kind: 'domestic', modality: null, funder: '', status: 'pledged', ...f, ...patch };
      if (next.kind === 'domestic') next.modality = null;
      this.field(ws, a.id, 'funding', next);
    };
    const others = plan.activities.filter((x) => x.id !== a.id && ws.store.codes.has(x.id));
    const codes = ws.store.codes;
    const titleOf = (id: string) => {
      const x = plan.activities.find((y) => y.id === id);
      const c = codes.get(id);
      return x ? `${c ? `${c.goalCode}/${c.code} ` : ''}${x.title || '(untitled)'}` : id;
    };
    return html`
      <label class="field"><span>Start</span><input type="date" aria-label=${`${name} start`} .value=${a.start ?? ''} @change=${(e: Event) => this.field(ws, a.id, 'start', (e.target as HTMLInputElement).value || null)} /></label>
      <label class="field"><span>End</span><input type="date" aria-label=${`${name} end`} .value=${a.end ?? ''} @change=${(e: Event) => this.field(ws, a.id, 'end', (e.target as HTMLInputElement).value || null)} /></label>
      <label class="field"
        ><span>Funding source</span>
        <select @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          setFunding(v === '' ? null : { kind: v as Funding['kind'] });
        }}>
          <option value="" ?selected=${!f}>Not known yet</option>
          <option value="domestic" ?selected=${f?.kind === 'domestic'}>Domestic (national or local budget)</option>
          <option value="external" ?selected=${f?.kind === 'external'}>External</option>
        </select></label
      >
      ${f
        ? html`<label class="field"
              ><span>Funding status</span>
              <select @change=${(e: Event) => setFunding({ status: (e.target as HTMLSelectElement).value as Funding['status'] })}>
                <option value="pledged" ?selected=${f.status === 'pledged'}>Pledged</option>
                <option value="secured" ?selected=${f.status === 'secured'}>Secured</option>
              </select></label
            >
            <label class="field"><span>Funder</span><input .value=${f.funder} @change=${(e: Event) => setFunding({ funder: (e.target as HTMLInputElement).value.trim() })} /></label>
            ${f.kind === 'external'
              ? html`<label class="field"
                  ><span>Modality</span>
                  <select @change=${(e: Event) => setFunding({ modality: ((e.target as HTMLSelectElement).value || null) as Funding['modality'] })}>
                    <option value="" ?selected=${!f.modality}>Not known</option>
                    ${FUNDING_MODALITIES.map((m) => html`<option value=${m} ?selected=${f.modality === m}>${m.replace('-', ' ')}</option>`)}
                  </select></label
                >`
              : nothing}`
        : nothing}
      <label class="field wide"><span>Expected result</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'result' }} label=${`${name} expected result`}></rt-text></label>
      <label class="field wide"><span>Risks and assumptions</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'risks' }} label=${`${name} risks and assumptions`}></rt-text></label>
      <label class="field wide"><span>Means of verification</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: a.id, field: 'verification' }} label=${`${name} means of verification`}></rt-text></label>
      <div class="wide">
        <strong>Depends on</strong>
        ${a.dependencies.length === 0 ? html`<p class="muted">No dependencies.</p>` : nothing}
        <ul>
          ${a.dependencies.map(
            (d) => html`<li>
              ${titleOf(d.activityId)} (${d.type})
              <button class="quiet" @click=${() => this.field(ws, a.id, 'dependencies', a.dependencies.filter((x) => x.activityId !== d.activityId))} aria-label=${`Remove dependency on ${titleOf(d.activityId)}`}>Remove</button>
            </li>`,
          )}
        </ul>
        ${others.length
          ? html`<form class="row" @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              const form = e.target as HTMLFormElement;
              const data = new FormData(form);
              const activityId = String(data.get('dep') ?? '');
              const type = String(data.get('type') ?? 'chronological') as DependencyType;
              if (!activityId) return;
              this.field(ws, a.id, 'dependencies', [...a.dependencies.filter((x) => x.activityId !== activityId), { activityId, type }]);
            }}>
              <select name="dep" aria-label="Activity it depends on" class="grow">
                ${others.map((o) => html`<option value=${o.id}>${titleOf(o.id)}</option>`)}
              </select>
              <select name="type" aria-label="Kind of dependency">
                ${DEPENDENCY_TYPES.map((t) => html`<option value=${t}>${t === 'chronological' ? 'must finish first' : t}</option>`)}
              </select>
              <button class="secondary" type="submit">Add dependency</button>
            </form>`
          : nothing}
      </div>
    `;
  }

  private renderIndicators(ws: Workspace, plan: PlanData, nodeId: string, name: string) {
    const list = plan.indicators.filter((i) => i.nodeId === nodeId && !i.archived).sort(compareOrder);
    const num = (v: string): number | null => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));
    return html`<div class="wide">
      <strong>Indicators</strong>
      ${list.length === 0 ? html`<p class="muted">No indicators yet: how will progress on this ${name.split(' ')[0]!.toLowerCase()} be measured?</p>` : nothing}
      ${list.length
        ? html`<div class="scroll-x">
            <table class="ind">
              <thead><tr><th>Indicator</th><th>Unit</th><th>Baseline</th><th>Target</th><th>Target date</th><th>Means of verification</th><th></th></tr></thead>
              <tbody>
                ${list.map(
                  (i, k) => html`<tr>
                    <td><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'name' }} label=${`indicator ${k + 1} name`}></rt-text></td>
                    <td><input aria-label=${`indicator ${k + 1} unit`} .value=${i.unit} size="6" @change=${(e: Event) => this.report(setIndicatorField(ws.doc, i.id, 'unit', (e.target as HTMLInputElement).value.trim(), ws.origin))} /></td>
                    <td><input type="number" step="any" aria-label=${`indicator ${k + 1} baseline`} .value=${i.baseline ? String(i.baseline.value) : ''} @change=${(e: Event) => {
                      const v = num((e.target as HTMLInputElement).value);
                      this.report(setIndicatorField(ws.doc, i.id, 'baseline', v === null ? null : { value: v, date: i.baseline?.date ?? null }, ws.origin));
                    }} /></td>
                    <td><input type="number" step="any" aria-label=${`indicator ${k + 1} target`} .value=${i.target ? String(i.target.value) : ''} @change=${(e: Event) => {
                      const v = num((e.target as HTMLInputElement).value);
                      this.report(setIndicatorField(ws.doc, i.id, 'target', v === null ? null : { value: v, date: i.target?.date ?? null }, ws.origin));
                    }} /></td>
                    <td><input type="date" aria-label=${`indicator ${k + 1} target date`} .value=${i.target?.date ?? ''} ?disabled=${!i.target} @change=${(e: Event) => {
                      if (i.target) this.report(setIndicatorField(ws.doc, i.id, 'target', { value: i.target.value, date: (e.target as HTMLInputElement).value || null }, ws.origin));
                    }} /></td>
                    <td><rt-text .ws=${ws} .ref=${{ kind: 'indicator', id: i.id, field: 'verification' }} label=${`indicator ${k + 1} means of verification`}></rt-text></td>
                    <td><button class="quiet" @click=${() => this.report(archiveIndicator(ws.doc, i.id, ws.origin))} aria-label=${`Archive indicator ${k + 1}`}>Archive</button></td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : nothing}
      <form class="row" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const input = (e.target as HTMLFormElement).querySelector('input')!;
        const v = input.value.trim();
        if (!v) return;
        const r = addIndicator(ws.doc, { nodeId, name: v }, ws.origin);
        this.report(r);
        if (r.ok) input.value = '';
      }}>
        <input class="grow" aria-label=${`New indicator for ${name}`} placeholder="e.g. # of consultations held" />
        <button class="secondary" type="submit">Add indicator</button>
      </form>
    </div>`;
  }
}
customElements.define('rt-matrix', RtMatrix);

declare global {
  interface HTMLElementTagNameMap {
    'rt-matrix': RtMatrix;
  }
}

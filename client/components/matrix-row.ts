import { css, html, nothing } from 'lit';
import { formatMoney, formatMoneyList as money } from '../../shared/domain/money.js';
import { childKindOf, reorderNode, type Activity, type Goal, type Issue, type NodeBudget, type NodeField, type NodeKind, type PlanData, type Result } from '../../shared/model.js';
import { KIND_LABELS, rowName, type Row } from '../state/matrix-rows.js';
import type { Workspace } from '../state/workspace.js';
import { commentBadge } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comments.js';
import { BUILT_IN_LIBRARY } from '../../shared/domain/library-data.js';
import { t } from '../i18n.js';
import './rt-matrix-details.js';
import './rt-text.js';

/** Styles of the matrix's rows, adopted by the matrix. */
export const rowStyles = css`
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
  .pair { display: flex; gap: 0.3rem; }
  .pair input:last-child { max-width: 5rem; }
  @media (max-width: 760px) {
    .line { grid-template-columns: 3.2rem 1fr auto; grid-template-areas: 'code title title' 'code resp resp' 'code money money' 'code badge acts'; }
    .line > .code { grid-area: code; align-self: start; }
    .line > .title { grid-area: title; }
    .line > .resp { grid-area: resp; }
    .line > .money { grid-area: money; }
    .line > .badges { grid-area: badge; }
    .line > .acts { grid-area: acts; }
  }
`;

/** What a row needs from the matrix it is in. */
export interface RowHost {
  /** The row whose details are open (set to open or close one). */
  selected: string | null;
  report(r: Result<unknown>): void;
  /** Handles a part's `report` event. */
  readonly onReport: (e: CustomEvent<string>) => void;
  add(ws: Workspace, kind: NodeKind, parentId: string | null): void;
  field(ws: Workspace, id: string, field: NodeField, value: unknown): void;
  focusRow(id: string): Promise<void>;
}

/** The worst severity among a row's issues. */
const worst = (issues: readonly Issue[]): Issue['severity'] =>
  issues.some((i) => i.severity === 'error') ? 'error' : issues.some((i) => i.severity === 'warning') ? 'warning' : 'info';

/**
 * One row of the matrix: code, title, responsible party, planned budget (typed for an activity,
 * rolled up otherwise), its issues, and buttons to add a child, move it among its siblings
 * (also Alt+Up/Down) and open its details in the row editor.
 */
export function renderRow(host: RowHost, ws: Workspace, plan: PlanData, r: Row, line: NodeBudget | undefined, issues: readonly Issue[]) {
  const { tree, node } = r;
  const kind = tree.kind;
  const child = childKindOf(kind);
  const selected = host.selected === tree.id;
  const name = rowName(tree);
  const responsible = 'responsible' in node ? node.responsible : (node as Goal).responsibleParties.join(', ');
  const act = kind === 'activity' ? (node as Activity) : null;
  return html`<li class="node ${selected ? 'selected' : ''}" data-id=${tree.id} data-kind=${kind} style="margin-left:${Math.min(r.depth, 3) * 0.9}rem" @keydown=${(e: KeyboardEvent) => rowKey(host, e, ws, r)}>
    <div class="line">
      <span class="code" data-code=${tree.short} data-full=${tree.code} title=${`${KIND_LABELS[kind]} ${tree.code}`}>${tree.short}<small>${KIND_LABELS[kind]}</small></span>
      <rt-text class="title" .ws=${ws} .ref=${{ kind: 'node', id: tree.id, field: 'title' }} label=${`${name} title`} placeholder=${`${KIND_LABELS[kind]} title`}></rt-text>
      <input
        class="resp"
        aria-label=${`${name} responsible party`}
        placeholder=${kind === 'goal' ? 'Responsible parties' : 'Responsible party'}
        .value=${responsible}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          if (kind === 'goal') host.field(ws, tree.id, 'responsibleParties', v.split(',').map((s) => s.trim()).filter(Boolean));
          else host.field(ws, tree.id, 'responsible', v.trim());
        }}
      />
      <span class="money" title="Planned budget">
        ${act
          ? renderBudgetInput(host, ws, plan, act, name)
          : html`${line && line.planned.length ? money(line.planned) : html`<span class="muted">–</span>`}${line && line.unknownPlanned ? html`<small>${line.unknownPlanned} of ${line.activities} unbudgeted</small>` : nothing}`}
        ${line && line.gap.length
          ? html`<small class="gap" data-gap=${tree.id}>gap ${line.converted && line.converted.gap !== null ? formatMoney({ amount: line.converted.gap, currency: line.converted.currency }) : money(line.gap)}</small>`
          : nothing}
      </span>
      <span class="badges">
        ${issues.length
          ? html`<span class="badge ${worst(issues)}" title=${issues.map((i) => i.message).join('\n')} aria-label=${`${issues.length} issue${issues.length === 1 ? '' : 's'}: ${issues.map((i) => i.message).join('; ')}`}>${issues.length} ${worst(issues) === 'error' ? '✖' : worst(issues) === 'warning' ? '⚠' : 'i'}</span>`
          : html`<span class="badge ok" aria-label="no issues">✓</span>`}
        ${node.source ? sourceBadge(node.source, plan) : nothing}
      </span>
      <span class="acts">
        ${commentBadge(ws, { kind, id: tree.id }, targetLabel(plan, { kind, id: tree.id }, ws.store.codes))}
        ${child ? html`<button class="quiet" @click=${() => host.add(ws, child, tree.id)} aria-label=${`Add ${child} to ${name}`} title=${`Add ${child}`}>+ ${child}</button>` : nothing}
        <button class="quiet" ?disabled=${r.index === 0} @click=${() => host.report(reorderNode(ws.doc, tree.id, r.index - 1, ws.origin))} aria-label=${`Move ${name} up`}>↑</button>
        <button class="quiet" ?disabled=${r.index === r.siblings - 1} @click=${() => host.report(reorderNode(ws.doc, tree.id, r.index + 1, ws.origin))} aria-label=${`Move ${name} down`}>↓</button>
        <button class="quiet" data-nav aria-expanded=${selected ? 'true' : 'false'} @click=${() => (host.selected = selected ? null : tree.id)} aria-label=${`Details of ${name}`}>${selected ? '▴' : '▾'}</button>
      </span>
    </div>
    ${selected ? html`<rt-matrix-details .ws=${ws} .row=${r} .line=${line} @report=${host.onReport} @archived=${() => (host.selected = null)}></rt-matrix-details>` : nothing}
  </li>`;
}

const BUILT_IN_BY_ID = new Map(BUILT_IN_LIBRARY.map((e) => [e.id, e] as const));

/** The row's link to the library entry it was taken from (LB3): a badge naming the entry. */
function sourceBadge(source: string, plan: PlanData) {
  const entry = BUILT_IN_BY_ID.get(source) ?? plan.libraryEntries.find((e) => e.id === source);
  const label = t('library:fromLibraryOf', { title: entry?.title ?? source });
  return html`<span class="badge info" data-source=${source} title=${label} aria-label=${label}>${t('library:fromLibrary')}</span>`;
}

function rowKey(host: RowHost, e: KeyboardEvent, ws: Workspace, r: Row): void {
  if (ws.readonly || !e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
  e.preventDefault();
  const to = r.index + (e.key === 'ArrowUp' ? -1 : 1);
  if (to < 0 || to >= r.siblings) return;
  host.report(reorderNode(ws.doc, r.tree.id, to, ws.origin));
  void host.focusRow(r.tree.id);
}

function renderBudgetInput(host: RowHost, ws: Workspace, plan: PlanData, act: Activity, name: string) {
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
        host.field(ws, act.id, 'budget', raw === '' ? null : { amount: Number(raw), currency });
      }}
    />
    <input
      aria-label=${`${name} currency`}
      maxlength="3"
      .value=${currency}
      @change=${(e: Event) => {
        const c = (e.target as HTMLInputElement).value.trim().toUpperCase();
        if (act.budget) host.field(ws, act.id, 'budget', { amount: act.budget.amount, currency: c });
      }}
    />
  </span>`;
}

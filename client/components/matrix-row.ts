import { css, html, nothing } from 'lit';
import type { Notice } from '../command-text.js';
import { childKindOf, reorderNode, type Activity, type Goal, type Issue, type Money, type NodeBudget, type NodeField, type NodeKind, type PlanData, type Result, rowLabel } from '../../shared/model.js';
import { breadcrumb, KIND_LABELS, rowName, type Row } from '../state/matrix-rows.js';
import type { Workspace } from '../state/workspace.js';
import { fmt, t } from '../i18n.js';
import { issueLine } from '../issue-text.js';
import { commentBadge } from './comment-badge.js';
import { BUILT_IN_LIBRARY } from '../../shared/domain/library-data.js';
import type { LibraryText } from '../../shared/domain/library-text.js';
import './rt-matrix-details.js';
import './rt-text.js';

/** The columns of the matrix grid, in order (their headings are `matrix:col.<name>`). */
export const COLUMNS = ['code', 'title', 'resp', 'money', 'badges', 'acts'] as const;

/** A total kept per currency, each through `fmt.money` (see client/money.ts). */
import { moneyList } from '../money.js';
export { moneyList };

/** Styles of the matrix's rows, adopted by the matrix. */
export const rowStyles = css`
  .grid { position: relative; }
  div.rows { padding-inline: 0; margin: 0; }
  div.node { background: #fff; border: 1px solid var(--rt-line); border-radius: 6px; margin-block-end: 0.3rem; }
  div.node[data-kind='goal'] { background: #eef3fb; border-color: #c7d6ef; }
  div.node[data-kind='outcome'] { background: #f6f8fc; }
  div.node.selected { border-color: var(--rt-accent); box-shadow: 0 0 0 2px var(--rt-accent-soft); }
  .line { display: grid; grid-template-columns: 4.2rem minmax(10rem, 1fr) minmax(7rem, 12rem) 11rem 7.5rem auto; gap: 0.4rem; align-items: center; padding: 0.3rem 0.4rem; }
  .line.head { position: sticky; inset-block-start: 0; z-index: 2; background: var(--rt-bg, #fff); border-block-end: 1px solid var(--rt-line); font-size: 0.78rem; font-weight: 600; color: var(--rt-muted); padding-block: 0.35rem; margin-block-end: 0.3rem; }
  .line.head .acts { text-align: end; }
  .code { font-variant-numeric: tabular-nums; font-weight: 700; font-size: 0.85rem; white-space: nowrap; }
  .code small { display: block; font-weight: 400; color: var(--rt-muted); font-size: 0.7rem; }
  .money { font-size: 0.85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .money small { display: block; color: var(--rt-muted); font-size: 0.72rem; overflow: hidden; text-overflow: ellipsis; }
  .acts { display: flex; gap: 0.1rem; justify-content: flex-end; flex-wrap: nowrap; }
  .acts button { padding: 0.2rem 0.4rem; min-block-size: 24px; min-inline-size: 24px; }
  .line input { inline-size: 100%; padding: 0.3rem 0.4rem; }
  .resp-cell input { inline-size: 100%; }
  /* A seven-digit amount with its decimals stays whole beside a three-letter currency (ar, fr, en at 1280 px). */
  .pair { display: flex; gap: 0.3rem; }
  .pair input:first-child { flex: 1 1 auto; min-inline-size: 0; }
  .pair input:last-child { flex: 0 0 3.5rem; inline-size: 3.5rem; }
  .crumbs { display: none; }
  .title-cell { min-inline-size: 0; }
  .tree-indent { padding-inline-start: var(--indent, 0); }
  @media (max-width: 760px) {
    .line { grid-template-columns: 3.2rem 1fr auto; grid-template-areas: 'code title title' 'code resp resp' 'code money money' 'code badge acts'; }
    .line.head { display: none; }
    .tree-indent { padding-inline-start: 0; }
    .line > .code { grid-area: code; align-self: start; }
    .line > .title-cell { grid-area: title; }
    .crumbs { display: block; min-inline-size: 0; margin-block-end: 0.2rem; }
    .line > .resp-cell { grid-area: resp; }
    .line > .money { grid-area: money; white-space: normal; }
    .line > .badges { grid-area: badge; }
    .line > .acts { grid-area: acts; flex-wrap: wrap; }
    .acts button, .badges .badge { min-block-size: 2rem; min-inline-size: 2rem; }
    .crumbs summary { list-style: none; display: block; min-block-size: 24px; line-height: 24px; font-size: 0.75rem; color: var(--rt-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: pointer; }
    .crumbs summary::-webkit-details-marker { display: none; }
    .crumbs[open] summary { white-space: normal; line-height: 1.3; }
  }
`;

/** What a row needs from the matrix it is in. */
export interface RowHost {
  /** The row whose details are open (set to open or close one). */
  selected: string | null;
  report(r: Result<unknown>): void;
  /** Handles a part's `report` event. */
  readonly onReport: (e: CustomEvent<Notice>) => void;
  add(ws: Workspace, kind: NodeKind, parentId: string | null): void;
  field(ws: Workspace, id: string, field: NodeField, value: unknown): void;
  focusRow(id: string): Promise<void>;
}

/** What the matrix derived for its rows, as a row reads it. */
export interface RowContext {
  byId: ReadonlyMap<string, Row>;
  lines: ReadonlyMap<string, NodeBudget>;
  byEntity: ReadonlyMap<string, Issue[]>;
}

/** The worst severity among a row's issues. */
const worst = (issues: readonly Issue[]): Issue['severity'] =>
  issues.some((i) => i.severity === 'error') ? 'error' : issues.some((i) => i.severity === 'warning') ? 'warning' : 'info';

/**
 * One row of the matrix (a `row` of the tree grid at `position`, 0-based among the rows): code,
 * title, responsible party, planned budget (typed for an activity, rolled up otherwise), its
 * issues, and buttons to add a child, move it among its siblings (also Alt+Up/Down) and open its
 * details in the row editor. On a phone it is a card that also shows its goal > outcome > output
 * path (cut with an ellipsis; tapping it opens it in full). `libText` is the built-in library's
 * wording in the reader's language (null: English; undefined: still loading), for a row taken from it.
 */
export function renderRow(host: RowHost, ws: Workspace, plan: PlanData, r: Row, position: number, ctx: RowContext, libText?: LibraryText | null) {
  const { tree, node } = r;
  const kind = tree.kind;
  const child = childKindOf(kind);
  const selected = host.selected === tree.id;
  const name = rowName(tree);
  const line = ctx.lines.get(tree.id);
  const issues = ctx.byEntity.get(tree.id) ?? [];
  const responsible = 'responsible' in node ? node.responsible : (node as Goal).responsibleParties.join(', ');
  const act = kind === 'activity' ? (node as Activity) : null;
  const path = kind === 'goal' ? [] : breadcrumb(r, ctx.byId);
  const worstIssue = worst(issues);
  const messages = issues.map(issueLine);
  return html`<div
    class="node ${selected ? 'selected' : ''}"
    role="row"
    aria-rowindex=${position + 2}
    aria-level=${r.depth + 1}
    aria-posinset=${r.index + 1}
    aria-setsize=${r.siblings}
    data-id=${tree.id}
    data-kind=${kind}
    @keydown=${(e: KeyboardEvent) => rowKey(host, e, ws, r)}
  >
    <div class="line tree-indent" style="--indent:${Math.min(r.depth, 3) * 0.9}rem">
      <span class="code" role="gridcell" data-col="code" data-code=${tree.short} data-full=${tree.code} title=${`${KIND_LABELS[kind]} ${tree.code}`}>${tree.short}<small>${KIND_LABELS[kind]}</small></span>
      <span class="title-cell" role="gridcell" data-col="title">
      ${path.length
        ? html`<details class="crumbs"><summary dir="auto" title=${path.join(' › ')} aria-label=${t('matrix:row.path', { path: path.join(' › ') })}>${path.join(' › ')}</summary></details>`
        : nothing}
      <rt-text class="title" dir="auto" .ws=${ws} .ref=${{ kind: 'node', id: tree.id, field: 'title' }} label=${t('matrix:row.title', { name })} placeholder=${t('matrix:row.titlePlaceholder', { kind: KIND_LABELS[kind] })}></rt-text>
      </span>
      <span class="resp-cell" role="gridcell" data-col="resp"><input
        class="resp"
        dir="auto"
        aria-label=${t('matrix:row.responsible', { name })}
        placeholder=${kind === 'goal' ? t('matrix:row.responsibleParties') : t('matrix:row.responsibleParty')}
        .value=${responsible}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          if (kind === 'goal') host.field(ws, tree.id, 'responsibleParties', v.split(',').map((s) => s.trim()).filter(Boolean));
          else host.field(ws, tree.id, 'responsible', v.trim());
        }}
      /></span>
      <span class="money" role="gridcell" data-col="money" title=${t('matrix:row.plannedBudget')}>
        ${act
          ? renderBudgetInput(host, ws, plan, act, name)
          : html`${line && line.planned.length ? html`<span data-sum>${moneyList(line.planned)}</span>` : html`<span class="muted">–</span>`}${line && line.unknownPlanned ? html`<small>${t('matrix:row.unbudgeted', { n: fmt.number(line.unknownPlanned), of: fmt.number(line.activities) })}</small>` : nothing}`}
        ${line && line.gap.length
          ? html`<small class="gap" data-gap=${tree.id}>${t('matrix:row.gap', { amount: line.converted && line.converted.gap !== null ? moneyList([{ amount: line.converted.gap, currency: line.converted.currency }]) : moneyList(line.gap) })}</small>`
          : nothing}
      </span>
      <span class="badges" role="gridcell" data-col="badges">
        ${issues.length
          ? html`<span class="badge ${worstIssue}" title=${messages.join('\n')} aria-label=${t('matrix:row.issues', { count: issues.length, n: fmt.number(issues.length), list: messages.join('; ') })}>${fmt.number(issues.length)} ${worstIssue === 'error' ? '✖' : worstIssue === 'warning' ? '⚠' : 'i'}</span>`
          : html`<span class="badge ok" aria-label=${t('matrix:row.noIssues')}>✓</span>`}
        ${node.source ? sourceBadge(node.source, plan, libText) : nothing}
      </span>
      <span class="acts" role="gridcell" data-col="acts">
        ${commentBadge(ws, { kind, id: tree.id }, rowLabel(kind, tree.code, node.title, tree.id))}
        ${child ? html`<button class="quiet" @click=${() => host.add(ws, child, tree.id)} aria-label=${t(`matrix:row.add.${child}`, { name })} title=${t(`matrix:row.addShort.${child}`)}>${t(`matrix:row.plus.${child}`)}</button>` : nothing}
        <button class="quiet" ?disabled=${r.index === 0} @click=${() => host.report(reorderNode(ws.doc, tree.id, r.index - 1, ws.origin))} aria-label=${t('matrix:row.moveUp', { name })}>↑</button>
        <button class="quiet" ?disabled=${r.index === r.siblings - 1} @click=${() => host.report(reorderNode(ws.doc, tree.id, r.index + 1, ws.origin))} aria-label=${t('matrix:row.moveDown', { name })}>↓</button>
        <button class="quiet" data-nav aria-expanded=${selected ? 'true' : 'false'} @click=${() => (host.selected = selected ? null : tree.id)} aria-label=${t('matrix:row.details', { name })}>${selected ? '▴' : '▾'}</button>
      </span>
    </div>
    ${selected ? html`<div role="gridcell" aria-colspan=${COLUMNS.length}><rt-matrix-details .ws=${ws} .row=${r} .line=${line} @report=${host.onReport} @archived=${() => (host.selected = null)}></rt-matrix-details></div>` : nothing}
  </div>`;
}

const BUILT_IN_BY_ID = new Map(BUILT_IN_LIBRARY.map((e) => [e.id, e] as const));

/**
 * The row's link to the library entry it was taken from (LB3): a badge naming the entry, a built-in
 * one in the reader's language (L111; English where `text` lacks it). While the reader's wording
 * loads (`text` undefined) a built-in entry's badge names nothing rather than its English.
 */
function sourceBadge(source: string, plan: PlanData, text: LibraryText | null | undefined) {
  const builtIn = BUILT_IN_BY_ID.get(source);
  const entry = builtIn ?? plan.libraryEntries.find((e) => e.id === source);
  const title = builtIn && text === undefined ? null : (builtIn && text?.entries[source]?.title) || entry?.title || source;
  const label = title === null ? t('library:fromLibrary') : t('library:fromLibraryOf', { title });
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
      aria-label=${t('matrix:row.budget', { name })}
      placeholder=${t('matrix:row.budgetPlaceholder')}
      .value=${act.budget ? String(act.budget.amount) : ''}
      @change=${(e: Event) => {
        const raw = (e.target as HTMLInputElement).value;
        host.field(ws, act.id, 'budget', raw === '' ? null : { amount: Number(raw), currency });
      }}
    />
    <input
      aria-label=${t('matrix:row.currency', { name })}
      maxlength="3"
      .value=${currency}
      @change=${(e: Event) => {
        const c = (e.target as HTMLInputElement).value.trim().toUpperCase();
        if (act.budget) host.field(ws, act.id, 'budget', { amount: act.budget.amount, currency: c });
      }}
    />
  </span>`;
}

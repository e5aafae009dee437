import { LitElement, css, html, nothing } from 'lit';
import * as Y from 'yjs';
import type { Change, ChangeKind } from '../../shared/domain/diff.js';
import { writePlan } from '../../shared/model.js';
import { SNAPSHOT_STATUSES, type SnapshotMeta, type SnapshotStatus } from '../../shared/versions.js';
import { canFacilitate, canWrite, holdLinks, type Role } from '../state/access.js';
import { api, type VersionDiff } from '../state/api.js';
import { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { VIEWS, viewById, type ViewId } from '../views.js';


export const STATUS_LABELS: Record<SnapshotStatus, string> = {
  draft: 'Draft',
  consultation: 'Consultation',
  workshop: 'Workshop version',
  final: 'Final',
  endorsed: 'Endorsed',
};


export type DiffChange = Change;
/** A diff between two versions as the server sends it. */
export type DiffResult = VersionDiff;

/** A padlock (inline SVG: emoji fonts are often missing on projector laptops). */
const lock = (label = 'locked') =>
  html`<svg class="lock" role="img" aria-label=${label} viewBox="0 0 16 16" width="14" height="14"><title>Endorsed: locked for good</title><path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4zm2 0h4V5a2 2 0 1 0-4 0v2z"/></svg>`;

const KIND_TITLES: Record<ChangeKind, string> = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' };

/** A summary line as people read it: arrows for "from -> to". */
export const readable = (s: string) => s.replace(/ -> /g, ' → ');

/** Renders a diff's changes grouped by kind, prose fields as an inline text diff. */
export function renderDiff(diff: DiffResult) {
  const kinds = (['changed', 'added', 'removed', 'moved'] as const).filter((k) => diff.changes.some((c) => c.kind === k));
  if (diff.changes.length === 0) return html`<p class="empty">No differences: both have the same content.</p>`;
  return html`<div class="diff" aria-label="Differences">
    ${kinds.map(
      (k) => html`<section class="group" data-kind=${k}>
        <h3>${KIND_TITLES[k]} <span class="badge">${diff.changes.filter((c) => c.kind === k).length}</span></h3>
        <ul>
          ${diff.changes
            .filter((c) => c.kind === k)
            .map(
              (c) => html`<li class="change ${k}">
                <span class="summary">${readable(c.summary)}</span>
                ${c.text
                  ? html`<p class="text">${c.text.map((t) => (t.op === 'insert' ? html`<ins>${t.text}</ins>` : t.op === 'delete' ? html`<del>${t.text}</del>` : t.text))}</p>`
                  : nothing}
              </li>`,
            )}
        </ul>
      </section>`,
    )}
  </div>`;
}

/**
 * Agreed versions: take a named snapshot (with note and status), list them, open one
 * read-only in the same views as the live plan, compare any two (or one with the live plan) as a
 * semantic diff, restore one (facilitator), fork one into a new plan, export it as JSON, and
 * endorse it (facilitator; an endorsed version is locked for good).
 *
 * @fires navigate - detail is the path of a forked plan to open
 */
export class RtVersions extends LitElement {
  static override properties = {
    planId: { type: String },
    role: { type: String },
    author: { type: String },
    snapshots: { state: true },
    message: { state: true },
    busy: { state: true },
    opened: { state: true },
    openedView: { state: true },
    diff: { state: true },
    from: { state: true },
    to: { state: true },
  };
  declare planId: string;
  declare role: Role | null;
  declare author: string;
  declare snapshots: SnapshotMeta[] | null;
  declare message: string;
  declare busy: boolean;
  declare opened: { meta: SnapshotMeta; ws: Workspace } | null;
  declare openedView: ViewId;
  declare diff: DiffResult | null;
  declare from: string;
  declare to: string;

  static override styles = [
    base,
    css`
      :host { display: block; }
      form.take { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 0.5rem; align-items: end; }
      form.take .note { grid-column: 1 / -1; }
      form.take button { justify-self: start; }
      svg.lock { color: var(--rt-ok); vertical-align: -1px; }
      @media (max-width: 600px) { form.take { grid-template-columns: 1fr; } }
      form.take input, form.take select, form.take textarea { width: 100%; }
      ul.list { list-style: none; padding: 0; margin: 0; }
      ul.list > li { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.5rem 0.6rem; margin-bottom: 0.4rem; background: #fff; }
      ul.list > li[data-status='endorsed'] { border-color: #9cc9a8; background: #f4fbf6; }
      .meta { color: var(--rt-muted); font-size: 0.85rem; }
      .name { font-weight: 650; }
      .acts { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-top: 0.35rem; }
      .acts button { padding: 0.2rem 0.55rem; font-size: 0.88rem; }
      .acts select { padding: 0.2rem 0.3rem; font-size: 0.88rem; }
      .row > h2 { margin: 0; }
      .compare { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-bottom: 0.6rem; }
      .compare label { flex: 1 1 12rem; }
      .compare select { width: 100%; }
      .diff h3 { display: flex; gap: 0.4rem; align-items: center; }
      .diff ul { list-style: none; padding: 0; margin: 0; }
      .change { padding: 0.3rem 0.5rem; border-left: 4px solid var(--rt-line-strong); margin-bottom: 0.3rem; background: #fff; overflow-wrap: anywhere; }
      .change.added { border-color: var(--rt-ok); }
      .change.removed { border-color: var(--rt-bad); }
      .change.changed { border-color: var(--rt-accent); }
      .change.moved { border-color: var(--rt-warn); }
      .change .text { margin: 0.3rem 0 0; white-space: pre-wrap; font-size: 0.9rem; }
      ins { background: var(--rt-ok-soft); color: var(--rt-ok); text-decoration: underline; }
      del { background: var(--rt-bad-soft); color: var(--rt-bad); }
      .readonly-note { background: var(--rt-accent-soft); border: 1px solid #b8cdef; border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; }
      .tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0.5rem 0; }
      .tabs button[aria-pressed='true'] { background: var(--rt-accent); color: #fff; }
      .tabs button[aria-pressed='false'] { background: #fff; color: var(--rt-accent); }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.role = null;
    this.author = '';
    this.snapshots = null;
    this.message = '';
    this.busy = false;
    this.opened = null;
    this.openedView = 'matrix';
    this.diff = null;
    this.from = '';
    this.to = 'live';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    this.closeOpened();
    super.disconnectedCallback();
  }

  async load(): Promise<void> {
    try {
      this.snapshots = await api.snapshots(this.planId);
      if (!this.from || !this.snapshots.some((s) => s.id === this.from)) this.from = this.snapshots[0]?.id ?? '';
    } catch (err) {
      this.fail('Could not load the versions', err);
      this.snapshots ??= [];
    }
  }

  private fail(what: string, err: unknown): void {
    this.message = `${what}: ${err instanceof Error ? err.message : String(err)}`;
  }

  /** Runs one request that changes something, with a busy flag and the error shown. */
  private async act(what: string, run: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = '';
    try {
      await run();
    } catch (err) {
      this.fail(what, err);
    } finally {
      this.busy = false;
    }
  }

  private async take(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) {
      this.message = 'Give the snapshot a name, e.g. "Workshop version, 12 March".';
      form.querySelector<HTMLInputElement>('input[name=name]')?.focus();
      return;
    }
    const note = String(data.get('note') ?? '');
    const status = String(data.get('status') ?? 'draft');
    await this.act('Could not take the snapshot', async () => {
      const meta = await api.takeSnapshot(this.planId, { name, note, status, ...(this.author ? { author: this.author } : {}) });
      form.reset();
      this.message = `Snapshot “${meta.name}” taken.`;
      await this.load();
      this.from = meta.id;
    });
  }

  private async open(meta: SnapshotMeta): Promise<void> {
    await this.act('Could not open the version', async () => {
      const body = await api.snapshot(this.planId, meta.id);
      this.closeOpened();
      const doc = new Y.Doc();
      writePlan(doc, body.plan, { source: 'server', reason: 'snapshot' });
      const ws = new Workspace(doc, { id: 'snapshot-viewer', name: 'Viewer', group: null, committee: 'none' }, null, { readonly: true });
      this.opened = { meta, ws };
      this.diff = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#opened-title')?.focus();
    });
  }

  private closeOpened(): void {
    if (!this.opened) return;
    const { ws } = this.opened;
    this.opened = null;
    ws.destroy();
    ws.doc.destroy();
  }

  async compare(from = this.from, to = this.to): Promise<void> {
    if (!from || !to) return;
    this.from = from;
    this.to = to;
    await this.act('Could not compare', async () => {
      this.diff = await api.diff(this.planId, from, to);
      this.closeOpened();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#diff-title')?.focus();
    });
  }

  private async restore(meta: SnapshotMeta): Promise<void> {
    if (!confirm(`Restore “${meta.name}”? The live plan goes back to this version for everyone connected. What it has now is kept as a “Before restoring” snapshot.`)) return;
    await this.act('Could not restore', async () => {
      await api.restoreSnapshot(this.planId, meta.id);
      this.message = `“${meta.name}” restored. The plan as it was just before is kept as a snapshot.`;
      this.diff = null;
      await this.load();
    });
  }

  private async fork(meta: SnapshotMeta): Promise<void> {
    const title = prompt('Title of the new plan', `${meta.name} (copy)`);
    if (title === null) return;
    await this.act('Could not fork', async () => {
      const body = await api.forkSnapshot(this.planId, meta.id, title.trim());
      holdLinks(body);
      this.dispatchEvent(new CustomEvent('navigate', { detail: body.url, bubbles: true, composed: true }));
    });
  }

  private async exportJson(meta: SnapshotMeta): Promise<void> {
    await this.act('Could not export', async () => {
      await api.download(this.planId, api.files.snapshotJson(meta.id), `plan-${this.planId}-${meta.id}.json`);
    });
  }

  private async endorse(meta: SnapshotMeta): Promise<void> {
    if (!confirm(`Endorse “${meta.name}”? An endorsed version can never be changed or deleted.`)) return;
    await this.act('Could not endorse', async () => {
      await api.updateSnapshot(this.planId, meta.id, { status: 'endorsed' });
      await this.load();
    });
  }

  private async setStatus(meta: SnapshotMeta, status: SnapshotStatus): Promise<void> {
    if (status === 'endorsed') return this.endorse(meta);
    await this.act('Could not change the status', async () => {
      await api.updateSnapshot(this.planId, meta.id, { status });
      await this.load();
    });
  }

  private async rename(meta: SnapshotMeta): Promise<void> {
    const name = prompt('New name of this version', meta.name);
    if (name === null || !name.trim() || name.trim() === meta.name) return;
    await this.act('Could not rename', async () => {
      await api.updateSnapshot(this.planId, meta.id, { name: name.trim() });
      await this.load();
    });
  }

  private async removeSnapshot(meta: SnapshotMeta): Promise<void> {
    if (!confirm(`Delete the version “${meta.name}”? This cannot be undone.`)) return;
    await this.act('Could not delete', async () => {
      await api.deleteSnapshot(this.planId, meta.id);
      if (this.opened?.meta.id === meta.id) this.closeOpened();
      await this.load();
    });
  }

  private label(id: string): string {
    if (id === 'live') return 'the live plan';
    const s = this.snapshots?.find((x) => x.id === id);
    return s ? `“${s.name}”` : id;
  }

  override render() {
    const facilitator = canFacilitate(this.role);
    const writer = canWrite(this.role);
    const list = this.snapshots;
    return html`
      ${writer
        ? html`<section class="card" aria-labelledby="take-title">
            <h2 id="take-title">Take a snapshot</h2>
            <p class="muted">Freeze the plan as it is now, e.g. the version agreed at a workshop, to compare with later or go back to.</p>
            <form class="take" @submit=${this.take} aria-label="Take a snapshot">
              <label class="field"><span>Name</span><input name="name" aria-label="Snapshot name" maxlength="200" placeholder="e.g. Workshop version, 12 March" /></label>
              <label class="field"
                ><span>Status</span>
                <select name="status" aria-label="Snapshot status">
                  ${SNAPSHOT_STATUSES.filter((s) => s !== 'endorsed' || facilitator).map((s) => html`<option value=${s}>${STATUS_LABELS[s]}</option>`)}
                </select></label
              >
              <label class="field note"><span>Note (optional)</span><textarea name="note" aria-label="Snapshot note" rows="2" maxlength="4000"></textarea></label>
              <button type="submit" ?disabled=${this.busy}>Take snapshot</button>
            </form>
          </section>`
        : nothing}
      ${this.message ? html`<p class="card" role="status">${this.message}</p>` : nothing}
      ${this.opened ? this.renderOpened() : nothing}
      ${this.diff ? this.renderDiffCard(this.diff) : nothing}
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title">Versions</h2>
        ${list && list.length > 0
          ? html`<div class="compare">
              <label class="field"
                ><span>Compare</span>
                <select aria-label="Compare from" @change=${(e: Event) => (this.from = (e.target as HTMLSelectElement).value)}>
                  ${list.map((s) => html`<option value=${s.id} ?selected=${s.id === this.from}>${s.name}</option>`)}
                  <option value="live" ?selected=${this.from === 'live'}>Live plan (now)</option>
                </select></label
              >
              <label class="field"
                ><span>with</span>
                <select aria-label="Compare with" @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
                  <option value="live" ?selected=${this.to === 'live'}>Live plan (now)</option>
                  ${list.map((s) => html`<option value=${s.id} ?selected=${s.id === this.to}>${s.name}</option>`)}
                </select></label
              >
              <button class="secondary" ?disabled=${this.busy} @click=${() => this.compare()}>Show differences</button>
            </div>`
          : nothing}
        ${list === null
          ? html`<p aria-busy="true">Loading…</p>`
          : list.length === 0
            ? html`<p class="empty">No snapshots yet.${writer ? ' Take one above to keep this version of the plan.' : ''}</p>`
            : html`<ul class="list" aria-label="Snapshots">
                ${list.map((s) => this.renderItem(s, facilitator, writer))}
              </ul>`}
      </section>
    `;
  }

  private renderItem(s: SnapshotMeta, facilitator: boolean, writer: boolean) {
    const endorsed = s.status === 'endorsed';
    return html`<li data-snapshot=${s.id} data-name=${s.name} data-status=${s.status}>
      <div class="row">
        <span class="name grow">${endorsed ? html`${lock()} ` : nothing}${s.name}</span>
        <span class="badge ${endorsed ? 'ok' : 'info'}">${STATUS_LABELS[s.status]}</span>
      </div>
      <div class="meta">
        by ${s.author || 'someone'} · <time datetime=${s.createdAt}>${new Date(s.createdAt).toLocaleString()}</time>${s.note ? html` · ${s.note}` : nothing}
      </div>
      <div class="acts">
        <button class="secondary" @click=${() => this.open(s)} aria-label=${`Open ${s.name}`}>Open</button>
        <button class="secondary" @click=${() => this.compare(s.id, 'live')} aria-label=${`Compare ${s.name} with the live plan`}>Compare with live</button>
        <button class="secondary" @click=${() => this.exportJson(s)} aria-label=${`Export ${s.name} as JSON`}>Export JSON</button>
        ${writer ? html`<button class="secondary" @click=${() => this.fork(s)} aria-label=${`Fork ${s.name} into a new plan`}>Fork</button>` : nothing}
        ${facilitator ? html`<button class="secondary" @click=${() => this.restore(s)} aria-label=${`Restore ${s.name}`}>Restore</button>` : nothing}
        ${facilitator && !endorsed
          ? html`<select aria-label=${`Status of ${s.name}`} @change=${(e: Event) => this.setStatus(s, (e.target as HTMLSelectElement).value as SnapshotStatus)}>
                ${SNAPSHOT_STATUSES.map((st) => html`<option value=${st} ?selected=${st === s.status}>${STATUS_LABELS[st]}</option>`)}
              </select>
              <button class="secondary" @click=${() => this.endorse(s)} aria-label=${`Endorse ${s.name}`}>Endorse</button>
              <button class="quiet" @click=${() => this.rename(s)} aria-label=${`Rename ${s.name}`}>Rename</button>
              <button class="quiet" @click=${() => this.removeSnapshot(s)} aria-label=${`Delete ${s.name}`}>Delete</button>`
          : nothing}
      </div>
    </li>`;
  }

  private renderDiffCard(diff: DiffResult) {
    const c = diff.counts;
    return html`<section class="card" aria-labelledby="diff-title">
      <div class="row">
        <h2 id="diff-title" class="grow" tabindex="-1">From ${this.label(diff.from)} to ${this.label(diff.to)}</h2>
        <button class="quiet" @click=${() => (this.diff = null)}>Close</button>
      </div>
      <p class="muted">${c.changed} changed · ${c.added} added · ${c.removed} removed · ${c.moved} moved</p>
      ${renderDiff(diff)}
    </section>`;
  }

  private renderOpened() {
    const { meta, ws } = this.opened!;
    const view = this.openedView;
    return html`<section class="card" aria-labelledby="opened-title">
      <div class="row">
        <h2 id="opened-title" class="grow" tabindex="-1">${meta.status === 'endorsed' ? html`${lock()} ` : nothing}${meta.name}</h2>
        <button class="quiet" @click=${() => this.closeOpened()}>Close</button>
      </div>
      <p class="readonly-note">Read only: the plan as it was on <time datetime=${meta.createdAt}>${new Date(meta.createdAt).toLocaleString()}</time> (${STATUS_LABELS[meta.status]}).</p>
      <div class="tabs" role="group" aria-label="Views of this version">
        ${VIEWS.map((v) => html`<button aria-pressed=${v.id === view ? 'true' : 'false'} @click=${() => (this.openedView = v.id)}>${v.label}</button>`)}
      </div>
      ${viewById(view).render(ws)}
    </section>`;
  }
}
customElements.define('rt-versions', RtVersions);

declare global {
  interface HTMLElementTagNameMap {
    'rt-versions': RtVersions;
  }
}

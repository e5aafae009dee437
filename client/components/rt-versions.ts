import { LitElement, css, html, nothing } from 'lit';
import type { PlanData } from '../../shared/model.js';
import type { SnapshotMeta, SnapshotStatus } from '../../shared/versions.js';
import { canFacilitate, canWrite, holdLinks, type Role } from '../state/access.js';
import { type VersionDiff } from '../state/api.js';
import { api } from '../state/api-routes.js';
import type { ViewId } from '../views.js';
import { base } from '../styles/tokens.js';
import { partsComplete } from './rt-view.js';
import { diffStyles } from './rt-version-diff.js';
import { listStyles, type VersionActions } from './rt-version-list.js';
import { takeStyles, type TakeRequest } from './rt-version-take.js';
import { viewerStyles } from './rt-version-viewer.js';
import { labelled, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';

export { STATUS_LABELS } from './version-shared.js';
export { readable, renderDiff } from './rt-version-diff.js';
/** A diff between two versions as the server sends it. */
export type DiffResult = VersionDiff;

/**
 * Agreed versions: take a named snapshot (with note and status), list them, open one
 * read-only in the same views as the live plan, compare any two (or one with the live plan) as a
 * semantic diff, restore one (facilitator), fork one into a new plan, export it (the Export menu of each version), and
 * endorse it (facilitator; an endorsed version is locked for good).
 *
 * This element loads the versions and runs every request (one at a time, with the outcome shown);
 * the form, the list, the diff and the opened version are parts of their own.
 *
 * @fires navigate - detail is the path of a forked plan to open
 */
export class RtVersions extends LitElement {
  static override properties = {
    planId: { type: String },
    linkRole: { attribute: false },
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
  /**
   * The role of this person's link. Not named `role`: set before the lazily loaded element is
   * defined, that name would land in the ARIA `role` attribute of the host (an invalid role).
   */
  declare linkRole: Role | null;
  declare author: string;
  declare snapshots: SnapshotMeta[] | null;
  /** The last outcome or failure, worded at render (L50). */
  declare message: Notice;
  declare busy: boolean;
  /** The version opened read-only, with the plan as it was. */
  declare opened: { meta: SnapshotMeta; plan: PlanData } | null;
  declare openedView: ViewId;
  declare diff: VersionDiff | null;
  declare from: string;
  declare to: string;

  static override styles = [
    base,
    takeStyles,
    listStyles,
    diffStyles,
    viewerStyles,
    css`
      :host { display: block; }
      svg.lock { color: var(--rt-ok); vertical-align: -1px; }
      @media (max-width: 600px) { form.take { grid-template-columns: 1fr; } }
      form.take input, form.take select, form.take textarea { width: 100%; }
    `,
  ];

  constructor() {
    super();
    this.planId = '';
    this.linkRole = null;
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
    // After the first update: a lazily defined element gets the properties set before its
    // definition arrived (planId) only then.
    void this.updateComplete.then(() => this.load());
  }

  override disconnectedCallback(): void {
    this.opened = null;
    super.disconnectedCallback();
  }

  /** Settled once the panel and every part inside it have rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    return (await super.getUpdateComplete()) && (await partsComplete(this.renderRoot));
  }

  /** (Re)loads the list of versions. */
  async load(): Promise<void> {
    try {
      this.snapshots = await api.snapshots(this.planId);
      if (!this.from || !this.snapshots.some((s) => s.id === this.from)) this.from = this.snapshots[0]?.id ?? '';
    } catch (err) {
      this.fail('versions:fail.load', err);
      this.snapshots ??= [];
    }
  }

  /** Shows a failure: `what` (a catalogue key) and the error, worded at render (L50, L51). */
  private fail(what: string, err: unknown): void {
    this.message = () => labelled(t(what), failureText(err, this));
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

  /** Moves focus to an element of a part once it has rendered. */
  private async focusPart(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private async take(req: TakeRequest): Promise<void> {
    await this.act('versions:fail.take', async () => {
      const meta = await api.takeSnapshot(this.planId, { name: req.name, note: req.note, status: req.status, ...(this.author ? { author: this.author } : {}) });
      req.reset();
      this.message = () => t('versions:taken', { name: meta.name });
      await this.load();
      this.from = meta.id;
    });
  }

  /** Compares two versions (by default the two chosen). */
  async compare(from = this.from, to = this.to): Promise<void> {
    if (!from || !to) return;
    this.from = from;
    this.to = to;
    await this.act('versions:fail.compare', async () => {
      this.diff = await api.diff(this.planId, from, to);
      this.opened = null;
      await this.focusPart('#diff-title');
    });
  }

  /** Asks, then runs a request on one version and reloads the list. */
  private async change(meta: SnapshotMeta, what: string, question: string | null, run: () => Promise<unknown>): Promise<void> {
    if (question !== null && !confirm(question)) return;
    await this.act(what, async () => {
      await run();
      await this.load();
    });
  }

  /** What the list can ask for. */
  private readonly actions: VersionActions = {
    choose: (side, id) => (this[side] = id),
    compare: (from, to) => void this.compare(from, to),
    open: (meta) =>
      void this.act('versions:fail.open', async () => {
        const { plan } = await api.snapshot(this.planId, meta.id);
        this.opened = { meta, plan };
        this.diff = null;
        await this.focusPart('#opened-title');
      }),
    fork: (meta) => {
      const title = prompt(t('versions:forkTitle'), t('versions:forkCopy', { name: meta.name }));
      if (title === null) return;
      void this.act('versions:fail.fork', async () => {
        const body = await api.forkSnapshot(this.planId, meta.id, title.trim());
        holdLinks(body);
        this.dispatchEvent(new CustomEvent('navigate', { detail: body.url, bubbles: true, composed: true }));
      });
    },
    restore: (meta) =>
      void this.change(meta, 'versions:fail.restore', t('versions:restoreConfirm', { name: meta.name }), async () => {
        await api.restoreSnapshot(this.planId, meta.id);
        this.message = () => t('versions:restored', { name: meta.name });
        this.diff = null;
      }),
    endorse: (meta) =>
      void this.change(meta, 'versions:fail.endorse', t('versions:endorseConfirm', { name: meta.name }), () => api.updateSnapshot(this.planId, meta.id, { status: 'endorsed' })),
    setStatus: (meta, status: SnapshotStatus) =>
      status === 'endorsed' ? this.actions.endorse(meta) : void this.change(meta, 'versions:fail.status', null, () => api.updateSnapshot(this.planId, meta.id, { status })),
    rename: (meta) => {
      const name = prompt(t('versions:renamePrompt'), meta.name);
      if (name === null || !name.trim() || name.trim() === meta.name) return;
      void this.change(meta, 'versions:fail.rename', null, () => api.updateSnapshot(this.planId, meta.id, { name: name.trim() }));
    },
    remove: (meta) =>
      void this.change(meta, 'versions:fail.delete', t('versions:deleteConfirm', { name: meta.name }), async () => {
        await api.deleteSnapshot(this.planId, meta.id);
        if (this.opened?.meta.id === meta.id) this.opened = null;
      }),
  };

  private label(id: string): string {
    if (id === 'live') return t('versions:theLive');
    const s = this.snapshots?.find((x) => x.id === id);
    return s ? t('versions:quoted', { name: s.name }) : id;
  }

  override render() {
    const facilitator = canFacilitate(this.linkRole);
    const writer = canWrite(this.linkRole);
    return html`
      ${writer
        ? html`<rt-version-take
            .facilitator=${facilitator}
            .busy=${this.busy}
            @take=${(e: CustomEvent<TakeRequest>) => this.take(e.detail)}
            @message=${(e: CustomEvent<string>) => (this.message = e.detail)}
          ></rt-version-take>`
        : nothing}
      ${this.message ? html`<p class="card" role="status">${noticeText(this.message, this)}</p>` : nothing}
      ${this.opened
        ? html`<rt-version-viewer
            .meta=${this.opened.meta}
            .plan=${this.opened.plan}
            .view=${this.openedView}
            @view=${(e: CustomEvent<ViewId>) => (this.openedView = e.detail)}
            @close=${() => (this.opened = null)}
          ></rt-version-viewer>`
        : nothing}
      ${this.diff
        ? html`<rt-version-diff .diff=${this.diff} .fromLabel=${this.label(this.diff.from)} .toLabel=${this.label(this.diff.to)} @close=${() => (this.diff = null)}></rt-version-diff>`
        : nothing}
      <rt-version-list
        .snapshots=${this.snapshots}
        .from=${this.from}
        .to=${this.to}
        .busy=${this.busy}
        .writer=${writer}
        .facilitator=${facilitator}
        .actions=${this.actions}
        .planId=${this.planId}
      ></rt-version-list>
    `;
  }
}
customElements.define('rt-versions', RtVersions);

declare global {
  interface HTMLElementTagNameMap {
    'rt-versions': RtVersions;
  }
}

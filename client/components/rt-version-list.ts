import { css, html, nothing } from 'lit';
import { SNAPSHOT_STATUSES, type SnapshotMeta, type SnapshotStatus } from '../../shared/versions.js';
import { RtLightPart, valueOf } from './rt-view.js';
import { STATUS_LABELS, lock } from './version-shared.js';
import './rt-export-menu.js';
import { fmt, t } from '../i18n.js';
import './rt-expand-title.js';

/** Styles of the list of versions, adopted by the versions panel. */
export const listStyles = css`
  ul.list { list-style: none; padding: 0; margin: 0; }
  ul.list > li { border: 1px solid var(--rt-line); border-radius: 6px; padding: 0.5rem 0.6rem; margin-block-end: 0.4rem; background: #fff; }
  ul.list > li[data-status='endorsed'] { border-color: #9cc9a8; background: #f4fbf6; }
  .meta { color: var(--rt-muted); font-size: 0.85rem; }
  .name { font-weight: 650; }
  .acts { display: flex; flex-wrap: wrap; gap: 0.25rem; margin-block-start: 0.35rem; }
  .acts button { padding: 0.2rem 0.55rem; font-size: 0.88rem; min-height: 28px; }
  .acts select { padding: 0.2rem 0.3rem; font-size: 0.88rem; }
  .row > h2 { margin: 0; }
  .compare { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-block-end: 0.6rem; }
  .compare label { flex: 1 1 12rem; }
  .compare select { width: 100%; }
`;

/** What can be done with versions from the list (the versions panel does it). */
export interface VersionActions {
  /** Chooses one side of the comparison (`live` is the live plan). */
  choose(side: 'from' | 'to', id: string): void;
  compare(from?: string, to?: string): void;
  open(meta: SnapshotMeta): void;
  fork(meta: SnapshotMeta): void;
  restore(meta: SnapshotMeta): void;
  setStatus(meta: SnapshotMeta, status: SnapshotStatus): void;
  endorse(meta: SnapshotMeta): void;
  rename(meta: SnapshotMeta): void;
  remove(meta: SnapshotMeta): void;
}

/**
 * The versions of the plan: choosing two to compare, and each version with who took it, when, its
 * note and status, and what this person's role may do with it (open, compare with live, export,
 * fork; facilitators also restore, change the status, endorse, rename and delete).
 */
export class RtVersionList extends RtLightPart {
  static override properties = {
    snapshots: { attribute: false },
    from: { type: String },
    to: { type: String },
    busy: { type: Boolean },
    writer: { type: Boolean },
    facilitator: { type: Boolean },
    actions: { attribute: false },
    planId: { type: String },
  };
  /** The versions (null while loading). */
  declare snapshots: SnapshotMeta[] | null;
  declare from: string;
  declare to: string;
  declare busy: boolean;
  declare writer: boolean;
  declare facilitator: boolean;
  declare actions: VersionActions | null;
  /** The plan's id (for the Export menu of each version). */
  declare planId: string;

  constructor() {
    super();
    this.snapshots = null;
    this.from = '';
    this.to = 'live';
    this.busy = false;
    this.writer = false;
    this.facilitator = false;
    this.actions = null;
    this.planId = '';
  }

  override render() {
    const list = this.snapshots;
    const act = this.actions;
    if (!act) return nothing;
    return html`<section class="card" aria-labelledby="list-title">
      <h2 id="list-title">${t('versions:title')}</h2>
      ${list && list.length > 0
        ? html`<div class="compare">
            <label class="field"
              ><span>${t('versions:compare')}</span>
              <select aria-label=${t('versions:compareFrom')} @change=${(e: Event) => act.choose('from', valueOf(e))}>
                ${list.map((s) => html`<option value=${s.id} ?selected=${s.id === this.from}>${s.name}</option>`)}
                <option value="live" ?selected=${this.from === 'live'}>${t('versions:liveNow')}</option>
              </select></label
            >
            <label class="field"
              ><span>${t('versions:with')}</span>
              <select aria-label=${t('versions:compareWith')} @change=${(e: Event) => act.choose('to', valueOf(e))}>
                <option value="live" ?selected=${this.to === 'live'}>${t('versions:liveNow')}</option>
                ${list.map((s) => html`<option value=${s.id} ?selected=${s.id === this.to}>${s.name}</option>`)}
              </select></label
            >
            <button class="secondary" ?disabled=${this.busy} @click=${() => act.compare()}>${t('versions:showDiff')}</button>
          </div>`
        : nothing}
      ${list === null
        ? html`<p aria-busy="true">${t('loading')}</p>`
        : list.length === 0
          ? html`<p class="empty">${t('versions:empty')}${this.writer ? ` ${t('versions:emptyWriter')}` : ''}</p>`
          : html`<ul class="list" aria-label=${t('versions:snapshots')}>
              ${list.map((s) => this.renderItem(s, act))}
            </ul>`}
    </section>`;
  }

  private renderItem(s: SnapshotMeta, act: VersionActions) {
    const endorsed = s.status === 'endorsed';
    const facilitator = this.facilitator;
    return html`<li data-snapshot=${s.id} data-name=${s.name} data-status=${s.status}>
      <div class="row">
        <rt-expand-title class="name grow" .lines=${2} .text=${s.name}></rt-expand-title>${endorsed ? lock() : nothing}
        <span class="badge ${endorsed ? 'ok' : 'info'}">${STATUS_LABELS[s.status]}</span>
      </div>
      <div class="meta">
        ${t('versions:by')} <span dir="auto">${s.author || t('versions:someone')}</span> · <time datetime=${s.createdAt}>${fmt.dateTime(s.createdAt)}</time>${s.note ? html` · <span dir="auto">${s.note}</span>` : nothing}
      </div>
      <div class="acts">
        <button class="secondary" @click=${() => act.open(s)} aria-label=${t('versions:openOf', { name: s.name })}>${t('versions:open')}</button>
        <button class="secondary" @click=${() => act.compare(s.id, 'live')} aria-label=${t('versions:compareLiveOf', { name: s.name })}>${t('versions:compareLive')}</button>
        ${this.planId ? html`<rt-export-menu compact .planId=${this.planId} .snapshot=${s}></rt-export-menu>` : nothing}
        ${this.writer ? html`<button class="secondary" @click=${() => act.fork(s)} aria-label=${t('versions:forkOf', { name: s.name })}>${t('versions:fork')}</button>` : nothing}
        ${facilitator ? html`<button class="secondary" @click=${() => act.restore(s)} aria-label=${t('versions:restoreOf', { name: s.name })}>${t('versions:restore')}</button>` : nothing}
        ${facilitator && !endorsed
          ? html`<select aria-label=${t('versions:statusOf', { name: s.name })} @change=${(e: Event) => act.setStatus(s, valueOf(e) as SnapshotStatus)}>
                ${SNAPSHOT_STATUSES.map((st) => html`<option value=${st} ?selected=${st === s.status}>${STATUS_LABELS[st]}</option>`)}
              </select>
              <button class="secondary" @click=${() => act.endorse(s)} aria-label=${t('versions:endorseOf', { name: s.name })}>${t('versions:endorse')}</button>
              <button class="quiet" @click=${() => act.rename(s)} aria-label=${t('versions:renameOf', { name: s.name })}>${t('versions:rename')}</button>
              <button class="quiet" @click=${() => act.remove(s)} aria-label=${t('versions:deleteOf', { name: s.name })}>${t('versions:delete')}</button>`
          : nothing}
      </div>
    </li>`;
  }
}
customElements.define('rt-version-list', RtVersionList);

declare global {
  interface HTMLElementTagNameMap {
    'rt-version-list': RtVersionList;
  }
}

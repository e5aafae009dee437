import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  LIBRARY_KINDS,
  SECTOR_IDS,
  addTeamEntry,
  insertFromLibrary,
  libraryFacets,
  planLibrary,
  searchLibrary,
  type LibraryEntry,
  type LibraryKind,
  type LibraryTarget,
  type PlanData,
  type SectorId,
} from '../../shared/model.js';
import { labelled, locale, t } from '../i18n.js';
import { libraryTextFor } from '../library-text.js';
import { localizeLibrary, type LibraryRef } from '../../shared/domain/library-text.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { errorBox, noticeText, type Notice } from '../command-text.js';

/** A built-in entry's reference line in the reader's language (SPEC L61). */
const referenceLine = (r: LibraryRef): string => (r.kind === 'gfmd' ? t('library:ref.gfmd', { roundtable: r.roundtable, letter: r.letter }) : t('library:ref.handbook', { section: r.section, box: r.box }));

/** `lang="en"` on a field of a built-in entry still in English on a page in another language. */
const enIf = (e: LibraryEntry, field: NonNullable<LibraryEntry['english']>[number]) => (e.english?.includes(field) ? 'en' : nothing);

/** Results shown before "Show more". */
const PAGE = 25;
/** Levels an entry can be inserted as, top to bottom. */
const AS = ['goal', 'outcome', 'output', 'activity'] as const;
type As = (typeof AS)[number];
/** The level a node of each kind sits under. */
const PARENT_KIND: Record<Exclude<As, 'goal'>, 'goal' | 'outcome' | 'output'> = { outcome: 'goal', output: 'outcome', activity: 'output' };

/**
 * The intervention library panel (LB1-LB4): a search box and filters (theme, sector, agency,
 * source), the matching entries, an Insert form per entry (as a candidate goal, or as an outcome,
 * output or activity under a chosen parent) and a form for the team's own entries. Everything is
 * keyboard usable; the layout stacks on a phone.
 */
export class RtLibrary extends RtView {
  static override properties = {
    ...RtView.properties,
    text: { state: true },
    theme: { state: true },
    sector: { state: true },
    agency: { state: true },
    kind: { state: true },
    shown: { state: true },
    inserting: { state: true },
    as: { state: true },
    message: { state: true },
    error: { state: true },
  };
  declare text: string;
  declare theme: string;
  declare sector: string;
  declare agency: string;
  declare kind: string;
  declare shown: number;
  /** The entry whose Insert form is open. */
  declare inserting: string | null;
  declare as: As;
  declare message: Notice;
  declare error: Notice;

  static override styles = [
    base,
    css`
      :host { display: block; }
      .filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem 0.75rem; margin: 0.5rem 0; }
      .filters label { display: grid; gap: 0.2rem; font-size: 0.9rem; }
      .filters .wide { grid-column: 1 / -1; }
      ul.results { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      li.entry { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.6rem 0.75rem; background: #fff; }
      li.entry h3 { font-size: 1rem; margin: 0 0 0.3rem; }
      .meta { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.3rem 0; }
      dl { margin: 0.3rem 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.6rem; font-size: 0.9rem; }
      dt { color: var(--rt-muted); }
      /* A value in another script (dir=auto: "IOM" on an Arabic page) keeps its own direction but sits beside its term, at the page's start. */
      dd { margin: 0; text-align: -webkit-match-parent; text-align: match-parent; }
      form.insert { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin-top: 0.5rem; padding-block-start: 0.5rem; border-top: 1px dashed var(--rt-line); }
      form.insert label { display: grid; gap: 0.2rem; }
      form.insert select { max-width: 100%; }
      form.own { display: grid; gap: 0.5rem; }
      form.own label { display: grid; gap: 0.2rem; }
      .ok-box { background: var(--rt-ok-soft); border: 1px solid var(--rt-ok); border-radius: var(--rt-radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; }
      @media (max-width: 480px) {
        li.entry { padding: 0.5rem; }
        form.insert { flex-direction: column; align-items: stretch; }
        dl { grid-template-columns: 1fr; }
      }
    `,
  ];

  constructor() {
    super();
    this.text = '';
    this.theme = '';
    this.sector = '';
    this.agency = '';
    this.kind = '';
    this.shown = PAGE;
    this.inserting = null;
    this.as = 'activity';
    this.message = '';
    this.error = '';
  }

  /**
   * Every entry of the plan's library in the reader's language (L61), and those the filters keep.
   * A theme chosen in another language (before a switch) no longer filters.
   */
  private results(plan: PlanData): { all: LibraryEntry[]; found: LibraryEntry[] } | null {
    const text = libraryTextFor(locale(), this);
    // The reader's wording is on its way: nothing in English meanwhile.
    if (text === undefined) return null;
    const all = localizeLibrary(planLibrary(plan), text, { reference: referenceLine });
    const theme = this.theme && all.some((e) => e.theme === this.theme) ? this.theme : undefined;
    const found = searchLibrary(all, {
      text: this.text,
      theme,
      sector: (this.sector || undefined) as SectorId | undefined,
      agency: this.agency || undefined,
      kind: (this.kind || undefined) as LibraryKind | undefined,
    });
    return { all, found };
  }

  private filter(key: 'text' | 'theme' | 'sector' | 'agency' | 'kind', value: string): void {
    this[key] = value;
    this.shown = PAGE;
  }

  /** Live parents an entry may go under as `as`, labelled by code and title. */
  private parents(ws: Workspace, plan: PlanData, as: As): { id: string; label: string }[] {
    if (as === 'goal') return [];
    const want = PARENT_KIND[as];
    const list = want === 'goal' ? plan.goals : want === 'outcome' ? plan.outcomes : plan.outputs;
    const codes = ws.store.codes;
    return list
      .filter((n) => !n.archived && codes.has(n.id))
      .map((n) => ({ id: n.id, label: `${codes.get(n.id)!.code} ${n.title || '…'}` }))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  }

  private insert(e: SubmitEvent, ws: Workspace, entry: LibraryEntry): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const as = this.as;
    const target: LibraryTarget = as === 'goal' ? { as } : { as, parentId: String(data.get('parent') ?? '') };
    const r = insertFromLibrary(ws.doc, entry, target, ws.origin);
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.error = '';
    this.inserting = null;
    this.message = () => t('library:inserted', { title: entry.title, as: t(`library:as.${as}`) });
  }

  private addOwn(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '');
    if (!title.trim()) {
      this.error = () => t('library:ownNeedsTitle');
      return;
    }
    const sector = String(data.get('sector') ?? '');
    const r = addTeamEntry(
      ws.doc,
      {
        title,
        objective: String(data.get('objective') ?? ''),
        theme: String(data.get('theme') ?? '').trim(),
        agencies: String(data.get('agencies') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        sectors: sector ? [sector as SectorId] : [],
      },
      ws.origin,
    );
    if (!r.ok) {
      this.error = r.error;
      return;
    }
    this.error = '';
    this.message = () => t('library:ownAdded');
    form.reset();
  }

  private renderInsert(ws: Workspace, plan: PlanData, entry: LibraryEntry) {
    const parents = this.parents(ws, plan, this.as);
    const missing = this.as !== 'goal' && parents.length === 0;
    return html`<form class="insert" aria-label=${t('library:insert')} @submit=${(e: SubmitEvent) => this.insert(e, ws, entry)}>
      <label
        >${t('library:insertAs')}
        <select name="as" data-insert-as @change=${(e: Event) => (this.as = (e.target as HTMLSelectElement).value as As)}>
          ${AS.map((a) => html`<option value=${a} ?selected=${a === this.as}>${t(`library:as.${a}`)}</option>`)}
        </select></label
      >
      ${this.as === 'goal'
        ? nothing
        : missing
          ? html`<p class="muted" role="note">${t('library:noParent', { level: t(`library:as.${PARENT_KIND[this.as]}`) })}</p>`
          : html`<label
              >${t('library:under')}
              <select name="parent" data-insert-parent>
                ${parents.map((p) => html`<option value=${p.id} dir="auto">${p.label}</option>`)}
              </select></label
            >`}
      <button type="submit" ?disabled=${missing}>${t('library:insertGo')}</button>
      <button type="button" class="quiet" @click=${() => (this.inserting = null)}>${t('library:insertCancel')}</button>
    </form>`;
  }

  private renderEntry(ws: Workspace, plan: PlanData, e: LibraryEntry) {
    const open = this.inserting === e.id;
    return html`<li class="entry" data-entry=${e.id}>
      <h3 dir="auto" lang=${enIf(e, 'title')}>${e.title}</h3>
      <div class="meta">
        <span class="badge info">${t(`library:kinds.${e.kind}`)}</span>
        ${e.sectors.map((s) => html`<span class="badge">${t(`sectors:name.${s}`)}</span>`)}
      </div>
      <dl>
        ${e.objective ? html`<dt>${t('library:objective')}</dt><dd dir="auto" lang=${enIf(e, 'objective')}>${e.objective}</dd>` : nothing}
        ${e.agencies.length ? html`<dt>${t('library:agencies')}</dt><dd dir="auto">${e.agencies.join(', ')}</dd>` : nothing}
        ${e.countries.length ? html`<dt>${t('library:countries')}</dt><dd dir="auto">${e.countries.join(', ')}</dd>` : nothing}
        ${e.heading ? html`<dt>${t('library:theme')}</dt><dd dir="auto" lang=${enIf(e, 'heading')}>${e.heading}</dd>` : nothing}
      </dl>
      ${e.reference ? html`<p class="muted" dir="auto">${e.reference}</p>` : nothing}
      ${ws.readonly
        ? nothing
        : open
          ? this.renderInsert(ws, plan, e)
          : html`<button class="secondary" aria-label=${labelled(t('library:insert'), e.title)} @click=${() => ((this.inserting = e.id), (this.error = ''))}>${t('library:insert')}…</button>`}
    </li>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const results = this.results(plan);
    if (!results)
      return html`<section class="card" aria-labelledby="lib-h" aria-busy="true">
        <h2 id="lib-h">${t('library:title')}</h2>
        <p class="muted">${t('library:intro')}</p>
        <p class="muted">${t('loading')}</p>
      </section>`;
    const { all, found } = results;
    const facets = libraryFacets(all);
    return html`<section class="card" aria-labelledby="lib-h">
      <h2 id="lib-h">${t('library:title')}</h2>
      <p class="muted">${t('library:intro')}</p>
      ${ws.readonly ? html`<p class="muted" role="note">${t('library:readOnly')}</p>` : nothing}
      <div class="filters" role="search">
        <label class="wide"
          >${t('library:search')}
          <input type="search" data-library-search data-nav dir="auto" placeholder=${t('library:searchHint')} .value=${this.text} @input=${(e: Event) => this.filter('text', (e.target as HTMLInputElement).value)}
        /></label>
        <label
          >${t('library:theme')}
          <select data-nav @change=${(e: Event) => this.filter('theme', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('library:any')}</option>
            ${facets.themes.map((x) => html`<option value=${x} ?selected=${x === this.theme} dir="auto">${x}</option>`)}
          </select></label
        >
        <label
          >${t('library:sector')}
          <select data-library-sector data-nav @change=${(e: Event) => this.filter('sector', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('library:any')}</option>
            ${SECTOR_IDS.map((s) => html`<option value=${s} ?selected=${s === this.sector}>${t(`sectors:name.${s}`)}</option>`)}
          </select></label
        >
        <label
          >${t('library:agency')}
          <select data-nav @change=${(e: Event) => this.filter('agency', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('library:any')}</option>
            ${facets.agencies.map((x) => html`<option value=${x} ?selected=${x === this.agency}>${x}</option>`)}
          </select></label
        >
        <label
          >${t('library:kind')}
          <select data-nav @change=${(e: Event) => this.filter('kind', (e.target as HTMLSelectElement).value)}>
            <option value="">${t('library:any')}</option>
            ${LIBRARY_KINDS.map((k) => html`<option value=${k} ?selected=${k === this.kind}>${t(`library:kinds.${k}`)}</option>`)}
          </select></label
        >
      </div>
      <p aria-live="polite" data-library-count>${t('library:results', { count: found.length })}</p>
      ${this.message ? html`<p class="ok-box" role="status" data-library-message>${noticeText(this.message, this)}</p>` : nothing}
      ${errorBox(this.error, this)}
      ${found.length === 0
        ? html`<p class="muted">${t('library:none')}</p>`
        : html`<ul class="results">
            ${repeat(
              found.slice(0, this.shown),
              (e) => e.id,
              (e) => this.renderEntry(ws, plan, e),
            )}
          </ul>`}
      ${found.length > this.shown ? html`<button class="secondary" data-nav @click=${() => (this.shown += PAGE)}>${t('library:showMore')}</button>` : nothing}
      ${ws.readonly
        ? nothing
        : html`<details>
            <summary>${t('library:addOwn')}</summary>
            <form class="own" @submit=${(e: SubmitEvent) => this.addOwn(e, ws)}>
              <label>${t('library:ownTitle')} <input name="title" maxlength="2000" dir="auto" /></label>
              <label>${t('library:ownObjective')} <textarea name="objective" rows="2" maxlength="20000" dir="auto"></textarea></label>
              <label>${t('library:ownTheme')} <input name="theme" maxlength="2000" dir="auto" /></label>
              <label>${t('library:ownAgencies')} <input name="agencies" maxlength="2000" dir="auto" /></label>
              <label
                >${t('library:ownSector')}
                <select name="sector">
                  <option value="">${t('library:any')}</option>
                  ${SECTOR_IDS.map((s) => html`<option value=${s}>${t(`sectors:name.${s}`)}</option>`)}
                </select></label
              >
              <button type="submit">${t('library:ownAdd')}</button>
            </form>
          </details>`}
    </section>`;
  }
}
customElements.define('rt-library', RtLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'rt-library': RtLibrary;
  }
}

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ROLE_LABELS, forgetPlan, heldPlans, holdLinks, parseInvite, strongest, confirmToken, dropToken, updateHeld, type HeldPlan, type Role } from '../state/access.js';
import { ApiError, setActorName, type ApiProblem, type CreatedPlan } from '../state/api.js';
import { api } from '../state/api-routes.js';
import { loadIdentity } from '../state/identity.js';
import { base } from '../styles/tokens.js';
import './rt-locale-picker.js';
import { fmt, hasNamespace, labelled, loadNamespaces, locale, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';
import { importNoteText, loadNoteWords, notesOf, problemPlaceText, problemText } from '../import-notes.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import { NODE_KINDS } from '../../shared/schema/types.js';

/**
 * The columns a workbook needs and the others the import reads (SPEC L110), by their `xlsx:head`
 * key: the headings the reader's own exported workbook has, which the import recognises in every
 * language (L12).
 */
const NEEDED = ['level', 'code', 'title'] as const;
const ALSO_READ = ['responsible', 'start', 'end', 'fundingKind', 'modality', 'funder', 'fundingStatus'] as const;
/** Codes of the four levels, as examples of the Code column. */
const CODE_SAMPLES = ['1', '1.1', '1.1.1', '1.1.1.1'];
/** Marks a placeholder's place in a message (no catalogue holds it). */
const MARK = '\u0000';

/** A column's heading in the reader's language (the Excel export's, `xlsx:head.<key>`). */
function heading(key: (typeof NEEDED)[number] | (typeof ALSO_READ)[number] | 'planned'): string {
  return t(`xlsx:head.${key}`);
}

/**
 * `items` as a list in the reader's language ("a, b and c"; `or` for "a, b or c"), each item rendered
 * by `item` (an element of its own, so a Latin word or a code keeps its direction on a right-to-left page).
 */
function listOf(items: readonly string[], item: (text: string) => TemplateResult, or = false): (string | TemplateResult)[] {
  return new Intl.ListFormat(locale(), { type: or ? 'disjunction' : 'conjunction' }).formatToParts(items).map((p) => (p.type === 'element' ? item(p.value) : p.value));
}

/** The message `key` with each placeholder of `parts` rendered as its part (elements), the rest as text. */
function withParts(key: string, parts: Record<string, unknown>): unknown[] {
  const names = Object.keys(parts);
  const text = t(key, Object.fromEntries(names.map((n, i) => [n, `${MARK}${i}${MARK}`])));
  return text.split(MARK).map((piece, i) => (i % 2 ? parts[names[Number(piece)]!] : piece));
}

/** A heading, isolated (its own direction inside the sentence). */
const head = (text: string) => html`<bdi>${text}</bdi>`;
/** A value to type as it is (a level's English name, a code): left to right, isolated, in English. */
const literal = (text: string) => html`<code dir="ltr" lang="en">${text}</code>`;

/**
 * The Excel import's help (L110): the columns named as the reader's own workbook heads them, the
 * level values and codes as they are typed, each isolated so the sentence reads right in Arabic.
 */
function xlsxHelp(): unknown[] {
  return withParts('shell:home.xlsxHelp', {
    level: head(heading('level')),
    levels: listOf(NODE_KINDS, literal, true),
    code: head(heading('code')),
    codes: listOf(CODE_SAMPLES, literal),
    title: head(heading('title')),
    more: listOf([`${heading('planned')} (USD)`, ...ALSO_READ.map(heading)], head),
  });
}

/** "Choose a workbook" with the needed columns named as the reader's workbook heads them, each isolated (FSI ... PDI) (L110). */
function chooseXlsx(): string {
  return t('shell:home.chooseXlsx', { columns: fmt.list(NEEDED.map((k) => `\u2068${heading(k)}\u2069`)) });
}

/** What the server says about a plan this browser holds a link for. */
type PlanState = { kind: 'checking' } | { kind: 'ok'; role: Role } | { kind: 'invalid' } | { kind: 'gone' } | { kind: 'offline' };


/**
 * Home: the plans this browser holds invite links for (there is no list of every plan), a form
 * to create one (title, country, currency), importing a `roundtable-plan/1` file, and opening a
 * plan from a pasted invite link. Creating or importing keeps all three links and opens the plan
 * as facilitator.
 * @fires navigate - detail is the path to open
 */
export class RtHome extends LitElement {
  static override properties = {
    plans: { state: true },
    states: { state: true },
    error: { state: true },
    problems: { state: true },
    busy: { state: true },
    imported: { state: true },
  };
  declare plans: HeldPlan[];
  declare states: Record<string, PlanState>;
  /** The shown error, worded at render, so a language switch re-words it (an API error too, L21, L39, L50). */
  declare error: Notice;
  declare problems: ApiProblem[];
  declare busy: boolean;
  /** A plan an import created with notes (what it left out, SPEC XL3, XL5): shown before opening it. */
  declare imported: (CreatedPlan & { shown: (ImportNote | string)[] }) | null;

  static override styles = [
    base,
    css`
      :host { display: block; max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem; }
      .locale { float: inline-end; }
      h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
      p.lead { margin: 0 0 1.25rem; color: var(--rt-muted); }
      form.create { display: grid; grid-template-columns: minmax(0, 1fr) 6.5rem 6.5rem auto; gap: 0.5rem; align-items: end; }
      @media (max-width: 600px) { form.create { grid-template-columns: 1fr 1fr; } form.create .title { grid-column: 1 / -1; } form.create button { grid-column: 1 / -1; } }
      form.create input { width: 100%; }
      .row input { flex: 1 1 14rem; }
      ul.plans { list-style: none; padding: 0; margin: 0; }
      ul.plans li { display: flex; align-items: center; gap: 0.5rem; padding: 0.6rem 0.8rem; margin-block-end: 0.5rem; background: #fff; border: 1px solid var(--rt-line); border-radius: 8px; flex-wrap: wrap; }
      ul.plans li:hover { border-color: var(--rt-accent); }
      ul.plans a { flex: 1 1 14rem; min-width: 0; color: inherit; text-decoration: none; font-weight: 600; overflow-wrap: anywhere; }
      ul.plans a:hover { text-decoration: underline; }
      time { color: var(--rt-muted); font-size: 0.88rem; white-space: nowrap; }
      .badge.facilitator { background: var(--rt-accent-soft); color: var(--rt-accent); }
      .badge.observer { background: var(--rt-warn-soft); color: var(--rt-warn); }
      .problems { margin: 0.25rem 0 0; padding-inline-start: 1.2rem; max-height: 14rem; overflow: auto; }
      .problems code, [data-xlsx-help] code { font-size: 0.85rem; }
      .error-box p { margin: 0; }
      .notice-box { margin: 1rem 0; padding: 0.8rem 1rem; border: 1px solid var(--rt-warn); background: var(--rt-warn-soft); border-radius: 8px; }
      .notice-box h2 { font-size: 1.05rem; margin: 0 0 0.4rem; }
      .notice-box ul { margin: 0 0 0.6rem; padding-left: 1.2rem; overflow-wrap: anywhere; }
    `,
  ];

  constructor() {
    super();
    this.plans = [];
    this.states = {};
    this.error = '';
    this.imported = null;
    this.problems = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // The API error texts and refusals (an unreachable server's included, L39), while the server is
    // still reachable: until they are in, an error shows the server's (or this client's) English.
    void loadNamespaces(['errors', 'refusals']).catch(() => undefined);
    // The workbook's column headings in the reader's language, for the Excel import's help (L110).
    void loadNamespaces(['xlsx']).then(() => this.requestUpdate(), () => undefined);
  }

  /** Lists the plans held here and asks the server for each one's title, role and last change. */
  async load(): Promise<void> {
    this.plans = heldPlans();
    this.states = Object.fromEntries(this.plans.map((p) => [p.id, { kind: 'checking' } as PlanState]));
    await Promise.all(this.plans.map((p) => this.check(p)));
    this.plans = heldPlans();
  }

  private async check(p: HeldPlan): Promise<void> {
    const s = p.pending ? { token: p.pending } : strongest(p);
    let state: PlanState;
    if (!s) state = { kind: 'invalid' };
    else {
      try {
        const body = await api.planInfo(p.id, s.token);
        confirmToken(p.id, s.token, body);
        state = { kind: 'ok', role: strongest(heldPlans().find((x) => x.id === p.id) ?? null)?.role ?? body.role };
      } catch (err) {
        const status = err instanceof ApiError ? err.status : 0;
        if (status === 401) dropToken(p.id, s.token);
        state = status === 404 ? { kind: 'gone' } : status === 401 ? { kind: 'invalid' } : { kind: 'offline' };
      }
    }
    this.states = { ...this.states, [p.id]: state };
  }

  private go(url: string): void {
    this.dispatchEvent(new CustomEvent('navigate', { detail: url, bubbles: true, composed: true }));
  }

  private opened(created: CreatedPlan): void {
    holdLinks(created);
    this.go(`/plans/${created.id}`);
  }

  private async create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const country = String(data.get('country') ?? '').trim().toUpperCase();
    const currency = String(data.get('currency') ?? '').trim().toUpperCase();
    if (!title) {
      this.error = () => t('shell:home.titleFirst');
      form.querySelector<HTMLInputElement>('#title')?.focus();
      return;
    }
    await this.send('shell:home.couldNotCreate', () => api.createPlan({ title, ...(country ? { country } : {}), ...(currency ? { currency } : {}), language: locale() }));
  }

  private async importFile(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[type=file]')!;
    const file = input.files?.[0];
    if (!file) {
      this.error = () => t('shell:home.chooseJson');
      this.problems = [];
      return;
    }
    const text = await file.text();
    await this.send('shell:home.couldNotImport', () => api.importPlan(text));
  }

  private async importWorkbook(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input[type=file]')!;
    const file = input.files?.[0];
    if (!file) {
      await loadNamespaces(['xlsx']).catch(() => undefined);
      this.error = chooseXlsx;
      this.problems = [];
      return;
    }
    await this.send('shell:home.couldNotImportXlsx', () => api.importWorkbook(file));
  }

  /** Posts a create or import request; opens the new plan, or shows the server's message. */
  private async send(what: 'shell:home.couldNotCreate' | 'shell:home.couldNotImport' | 'shell:home.couldNotImportXlsx', run: () => Promise<CreatedPlan>): Promise<void> {
    this.busy = true;
    this.error = '';
    this.problems = [];
    this.imported = null;
    try {
      setActorName(loadIdentity()?.name ?? '');
      const created = await run();
      const shown = notesOf(created);
      if (!shown.length) return this.opened(created);
      // The import left something out or changed it: say what, in the reader's language (L27), before opening the plan.
      holdLinks(created);
      this.plans = heldPlans();
      await loadNoteWords();
      this.imported = { ...created, shown };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('.notice-box button')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.problems.length) await loadNoteWords();
      if (err instanceof ApiError) this.problems = err.problems;
      this.error = () => labelled(t(what), failureText(err, this));
    } finally {
      this.busy = false;
    }
  }

  private openLink(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector<HTMLInputElement>('input')!;
    const invite = parseInvite(input.value);
    this.problems = [];
    if (!invite) {
      this.error = () => t('shell:gate.notInvite');
      return;
    }
    this.error = '';
    updateHeld(invite.planId, (p) => void (p.pending = invite.token));
    this.go(`/plans/${invite.planId}`);
  }

  private forget(p: HeldPlan): void {
    if (!confirm(t('shell:home.forgetConfirm', { title: p.title || p.id }))) return;
    forgetPlan(p.id);
    this.plans = heldPlans();
  }

  private follow(e: MouseEvent, url: string): void {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    this.go(url);
  }

  private renderState(p: HeldPlan) {
    const s = this.states[p.id] ?? { kind: 'checking' };
    switch (s.kind) {
      case 'ok':
        return html`<span class="badge ${s.role}">${ROLE_LABELS[s.role]}</span>`;
      case 'checking':
        return p.role ? html`<span class="badge ${p.role}">${ROLE_LABELS[p.role]}</span>` : nothing;
      case 'invalid':
        return html`<span class="badge error">${t('shell:home.invalid')}</span>`;
      case 'gone':
        return html`<span class="badge error">${t('shell:home.gone')}</span>`;
      case 'offline':
        return html`<span class="badge warning">${t('shell:home.offline')}</span>`;
    }
  }

  override render() {
    return html`<main>
      <rt-locale-picker class="locale"></rt-locale-picker>
      <h1>Roundtable</h1>
      <p class="lead">${t('shell:home.lead')}</p>
      <section class="card" aria-labelledby="create-title">
        <h2 id="create-title">${t('shell:home.create')}</h2>
        <form class="create" @submit=${this.create} aria-label=${t('shell:home.create')}>
          <label class="field title"><span>${t('shell:home.title')}</span><input id="title" name="title" dir="auto" maxlength="200" placeholder=${t('shell:home.titleExample')} aria-label=${t('shell:header.planTitle')} /></label>
          <label class="field"><span>${t('shell:home.country')}</span><input name="country" maxlength="2" placeholder="SN" aria-label=${t('shell:home.countryLabel')} autocapitalize="characters" /></label>
          <label class="field"><span>${t('shell:home.currency')}</span><input name="currency" maxlength="3" placeholder="XOF" aria-label=${t('shell:home.currencyLabel')} autocapitalize="characters" /></label>
          <button type="submit" ?disabled=${this.busy}>${t('shell:home.createButton')}</button>
        </form>
        <p class="muted">${t('shell:home.createHelp')}</p>
      </section>
      ${this.error
        ? html`<div class="error-box" role="alert">
            <p>${noticeText(this.error, this)}</p>
            ${this.problems.length
              ? html`<ul class="problems" aria-label=${t('shell:home.problems')}>
                  ${this.problems.map((p) => html`<li><code dir=${p.at ? 'auto' : 'ltr'}>${problemPlaceText(p, t('shell:home.wholeFile'))}</code>${t('common:colon')} ${problemText(p)}</li>`)}
                </ul>`
              : nothing}
          </div>`
        : nothing}
      ${this.imported
        ? html`<div class="notice-box" role="status" aria-labelledby="imported-title">
            <h2 id="imported-title">${t('shell:home.importedWithNotes', { title: this.imported.title })}</h2>
            <ul aria-label=${t('shell:home.importNotes')}>
              ${this.imported.shown.map((n) => html`<li>${importNoteText(n)}</li>`)}
            </ul>
            <button @click=${() => this.go(`/plans/${this.imported!.id}`)}>${t('shell:home.openPlan')}</button>
          </div>`
        : nothing}
      <section aria-labelledby="plans-title">
        <h2 id="plans-title">${t('shell:home.yourPlans')}</h2>
        ${this.plans.length === 0
          ? html`<p class="empty">${t('shell:home.empty')}</p>`
          : html`<ul class="plans" aria-label=${t('shell:home.yourPlans')}>
              ${this.plans.map(
                (p) => html`<li data-plan=${p.id}>
                  <a href="/plans/${p.id}" @click=${(e: MouseEvent) => this.follow(e, `/plans/${p.id}`)} dir="auto">${p.title || p.id}</a>
                  ${this.renderState(p)}
                  ${p.updatedAt ? html`<time datetime=${p.updatedAt} title=${t('shell:home.lastChange')}>${fmt.dateTime(p.updatedAt)}</time>` : nothing}
                  <button class="quiet" @click=${() => this.forget(p)} aria-label=${t('shell:home.forgetLabel', { title: p.title || p.id })}>${t('shell:home.forget')}</button>
                </li>`,
              )}
            </ul>`}
        <p class="muted">${t('shell:home.onlyHeld')}</p>
      </section>
      <section class="card" aria-labelledby="open-title">
        <h2 id="open-title">${t('shell:home.openTitle')}</h2>
        <form class="row" @submit=${this.openLink}>
          <input aria-label=${t('shell:gate.link')} dir="ltr" placeholder=${t('shell:home.pasteLink')} />
          <button type="submit" class="secondary">${t('shell:home.open')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="import-title">
        <h2 id="import-title">${t('shell:home.importTitle')}</h2>
        <form class="row" @submit=${this.importFile}>
          <input type="file" accept=".json,application/json" aria-label=${t('shell:home.planFile')} />
          <button type="submit" class="secondary" ?disabled=${this.busy}>${t('shell:home.import')}</button>
        </form>
        <h3 id="xlsx-title">${t('shell:home.importXlsx')}</h3>
        <form class="row" aria-labelledby="xlsx-title" @submit=${this.importWorkbook}>
          <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label=${t('shell:home.workbook')} />
          <button type="submit" class="secondary" ?disabled=${this.busy}>${t('shell:home.importXlsx')}</button>
        </form>
        ${hasNamespace('xlsx') ? html`<p class="muted" data-xlsx-help>${xlsxHelp()}</p>` : nothing}
      </section>
    </main>`;
  }
}
customElements.define('rt-home', RtHome);

declare global {
  interface HTMLElementTagNameMap {
    'rt-home': RtHome;
  }
}

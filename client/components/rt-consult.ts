import { css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CONSULT_LIMITS } from '../../shared/schema/registry.js';
import {
  ROUND_MODES,
  openRound,
  promotedNode,
  roundIsOpen,
  setRoundStatus,
  tallies,
  todayUtc,
  type ConsultRound,
  type PlanData,
  type Recommendation,
  type Tally,
} from '../../shared/model.js';
import { SEED_RECOMMENDATIONS, SEED_SESSIONS, roundFromSession, seedRecommendation, seedSession, type SeedSession } from '../../shared/domain/consult-seeds.js';
import { nodeCodes } from '../../shared/domain/tree.js';
import { fmt, locale, t } from '../i18n.js';
import { libraryTextFor } from '../library-text.js';
import { localizeRecommendation, localizeSession } from '../../shared/domain/library-text.js';
import { ApiError } from '../state/api.js';
import { api } from '../state/api-routes.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView, runBusy } from './rt-view.js';
import { errorBox, failureText, type Notice } from '../command-text.js';

/** A GFMD meeting's name in the reader's language ("FMMD Bruxelles 2007"), by the session id's prefix (`gfmd07-1-1`). */
const meetingName = (s: SeedSession): string => t(`consult:meetings.${s.id.slice(0, 6)}`);

/** Reads the named field of a form as trimmed text. */
const field = (form: HTMLFormElement, name: string): string => String(new FormData(form).get(name) ?? '').trim();

/** Sets the named control of a form (pre-filling from the starting material). */
function fill(form: HTMLFormElement, name: string, value: string): void {
  const el = form.elements.namedItem(name);
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) el.value = value;
}

/** A date `days` after today (UTC), for the default closing date. */
const inDays = (days: number): string => todayUtc(Date.now() + days * 86_400_000);

/**
 * The Consultations screen (SPEC CO1-CO5, CO8): facilitators open rounds (from scratch or from a
 * GFMD session), close and reopen them; everyone, observers included, contributes recommendations
 * in the civil-society report's form and supports or questions them (through the server, which
 * writes them); facilitators promote a recommendation to a candidate goal or an activity.
 * Follows the plan live. Observers' inputs stay editable here: what they send goes through the
 * server, never into the doc.
 */
export class RtConsult extends RtView {
  static override properties = { ...RtView.properties, message: { state: true }, busy: { state: true }, asking: { state: true }, opening: { state: true } };
  /** The last refusal or failure, shown in an alert ('' = none). */
  declare message: Notice;
  declare busy: boolean;
  /** The recommendation whose question box is open, or null. */
  declare asking: string | null;
  /** The facilitator's "open a round" form is shown. */
  declare opening: boolean;

  static override styles = [
    base,
    css`
      :host { display: block; }
      .intro { max-inline-size: 60rem; }
      form.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(15rem, 100%), 1fr)); gap: 0.6rem; align-items: end; }
      form.grid .wide { grid-column: 1 / -1; }
      form label { display: grid; gap: 0.2rem; min-inline-size: 0; }
      form.grid input:not([type='radio']), form.grid textarea, form.grid select { inline-size: 100%; }
      fieldset { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.4rem 0.6rem; margin: 0; }
      fieldset label { display: inline-flex; gap: 0.3rem; align-items: center; margin-inline-end: 1rem; min-block-size: 2rem; }
      /* Inside markers: a question typed in another script keeps its number beside it, in either direction. */
      ol.questions { margin: 0.3rem 0; padding-inline-start: 0.2rem; list-style-position: inside; }
      ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.6rem; }
      article.rec { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); padding: 0.6rem 0.8rem; background: #fff; }
      article.rec h4 { margin: 0 0 0.3rem; font-size: 1rem; }
      dl.parts { margin: 0.3rem 0; display: grid; gap: 0.2rem; }
      dl.parts dt { font-weight: 600; font-size: 0.85rem; color: var(--rt-muted); }
      dl.parts dd { margin: 0 0 0.3rem; white-space: pre-wrap; }
      .head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin-block-start: 0.4rem; }
      .actions select { max-inline-size: 16rem; }
      button[aria-pressed='true'] { background: var(--rt-ok); border-color: var(--rt-ok); color: #fff; }
      ul.asked { margin: 0.3rem 0; padding-inline-start: 1.2rem; }
      .promoted { background: var(--rt-ok-soft); border-radius: 6px; padding: 0.3rem 0.5rem; display: inline-block; }
      details.contribute { margin-block-start: 0.6rem; }
      details.contribute > summary { cursor: pointer; color: var(--rt-accent); font-weight: 600; min-block-size: 2rem; }
      textarea { min-block-size: 4rem; }
      @media (max-width: 480px) {
        .card { padding: 0.6rem; }
        .actions > * { flex: 1 1 100%; }
        .actions select { max-inline-size: none; }
      }
    `,
  ];

  constructor() {
    super();
    this.message = '';
    this.busy = false;
    this.asking = null;
    this.opening = false;
  }

  /** Observers contribute here through the server: the view never locks its own inputs. */
  protected override updated(changed: PropertyValues<this>): void {
    void changed;
  }

  private run(what: () => Promise<unknown>, after: () => void = () => {}): Promise<void> {
    return runBusy(this, what, after, (err) =>
      err instanceof ApiError && err.code === 'round_closed' ? () => t('consult:roundClosedError') : () => t('consult:notSaved', { reason: failureText(err, this) }),
    );
  }

  private openRoundFrom(e: SubmitEvent, ws: Workspace): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const r = openRound(
      ws.doc,
      {
        title: field(form, 'title'),
        theme: field(form, 'theme'),
        mode: data.get('mode') ?? 'in-room',
        closesOn: field(form, 'closesOn'),
        questions: [1, 2, 3, 4].map((i) => field(form, `q${i}`)),
        product: field(form, 'product'),
        source: field(form, 'source') || null,
      },
      todayUtc(),
      ws.origin,
    );
    if (!r.ok) {
      this.message = r.error;
      return;
    }
    this.message = '';
    this.opening = false;
  }

  /** The starting material's text in the reader's language (SPEC L62; null = English, or while it loads). */
  private get seedText() {
    return libraryTextFor(locale(), this) ?? null;
  }

  private startFrom(e: Event): void {
    const select = e.target as HTMLSelectElement;
    const seed = seedSession(select.value);
    const form = select.form;
    if (!seed || !form) return;
    const s = localizeSession(seed, this.seedText);
    const r = roundFromSession(s, (x) => t('consult:seedTheme', { theme: x.theme, meeting: meetingName(x), session: x.session }));
    fill(form, 'title', r.title);
    fill(form, 'theme', r.theme);
    fill(form, 'product', r.product);
    [1, 2, 3, 4].forEach((i) => fill(form, `q${i}`, r.questions[i - 1] ?? ''));
  }

  private exampleFrom(e: Event): void {
    const select = e.target as HTMLSelectElement;
    const seed = seedRecommendation(select.value);
    const form = select.form;
    if (!seed || !form) return;
    const ex = localizeRecommendation(seed, this.seedText);
    fill(form, 'title', ex.title);
    fill(form, 'background', ex.background);
    fill(form, 'challenge', ex.challenge);
    fill(form, 'wayForward', ex.text);
  }

  private contribute(e: SubmitEvent, ws: Workspace, round: ConsultRound): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    if (!field(form, 'title') || !field(form, 'wayForward')) {
      this.message = () => t('consult:needTitleAndWay');
      return;
    }
    void this.run(
      () =>
        api.addRecommendation(ws.store.plan.id, {
          roundId: round.id,
          title: field(form, 'title'),
          background: field(form, 'background'),
          challenge: field(form, 'challenge'),
          wayForward: field(form, 'wayForward'),
          stakeholderId: field(form, 'stakeholderId') || null,
          sourceRef: field(form, 'sourceRef') || null,
          name: ws.identity.name,
        }),
      () => {
        form.reset();
        (form.closest('details') as HTMLDetailsElement | null)?.removeAttribute('open');
      },
    );
  }

  private ask(e: SubmitEvent, ws: Workspace, rec: Recommendation): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = field(form, 'question');
    if (!text) {
      this.message = () => t('consult:needQuestion');
      return;
    }
    void this.run(() => api.react(ws.store.plan.id, rec.id, { kind: 'question', text, name: ws.identity.name }), () => (this.asking = null));
  }

  private promote(ws: Workspace, rec: Recommendation, to: 'goal' | 'activity', outputId?: string): void {
    if (to === 'activity' && !outputId) {
      this.message = () => t('consult:chooseOutput');
      return;
    }
    void this.run(() => api.promote(ws.store.plan.id, rec.id, to === 'goal' ? { to } : { to, outputId: outputId! }));
  }

  private renderOpenForm(ws: Workspace) {
    if (!ws.facilitator) return nothing;
    if (!this.opening) return html`<button data-act="open-round" @click=${() => (this.opening = true)}>${t('consult:openRound')}</button>`;
    const text = this.seedText;
    const sessions = SEED_SESSIONS.map((s) => localizeSession(s, text));
    const meetings = [...new Set(sessions.map((s) => s.meeting))];
    const named = new Map(sessions.map((s) => [s.meeting, meetingName(s)]));
    return html`<form class="grid card" aria-labelledby="open-h" @submit=${(e: SubmitEvent) => this.openRoundFrom(e, ws)}>
      <h3 id="open-h" class="wide">${t('consult:openRound')}</h3>
      <label class="wide"
        >${t('consult:startFrom')}
        <select name="source" @change=${(e: Event) => this.startFrom(e)}>
          <option value="">${t('consult:fromScratch')}</option>
          ${meetings.map(
            (m) => html`<optgroup label=${named.get(m) ?? m}>${sessions.filter((s) => s.meeting === m).map((s) => html`<option value=${s.id} lang=${s.english?.includes('title') ? 'en' : nothing}>${t('consult:sessionOption', { session: s.session, title: s.title })}</option>`)}</optgroup>`,
          )}
        </select></label
      >
      <label>${t('consult:title')}<input name="title" required maxlength=${CONSULT_LIMITS.title} dir="auto" /></label>
      <label>${t('consult:theme')}<input name="theme" maxlength=${CONSULT_LIMITS.question} dir="auto" /></label>
      <fieldset>
        <legend>${t('consult:mode')}</legend>
        ${ROUND_MODES.map((m) => html`<label><input type="radio" name="mode" value=${m} ?checked=${m === 'in-room'} />${t(`consult:mode_${m}`)}</label>`)}
      </fieldset>
      <label>${t('consult:closesOn')}<input type="date" name="closesOn" required min=${todayUtc()} .value=${inDays(14)} /></label>
      ${[1, 2, 3, 4].map((i) => html`<label class="wide">${t('consult:questionN', { n: i })}<input name=${`q${i}`} maxlength=${CONSULT_LIMITS.question} dir="auto" ?required=${i <= 2} /></label>`)}
      <label class="wide">${t('consult:product')}<input name="product" maxlength=${CONSULT_LIMITS.question} dir="auto" /></label>
      <div class="actions wide">
        <button type="submit">${t('consult:open')}</button>
        <button type="button" class="secondary" @click=${() => (this.opening = false)}>${t('common:cancel')}</button>
      </div>
    </form>`;
  }

  private renderContribute(ws: Workspace, plan: PlanData, round: ConsultRound) {
    const register = plan.stakeholders.filter((s) => !s.archived);
    const id = (k: string) => `${k}-${round.id}`;
    return html`<details class="contribute">
      <summary>${t('consult:contribute')}</summary>
      <form class="grid" @submit=${(e: SubmitEvent) => this.contribute(e, ws, round)}>
        <label class="wide"
          >${t('consult:example')}
          <select name="sourceRef" @change=${(e: Event) => this.exampleFrom(e)}>
            <option value="">${t('consult:noExample')}</option>
            ${SEED_RECOMMENDATIONS.map((seed) => localizeRecommendation(seed, this.seedText)).map((r) => html`<option value=${r.id} lang=${r.english?.includes('title') ? 'en' : nothing}>${r.title}</option>`)}
          </select></label
        >
        <label class="wide" for=${id('title')}>${t('consult:recTitle')}</label>
        <input class="wide" id=${id('title')} name="title" required maxlength=${CONSULT_LIMITS.title} dir="auto" />
        <label class="wide">${t('consult:background')}<textarea name="background" maxlength=${CONSULT_LIMITS.part} dir="auto"></textarea></label>
        <label class="wide">${t('consult:challenge')}<textarea name="challenge" maxlength=${CONSULT_LIMITS.part} dir="auto"></textarea></label>
        <label class="wide">${t('consult:wayForward')}<textarea name="wayForward" required maxlength=${CONSULT_LIMITS.part} dir="auto"></textarea></label>
        <label
          >${t('consult:speaksFor')}
          <select name="stakeholderId">
            <option value="">${t('consult:nobodyInRegister')}</option>
            ${register.map((s) => html`<option value=${s.id}>${s.organisation}</option>`)}
          </select></label
        >
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('consult:send')}</button></div>
      </form>
    </details>`;
  }

  private renderRecommendation(ws: Workspace, plan: PlanData, rec: Recommendation, tally: Tally | undefined, open: boolean, codes: ReturnType<typeof nodeCodes>) {
    const mine = plan.reactions.find((r) => r.recommendationId === rec.id && r.authorId === ws.identity.id);
    const org = rec.stakeholderId ? plan.stakeholders.find((s) => s.id === rec.stakeholderId)?.organisation : undefined;
    const became = promotedNode(plan, rec);
    const outputs = plan.outputs.filter((o) => !o.archived);
    const support = tally?.support ?? 0;
    const questions = tally?.questions ?? [];
    return html`<article class="rec" aria-labelledby=${`rec-${rec.id}`} data-rec=${rec.id}>
      <div class="head">
        <h4 id=${`rec-${rec.id}`} dir="auto">${rec.title}</h4>
        <span class="badge info" data-support>${t('consult:supportCount', { count: support })}</span>
      </div>
      <p class="muted"><span dir="auto">${rec.authorName}</span>${org ? html` · <span dir="auto">${org}</span>` : nothing} · ${fmt.date(rec.createdAt.slice(0, 10))}</p>
      <dl class="parts">
        ${rec.background ? html`<dt>${t('consult:background')}</dt><dd dir="auto">${rec.background}</dd>` : nothing}
        ${rec.challenge ? html`<dt>${t('consult:challenge')}</dt><dd dir="auto">${rec.challenge}</dd>` : nothing}
        <dt>${t('consult:wayForward')}</dt>
        <dd dir="auto">${rec.wayForward}</dd>
      </dl>
      ${questions.length
        ? html`<p class="muted">${t('consult:questionsAsked', { count: questions.length })}</p>
            <ul class="asked">${questions.map((q) => html`<li><span dir="auto">${q.text}</span> <span class="muted">(<span dir="auto">${q.authorName}</span>)</span></li>`)}</ul>`
        : nothing}
      ${became
        ? html`<p class="promoted" data-promoted>${t(rec.promotedKind === 'goal' ? 'consult:becameGoal' : 'consult:becameActivity', { code: codes.get(became.id)?.code ?? '', title: became.title })}${became.archived ? ` ${t('consult:archivedNote')}` : ''}</p>`
        : nothing}
      <div class="actions">
        ${open
          ? html`<button class="secondary" aria-pressed=${mine?.kind === 'support' ? 'true' : 'false'} ?disabled=${this.busy} @click=${() => void this.run(() => (mine?.kind === 'support' ? api.unreact(ws.store.plan.id, rec.id) : api.react(ws.store.plan.id, rec.id, { kind: 'support', name: ws.identity.name })))}>
                ${t('consult:support')}
              </button>
              <button class="secondary" aria-expanded=${this.asking === rec.id ? 'true' : 'false'} @click=${() => (this.asking = this.asking === rec.id ? null : rec.id)}>${t('consult:ask')}</button>
              ${mine?.kind === 'question' ? html`<button class="quiet" @click=${() => void this.run(() => api.unreact(ws.store.plan.id, rec.id))}>${t('consult:withdrawQuestion')}</button>` : nothing}`
          : nothing}
        ${ws.facilitator && (!became || became.archived)
          ? html`<button class="secondary" data-act="promote-goal" ?disabled=${this.busy} @click=${() => this.promote(ws, rec, 'goal')}>${t('consult:promoteGoal')}</button>
              ${outputs.length
                ? html`<label class="sr-only" for=${`out-${rec.id}`}>${t('consult:underOutput')}</label>
                    <select id=${`out-${rec.id}`}>
                      ${outputs.map((o) => html`<option value=${o.id}>${t('consult:outputOption', { code: codes.get(o.id)?.code ?? '', title: o.title })}</option>`)}
                    </select>
                    <button class="secondary" ?disabled=${this.busy} @click=${() => this.promote(ws, rec, 'activity', (this.renderRoot.querySelector(`#out-${CSS.escape(rec.id)}`) as HTMLSelectElement | null)?.value)}>${t('consult:promoteActivity')}</button>`
                : nothing}`
          : nothing}
      </div>
      ${open && this.asking === rec.id
        ? html`<form class="grid" @submit=${(e: SubmitEvent) => this.ask(e, ws, rec)}>
            <label class="wide">${t('consult:yourQuestion')}<textarea name="question" required maxlength=${CONSULT_LIMITS.reaction} dir="auto"></textarea></label>
            <div class="actions"><button type="submit" ?disabled=${this.busy}>${t('consult:sendQuestion')}</button></div>
          </form>`
        : nothing}
    </article>`;
  }

  private renderRound(ws: Workspace, plan: PlanData, round: ConsultRound, counts: Map<string, Tally>, today: string, codes: ReturnType<typeof nodeCodes>) {
    const open = roundIsOpen(round, today);
    const recs = plan.recommendations.filter((r) => r.roundId === round.id);
    return html`<section class="card" aria-labelledby=${`round-${round.id}`} data-round=${round.id}>
      <div class="head">
        <h3 id=${`round-${round.id}`} dir="auto">${round.title}</h3>
        <span class=${`badge ${open ? 'ok' : ''}`}>${open ? t('consult:openUntil', { date: fmt.date(round.closesOn ?? today) }) : t('consult:closed')}</span>
      </div>
      <p class="muted">${round.theme ? html`<span dir="auto">${round.theme}</span> · ` : nothing}${t(`consult:mode_${round.mode}`)}</p>
      <ol class="questions" aria-label=${t('consult:guidingQuestions')}>${round.questions.map((q) => html`<li dir="auto">${q}</li>`)}</ol>
      ${round.product ? html`<p><strong>${t('consult:product')}${t('common:colon')}</strong> <span dir="auto">${round.product}</span></p>` : nothing}
      ${ws.facilitator
        ? html`<div class="actions">
            ${round.status === 'open'
              ? html`<button class="quiet" @click=${() => this.report(setRoundStatus(ws.doc, round.id, 'closed', today, ws.origin))}>${t('consult:closeRound')}</button>`
              : html`<button class="quiet" @click=${() => this.report(setRoundStatus(ws.doc, round.id, 'open', today, ws.origin, round.closesOn && round.closesOn >= today ? round.closesOn : inDays(7)))}>${t('consult:reopen')}</button>`}
          </div>`
        : nothing}
      <h4>${t('consult:recommendations', { count: recs.length })}</h4>
      ${recs.length
        ? html`<ul class="plain">${repeat(recs, (r) => r.id, (r) => html`<li>${this.renderRecommendation(ws, plan, r, counts.get(r.id), open, codes)}</li>`)}</ul>`
        : html`<p class="empty">${open ? t('consult:noRecommendationsOpen') : t('consult:noRecommendationsClosed')}</p>`}
      ${open ? this.renderContribute(ws, plan, round) : html`<p class="muted">${t('consult:readOnly')}</p>`}
    </section>`;
  }

  private report(r: { ok: boolean; error?: { message: string } }): void {
    this.message = r.ok ? '' : (r.error?.message ?? '');
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const today = todayUtc();
    const counts = tallies(plan.reactions);
    const codes = nodeCodes(plan);
    const rounds = [...plan.consultRounds].sort((a, b) => Number(roundIsOpen(b, today)) - Number(roundIsOpen(a, today)) || (b.openedOn ?? '').localeCompare(a.openedOn ?? ''));
    return html`<section aria-labelledby="consult-h">
      <h2 id="consult-h">${t('consult:heading')}</h2>
      <p class="muted intro">${t('consult:intro')}</p>
      ${errorBox(this.message, this)}
      ${this.renderOpenForm(ws)}
      ${rounds.length ? repeat(rounds, (r) => r.id, (r) => this.renderRound(ws, plan, r, counts, today, codes)) : html`<p class="empty">${ws.facilitator ? t('consult:emptyFacilitator') : t('consult:empty')}</p>`}
    </section>`;
  }
}
customElements.define('rt-consult', RtConsult);

/**
 * The way into the Consultations screen from a stage screen (situation analysis, strategic
 * goals): how many rounds are open and a button that opens the panel.
 *
 * @fires open-panel - detail `consult`, bubbling out of the shadow root
 */
export class RtConsultLink extends RtView {
  static override styles = [base, css`:host { display: block; } .row { margin-block: 0.5rem; }`];

  protected override updated(changed: PropertyValues<this>): void {
    void changed;
  }

  /** What the link shows: the rounds and today's date (SPEC KS2: typing a goal's title leaves it still). */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    return [ws.store.plan.consultRounds, todayUtc()];
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const today = todayUtc();
    const open = plan.consultRounds.filter((r) => roundIsOpen(r, today)).length;
    return html`<div class="row">
      <span>${t('consult:linkSummary', { count: open })}</span>
      <button class="secondary" data-act="open-consult" @click=${() => this.dispatchEvent(new CustomEvent('open-panel', { detail: 'consult', bubbles: true, composed: true }))}>${t('consult:openScreen')}</button>
    </div>`;
  }
}
customElements.define('rt-consult-link', RtConsultLink);

declare global {
  interface HTMLElementTagNameMap {
    'rt-consult': RtConsult;
    'rt-consult-link': RtConsultLink;
  }
}

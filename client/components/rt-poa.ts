import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
// Shared modules imported directly (not through shared/model.ts), so the build can put exactly
// what this view needs into the first view's chunk (vite.config.ts, SPEC BL5).
import { addSection, archiveSection } from '../../shared/commands/sections.js';
import { setNodeField } from '../../shared/commands/node-fields.js';
import { compareOrder } from '../../shared/domain/order.js';
import type { Section, SectionPart } from '../../shared/schema/types.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { requirementsStyles } from './rt-goal-requirements.js';
import { commentBadge, commentBadgeStyles } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comment-targets.js';
import { t } from '../i18n.js';
import './rt-text.js';
import { shownTitle, translationsStyles } from './rt-translations.js';
import { editableText, translatedEditStyles } from './translated-edit.js';
import { errorBox, type Notice } from '../command-text.js';

/**
 * The Plan of Action as collaborative text: 1. background sections, 2. programmes per goal
 * (national goals served, the M&D goal, its overall objective, programmes and supporting
 * requirements), 3. annexes.
 * Several people can type in the same paragraph; the caret stays put on remote edits.
 */
export class RtPoa extends RtView {
  static override properties = { ...RtView.properties, message: { state: true } };
  declare message: Notice;

  static override styles = [
    base,
    commentBadgeStyles,
    requirementsStyles,
    translationsStyles,
    translatedEditStyles,
    css`
      :host { display: block; }
      section.part { margin-block-end: 1.5rem; }
      .sec { margin-block-end: 0.75rem; }
      .sec-head { display: flex; gap: 0.5rem; align-items: center; }
      .sec-head rt-text { flex: 1; }
      .sec-head input { font-weight: 600; border-color: transparent; background: transparent; }
      .sec-head input:hover, .sec-head input:focus { border-color: var(--rt-line-strong); background: #fff; }
      .goal h3 { margin-block-start: 0; overflow-wrap: anywhere; }
      .goal .field { margin-block-end: 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.message = '';
  }

  /** The goals, the sections' titles and places (not their text: boxes follow it), the comment counts. */
  protected override planInputs(ws: Workspace): readonly unknown[] {
    const plan = ws.store.plan;
    return [plan.goals, plan.sections.map((s) => `${s.id}\u0000${s.part}\u0000${s.archived}\u0000${s.order}\u0000${s.title}`).join('\u0001'), ws.store.commentCounts];
  }

  private add(ws: Workspace, part: SectionPart): void {
    const r = addSection(ws.doc, { part, title: part === 'annex' ? t('poa:newAnnex') : t('poa:newBackground') }, ws.origin);
    this.message = r.ok ? '' : r.error;
  }

  private renderSections(ws: Workspace, sections: readonly Section[], part: SectionPart) {
    const list = sections.filter((s) => s.part === part && !s.archived).sort(compareOrder);
    return html`${list.length === 0 ? html`<p class="empty">${part === 'annex' ? t('poa:noAnnexes') : t('poa:noBackground')}</p>` : nothing}
      ${repeat(
        list,
        (s) => s.id,
        (s, i) => html`<div class="card sec">
          <div class="sec-head">
            <span class="muted">${part === 'annex' ? t('poa:annexNumber', { n: i + 1 }) : `1.${i + 1}`}</span>
            ${editableText(ws, 'section', s.id, 'title', s.title, (orig) => {
              const label = t(part === 'annex' ? 'poa:annexTitle' : 'poa:sectionTitle', { n: i + 1 });
              return html`<rt-text .ws=${ws} .ref=${{ kind: 'section', id: s.id, field: 'title' }} label=${orig ? orig(label) : label}></rt-text>`;
            })}
            ${commentBadge(ws, { kind: 'section', id: s.id }, targetLabel(ws.store.plan, { kind: 'section', id: s.id }))}
            <button class="quiet" @click=${() => archiveSection(ws.doc, s.id, ws.origin)} aria-label=${t('poa:archiveNamed', { title: s.title || t('poa:sectionFallback') })}>${t('poa:archive')}</button>
          </div>
          ${editableText(ws, 'section', s.id, 'body', s.body, (orig) => {
            const label = s.title || t('poa:sectionText');
            return html`<rt-text multiline .ws=${ws} .ref=${{ kind: 'section', id: s.id, field: 'body' }} label=${orig ? orig(label) : label} placeholder=${t('poa:writeHere')}></rt-text>`;
          })}
          <div class="sec-tr">
            <rt-translations .ws=${ws} kind="section" .targetId=${s.id} field="title" .name=${s.title || t('poa:sectionFallback')}></rt-translations>
            <rt-translations .ws=${ws} kind="section" .targetId=${s.id} field="body" .name=${s.title || t('poa:sectionFallback')}></rt-translations>
          </div>
        </div>`,
      )}
      <button class="secondary" @click=${() => this.add(ws, part)}>${part === 'annex' ? t('poa:addAnnex') : t('poa:addBackground')}</button>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const goals = plan.goals.filter((g) => !g.archived && g.status !== 'rejected').sort(compareOrder);
    return html`
      ${errorBox(this.message, this)}
      <section class="part" aria-labelledby="poa-bg">
        <h2 id="poa-bg">${t('poa:background')}</h2>
        ${this.renderSections(ws, plan.sections, 'background')}
      </section>
      <section class="part" aria-labelledby="poa-prog">
        <h2 id="poa-prog">${t('poa:programmes')}</h2>
        ${goals.length === 0 ? html`<p class="empty">${t('poa:noGoals')}</p>` : nothing}
        ${repeat(
          goals,
          (g) => g.id,
          (g, i) => html`<article class="card goal">
            <h3>${g.title ? shownTitle(plan, 'goal', g.id, g.title, (title) => t('poa:goalHeading', { n: i + 1, title })) : html`<span dir="auto">${t('poa:goalHeading', { n: i + 1, title: t('poa:untitledGoal') })}</span>`} ${g.status === 'selected' ? html`<span class="badge ok">${t('poa:selected')}</span>` : html`<span class="badge">${t('poa:candidate')}</span>`}</h3>
            <label class="field"
              ><span>${t('poa:nationalGoals')}</span>
              <textarea
                rows="2"
                dir="auto"
                .value=${g.nationalGoals.join('\n')}
                @change=${(e: Event) => this.setList(ws, g.id, (e.target as HTMLTextAreaElement).value)}
              ></textarea></label
            >
            <label class="field"><span>${t('poa:mdGoal')}</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'mdGoal' }} label=${t('poa:mdGoalOf', { goal: t('poa:goalName', { n: i + 1 }) })}></rt-text></label>
            <label class="field"
              ><span>${t('poa:objective')}</span
              ><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'objective' }} label=${t('poa:objectiveOf', { goal: t('poa:goalName', { n: i + 1 }) })}></rt-text
            ></label>
            <label class="field"
              ><span>${t('poa:programmesField')}</span
              ><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'programmes' }} label=${t('poa:programmesOf', { goal: t('poa:goalName', { n: i + 1 }) })}></rt-text
            ></label>
            <rt-translations .ws=${ws} kind="goal" .targetId=${g.id} field="title" .name=${t('poa:goalName', { n: i + 1 })}></rt-translations>
            <rt-goal-requirements .ws=${ws} .goalId=${g.id} .goalName=${t('poa:goalName', { n: i + 1 })} @report=${(e: CustomEvent<Notice>) => (this.message = e.detail)}></rt-goal-requirements>
          </article>`,
        )}
      </section>
      <section class="part" aria-labelledby="poa-annex">
        <h2 id="poa-annex">${t('poa:annexes')}</h2>
        ${this.renderSections(ws, plan.sections, 'annex')}
      </section>
    `;
  }

  private setList(ws: Workspace, goalId: string, text: string): void {
    const r = setNodeField(ws.doc, goalId, 'nationalGoals', text.split('\n').map((s) => s.trim()).filter(Boolean), ws.origin);
    this.message = r.ok ? '' : r.error;
  }
}
customElements.define('rt-poa', RtPoa);

declare global {
  interface HTMLElementTagNameMap {
    'rt-poa': RtPoa;
  }
}

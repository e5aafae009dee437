import { css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addSection, archiveSection, compareOrder, setNodeField, type Section, type SectionPart } from '../../shared/model.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { RtView } from './rt-view.js';
import { requirementsStyles } from './rt-goal-requirements.js';
import { commentBadge, commentBadgeStyles } from './comment-badge.js';
import { targetLabel } from '../../shared/domain/comments.js';
import './rt-text.js';

/**
 * The Plan of Action as collaborative text: 1. background sections, 2. programmes per goal
 * (national goals served, the M&D goal, its overall objective, programmes and supporting
 * requirements), 3. annexes.
 * Several people can type in the same paragraph; the caret stays put on remote edits.
 */
export class RtPoa extends RtView {
  static override properties = { ...RtView.properties, message: { state: true } };
  declare message: string;

  static override styles = [
    base,
    commentBadgeStyles,
    requirementsStyles,
    css`
      :host { display: block; }
      section.part { margin-bottom: 1.5rem; }
      .sec { margin-bottom: 0.75rem; }
      .sec-head { display: flex; gap: 0.5rem; align-items: center; }
      .sec-head rt-text { flex: 1; }
      .sec-head input { font-weight: 600; border-color: transparent; background: transparent; }
      .sec-head input:hover, .sec-head input:focus { border-color: var(--rt-line-strong); background: #fff; }
      .goal h3 { margin-top: 0; }
      .goal .field { margin-bottom: 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.message = '';
  }

  private add(ws: Workspace, part: SectionPart): void {
    const r = addSection(ws.doc, { part, title: part === 'annex' ? 'New annex' : 'New background section' }, ws.origin);
    this.message = r.ok ? '' : r.error.message;
  }

  private renderSections(ws: Workspace, sections: readonly Section[], part: SectionPart) {
    const list = sections.filter((s) => s.part === part && !s.archived).sort(compareOrder);
    return html`${list.length === 0 ? html`<p class="empty">No ${part === 'annex' ? 'annexes' : 'background sections'} yet.</p>` : nothing}
      ${repeat(
        list,
        (s) => s.id,
        (s, i) => html`<div class="card sec">
          <div class="sec-head">
            <span class="muted">${part === 'annex' ? `Annex ${i + 1}` : `1.${i + 1}`}</span>
            <rt-text .ws=${ws} .ref=${{ kind: 'section', id: s.id, field: 'title' }} label=${`${part === 'annex' ? 'annex' : 'section'} ${i + 1} title`}></rt-text>
            ${commentBadge(ws, { kind: 'section', id: s.id }, targetLabel(ws.store.plan, { kind: 'section', id: s.id }))}
            <button class="quiet" @click=${() => archiveSection(ws.doc, s.id, ws.origin)} aria-label=${`Archive ${s.title || 'section'}`}>Archive</button>
          </div>
          <rt-text multiline .ws=${ws} .ref=${{ kind: 'section', id: s.id, field: 'body' }} label=${s.title || 'section text'} placeholder="Write here; everyone sees it live."></rt-text>
        </div>`,
      )}
      <button class="secondary" @click=${() => this.add(ws, part)}>Add ${part === 'annex' ? 'an annex' : 'a background section'}</button>`;
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const goals = plan.goals.filter((g) => !g.archived && g.status !== 'rejected').sort(compareOrder);
    return html`
      ${this.message ? html`<p class="error-box" role="alert">${this.message}</p>` : nothing}
      <section class="part" aria-labelledby="poa-bg">
        <h2 id="poa-bg">1. Background</h2>
        ${this.renderSections(ws, plan.sections, 'background')}
      </section>
      <section class="part" aria-labelledby="poa-prog">
        <h2 id="poa-prog">2. Planned programmes, per goal</h2>
        ${goals.length === 0 ? html`<p class="empty">No goals yet. Add and score candidate goals under “Goals and priorities”; they appear here.</p>` : nothing}
        ${repeat(
          goals,
          (g) => g.id,
          (g, i) => html`<article class="card goal">
            <h3>Goal ${i + 1}: ${g.title || 'Untitled goal'} ${g.status === 'selected' ? html`<span class="badge ok">selected</span>` : html`<span class="badge">candidate</span>`}</h3>
            <label class="field"
              ><span>National development goal(s) served (one per line)</span>
              <textarea
                rows="2"
                .value=${g.nationalGoals.join('\n')}
                @change=${(e: Event) => this.setList(ws, g.id, (e.target as HTMLTextAreaElement).value)}
              ></textarea></label
            >
            <label class="field"><span>M&amp;D goal</span><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'mdGoal' }} label=${`goal ${i + 1} M&D goal`}></rt-text></label>
            <label class="field"
              ><span>Overall objective (usually opens with “contribute to”, “enhance”, “strengthen”…)</span
              ><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'objective' }} label=${`goal ${i + 1} overall objective`}></rt-text
            ></label>
            <label class="field"
              ><span>Programmes and actions recommended</span
              ><rt-text multiline .ws=${ws} .ref=${{ kind: 'node', id: g.id, field: 'programmes' }} label=${`goal ${i + 1} programmes`}></rt-text
            ></label>
            <rt-goal-requirements .ws=${ws} .goalId=${g.id} .goalName=${`goal ${i + 1}`} @report=${(e: CustomEvent<string>) => (this.message = e.detail)}></rt-goal-requirements>
          </article>`,
        )}
      </section>
      <section class="part" aria-labelledby="poa-annex">
        <h2 id="poa-annex">3. Annexes</h2>
        ${this.renderSections(ws, plan.sections, 'annex')}
      </section>
    `;
  }

  private setList(ws: Workspace, goalId: string, text: string): void {
    const r = setNodeField(ws.doc, goalId, 'nationalGoals', text.split('\n').map((s) => s.trim()).filter(Boolean), ws.origin);
    this.message = r.ok ? '' : r.error.message;
  }
}
customElements.define('rt-poa', RtPoa);

declare global {
  interface HTMLElementTagNameMap {
    'rt-poa': RtPoa;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { COMMENT_LIMITS, threadsOf, type CommentTarget, type Thread } from '../../shared/domain/comments.js';
import type { Comment, Participant } from '../../shared/schema/types.js';
import { api } from '../state/api-routes.js';
import { PlanController } from '../state/plan-controller.js';
import type { Workspace } from '../state/workspace.js';
import { base } from '../styles/tokens.js';
import { fmt, t } from '../i18n.js';
import { failureText, noticeText, type Notice } from '../command-text.js';
import { runBusy } from './rt-view.js';

/** Most names the @ picker offers at once. */
const PICKS = 6;

/** A draft being typed: its text and the participants picked with @ (kept while their @Name stays in the text). */
interface Draft {
  text: string;
  mentions: Map<string, string>;
}

const emptyDraft = (): Draft => ({ text: '', mentions: new Map() });

/** A comment author's role, in the reader's language. */
const roleName = (role: string): string => t(`collab:role.${role}`);

/** The date and time of a comment in the reader's locale and time zone ('' without one). */
function when(iso: string | null): string {
  if (!iso) return '';
  return Number.isNaN(new Date(iso).getTime()) ? '' : fmt.dateTime(iso);
}

/**
 * The discussion of one plan item (SPEC CM): its threads with replies, resolve and reopen, a new
 * thread, edit and delete of one's own comments, and @mentions of participants picked from a
 * list (arrow keys, Enter, Escape). A side panel (the whole screen on a phone) that is not a
 * modal: the plan stays usable beside it, and it follows the plan live. Writes go through the
 * server (`api.addComment`...), which sets the author; observers may comment too, so nothing
 * here is locked for read-only workspaces. Escape or Close closes it.
 *
 * @fires close - the person closed the panel
 */
export class RtComments extends LitElement {
  static override properties = {
    ws: { attribute: false },
    target: { attribute: false },
    label: { type: String },
    message: { state: true },
    busy: { state: true },
    picker: { state: true },
    editing: { state: true },
    replying: { state: true },
  };
  declare ws: Workspace | null;
  declare target: CommentTarget | null;
  declare label: string;
  /** The last refusal, in the server's words. */
  /** Worded at render, so a language switch re-words it (L50). */
  declare message: Notice;
  declare busy: boolean;
  /** The open @ picker: which draft, the query typed after @, the names offered and the active one. */
  declare picker: { draft: string; query: string; options: Participant[]; active: number } | null;
  /** The comment being edited, or null. */
  declare editing: string | null;
  /** The thread whose reply box is open, or null. */
  declare replying: string | null;

  private readonly planCtl = new PlanController(this);
  private readonly drafts = new Map<string, Draft>();

  static override styles = [
    base,
    css`
      :host { position: fixed; inset-block: 0; inset-inline-end: 0; width: min(28rem, 100vw); z-index: 20; display: block; }
      aside { height: 100%; overflow: auto; background: #fff; border-inline-start: 1px solid var(--rt-line-strong); box-shadow: 0 0 18px rgb(20 26 36 / 18%); padding: 0.75rem 1rem 2rem; }
      header { display: flex; align-items: flex-start; gap: 0.5rem; position: sticky; top: -0.75rem; background: #fff; padding: 0.5rem 0; z-index: 1; border-bottom: 1px solid var(--rt-line); }
      header h2 { margin: 0; font-size: 1.1rem; }
      header .about { margin: 0.15rem 0 0; color: var(--rt-muted); font-size: 0.9rem; overflow-wrap: anywhere; }
      header > div { flex: 1; min-width: 0; }
      ol { list-style: none; padding: 0; margin: 0; }
      .thread { border: 1px solid var(--rt-line); border-radius: var(--rt-radius); margin: 0.75rem 0; padding: 0.5rem 0.6rem; }
      .thread.resolved { background: #f6f7f9; }
      .replies { margin-inline-start: 0.9rem; border-inline-start: 3px solid var(--rt-line); padding-inline-start: 0.6rem; }
      .comment { padding: 0.35rem 0; }
      .comment + .comment { border-top: 1px dashed var(--rt-line); }
      .who { font-weight: 650; }
      .meta { color: var(--rt-muted); font-size: 0.8rem; }
      .body { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0; }
      .deleted { color: var(--rt-muted); font-style: italic; }
      .mine-mentioned { background: var(--rt-accent-soft); border-radius: 4px; padding: 0 0.2rem; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.25rem; }
      .state { font-size: 0.8rem; }
      form { margin-top: 0.5rem; position: relative; }
      form .row { justify-content: flex-end; margin-top: 0.3rem; }
      [role='listbox'] { position: absolute; inset-inline: 0; z-index: 2; background: #fff; border: 1px solid var(--rt-line-strong); border-radius: 6px; margin: 0.1rem 0 0; padding: 0.2rem; list-style: none; box-shadow: 0 4px 12px rgb(20 26 36 / 15%); }
      [role='option'] { padding: 0.3rem 0.5rem; border-radius: 4px; cursor: pointer; }
      [role='option'][aria-selected='true'] { background: var(--rt-accent); color: #fff; }
      .count { font-size: 0.78rem; color: var(--rt-muted); }
    `,
  ];

  constructor() {
    super();
    this.ws = null;
    this.target = null;
    this.label = '';
    this.message = '';
    this.busy = false;
    this.picker = null;
    this.editing = null;
    this.replying = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    this.planCtl.store = this.ws?.store ?? null;
    if (changed.has('target') && changed.get('target') !== undefined) {
      this.drafts.clear();
      this.message = '';
      this.picker = null;
      this.editing = null;
      this.replying = null;
    }
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('#cm-title')?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On the window: Escape closes the panel wherever focus is (it is not modal).
    window.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !this.picker && !e.defaultPrevented && !document.querySelector('rt-confirm')) {
      this.close();
    }
  };

  private close(): void {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  private draft(key: string): Draft {
    let d = this.drafts.get(key);
    if (!d) this.drafts.set(key, (d = emptyDraft()));
    return d;
  }

  /** Follows typing: keeps the draft and opens the @ picker when the word at the caret starts with @. */
  private onInput(key: string, e: Event): void {
    const area = e.target as HTMLTextAreaElement;
    const d = this.draft(key);
    d.text = area.value;
    const before = area.value.slice(0, area.selectionStart ?? area.value.length);
    const m = /(?:^|\s)@([^\s@]{0,40})$/.exec(before);
    const people = this.ws?.store.plan.participants.filter((p) => !p.archived && p.name.trim()) ?? [];
    if (!m || people.length === 0) {
      this.picker = null;
      return;
    }
    const q = m[1]!.toLocaleLowerCase();
    const options = people.filter((p) => p.name.toLocaleLowerCase().includes(q)).slice(0, PICKS);
    this.picker = options.length ? { draft: key, query: m[1]!, options, active: 0 } : null;
  }

  /** Arrow keys move in the @ picker, Enter or Tab picks, Escape closes it; Ctrl+Enter sends. */
  private onAreaKey(key: string, e: KeyboardEvent, send: () => void): void {
    const p = this.picker;
    if (p && p.draft === key) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = p.options.length;
        this.picker = { ...p, active: (p.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n };
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        this.pick(key, p.options[p.active]!, e.target as HTMLTextAreaElement);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.picker = null;
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  }

  /** Puts `@Name ` in place of the @word at the caret and remembers the participant. */
  private pick(key: string, person: Participant, area: HTMLTextAreaElement | null): void {
    const d = this.draft(key);
    const caret = area?.selectionStart ?? d.text.length;
    const before = d.text.slice(0, caret).replace(/@[^\s@]{0,40}$/, `@${person.name} `);
    d.text = before + d.text.slice(caret);
    d.mentions.set(person.id, person.name);
    this.picker = null;
    if (area) {
      area.value = d.text;
      area.focus();
      area.setSelectionRange(before.length, before.length);
    }
  }

  /** The ids of the picked participants whose @Name is still in the text. */
  private mentionsOf(d: Draft): string[] {
    return [...d.mentions].filter(([, name]) => d.text.includes(`@${name}`)).map(([id]) => id);
  }

  private run(what: () => Promise<unknown>, after: () => void = () => {}): Promise<void> {
    return runBusy(this, what, after, (err) => () => t('collab:comments.notSaved', { error: failureText(err, this) }));
  }

  private send(key: string, threadId: string | null): void {
    const ws = this.ws;
    const target = this.target;
    if (!ws || !target) return;
    const d = this.draft(key);
    if (!d.text.trim()) {
      this.message = () => t('collab:comments.writeFirst');
      return;
    }
    void this.run(
      () => api.addComment(ws.store.plan.id, { targetKind: target.kind, targetId: target.id, threadId, body: d.text, mentions: this.mentionsOf(d), name: ws.identity.name }),
      () => {
        this.drafts.delete(key);
        if (threadId) this.replying = null;
        const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`textarea[data-draft="${key}"]`);
        if (area) area.value = '';
      },
    );
  }

  private resolve(first: Comment, resolved: boolean): void {
    const ws = this.ws;
    if (ws) void this.run(() => api.changeComment(ws.store.plan.id, first.id, { resolved, name: ws.identity.name }));
  }

  private saveEdit(c: Comment): void {
    const ws = this.ws;
    const d = this.draft(`edit:${c.id}`);
    if (ws) void this.run(() => api.changeComment(ws.store.plan.id, c.id, { body: d.text }), () => (this.editing = null));
  }

  private removeComment(c: Comment): void {
    const ws = this.ws;
    if (ws) void this.run(() => api.deleteComment(ws.store.plan.id, c.id));
  }

  override render() {
    const ws = this.ws;
    const target = this.target;
    if (!ws || !target) return nothing;
    const threads = threadsOf(ws.store.plan, target);
    const open = threads.filter((x) => !x.first.resolved).length;
    return html`<aside role="dialog" aria-modal="false" aria-labelledby="cm-title" aria-describedby="cm-about">
      <header>
        <div>
          <h2 id="cm-title" tabindex="-1">${t('collab:comments.title')}</h2>
          <p class="about" id="cm-about">${t('collab:comments.on', { label: this.label })} · ${threads.length ? t('collab:comments.threads', { count: threads.length, open: fmt.number(open) }) : t('collab:comments.none')}</p>
        </div>
        <button class="secondary" data-close @click=${() => this.close()} aria-label=${t('collab:comments.close')}>${t('close')}</button>
      </header>
      ${this.message ? html`<p class="error-box" role="alert">${noticeText(this.message, this)}</p>` : nothing}
      ${threads.length === 0
        ? html`<p class="empty">${t('collab:comments.empty', { label: this.label })}</p>`
        : html`<ol aria-label=${t('collab:comments.threadsList')}>${threads.map((th) => this.renderThread(ws, th))}</ol>`}
      <form aria-label=${t('collab:comments.newThread')} @submit=${(e: Event) => (e.preventDefault(), this.send('new', null))}>
        <label for="cm-new"><strong>${t('collab:comments.new')}</strong></label>
        ${this.renderArea('new', 'cm-new', t('collab:comments.newPlaceholder'), () => this.send('new', null))}
        <div class="row">
          <span class="count">${t('collab:comments.limit', { max: fmt.number(COMMENT_LIMITS.maxChars) })}</span>
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t('collab:comments.sending') : t('collab:comments.send')}</button>
        </div>
      </form>
    </aside>`;
  }

  private renderArea(key: string, id: string, placeholder: string, send: () => void, value = this.drafts.get(key)?.text ?? '') {
    const p = this.picker?.draft === key ? this.picker : null;
    const listId = `${id}-people`;
    return html`<textarea
        id=${id}
        data-draft=${key}
        rows="3"
        maxlength=${COMMENT_LIMITS.maxChars}
        placeholder=${placeholder}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded=${p ? 'true' : 'false'}
        aria-controls=${listId}
        aria-activedescendant=${p ? `${listId}-${p.active}` : ''}
        .value=${value}
        @input=${(e: Event) => this.onInput(key, e)}
        @keydown=${(e: KeyboardEvent) => this.onAreaKey(key, e, send)}
        @blur=${() => setTimeout(() => this.picker?.draft === key && (this.picker = null), 150)}
      ></textarea>
      ${p
        ? html`<ul role="listbox" id=${listId} aria-label=${t('collab:comments.mentionList')}>
            ${p.options.map(
              (o, i) => html`<li role="option" id=${`${listId}-${i}`} aria-selected=${i === p.active ? 'true' : 'false'} @mousedown=${(e: Event) => (e.preventDefault(), this.pick(key, o, this.renderRoot.querySelector(`#${id}`)))}>${o.name}</li>`,
            )}
          </ul>`
        : nothing}`;
  }

  private renderThread(ws: Workspace, th: Thread) {
    const { first, replies } = th;
    const me = ws.identity.id;
    const mayResolve = !ws.readonly || first.authorId === me;
    const key = `reply:${first.id}`;
    return html`<li class="thread ${first.resolved ? 'resolved' : ''}" data-thread=${first.id}>
      ${this.renderComment(ws, first)}
      ${replies.length ? html`<ol class="replies" aria-label=${t('collab:comments.replies')}>${replies.map((r) => html`<li>${this.renderComment(ws, r)}</li>`)}</ol>` : nothing}
      <p class="state meta">${first.resolved ? html`<span class="badge ok">${t('collab:comments.resolved')}</span> ${t('collab:comments.resolvedBy', { name: first.resolvedBy || t('collab:someone'), when: when(first.resolvedAt) })}` : html`<span class="badge warning">${t('collab:comments.open')}</span>`}</p>
      <div class="actions">
        <button class="quiet" @click=${() => (this.replying = this.replying === first.id ? null : first.id)} aria-expanded=${this.replying === first.id ? 'true' : 'false'}>${t('collab:comments.reply')}</button>
        ${mayResolve ? html`<button class="quiet" ?disabled=${this.busy} @click=${() => this.resolve(first, !first.resolved)}>${first.resolved ? t('collab:comments.reopen') : t('collab:comments.resolve')}</button>` : nothing}
      </div>
      ${this.replying === first.id
        ? html`<form aria-label=${t('collab:comments.reply')} @submit=${(e: Event) => (e.preventDefault(), this.send(key, first.id))}>
            <label class="sr-only" for=${`cm-r-${first.id}`}>${t('collab:comments.yourReply')}</label>
            ${this.renderArea(key, `cm-r-${first.id}`, t('collab:comments.replyPlaceholder'), () => this.send(key, first.id))}
            <div class="row"><button type="submit" ?disabled=${this.busy}>${t('collab:comments.sendReply')}</button></div>
          </form>`
        : nothing}
    </li>`;
  }

  private renderComment(ws: Workspace, c: Comment) {
    const mine = c.authorId === ws.identity.id;
    const mentioned = c.mentions.includes(ws.identity.id);
    const names = ws.store.plan.participants;
    const editKey = `edit:${c.id}`;
    if (this.editing === c.id) {
      const d = this.draft(editKey);
      if (!d.text) d.text = c.body;
      return html`<form class="comment" aria-label=${t('collab:comments.editYours')} @submit=${(e: Event) => (e.preventDefault(), this.saveEdit(c))}>
        <label class="sr-only" for=${`cm-e-${c.id}`}>${t('collab:comments.yours')}</label>
        ${this.renderArea(editKey, `cm-e-${c.id}`, '', () => this.saveEdit(c), d.text)}
        <div class="row"><button type="button" class="secondary" @click=${() => (this.editing = null)}>${t('cancel')}</button><button type="submit" ?disabled=${this.busy}>${t('save')}</button></div>
      </form>`;
    }
    return html`<article class="comment" data-comment=${c.id} aria-label=${`${c.authorName || t('collab:Someone')}, ${when(c.createdAt)}`}>
      <div><span class="who" dir="auto">${c.authorName || t('collab:Someone')}</span> <span class="meta">${roleName(c.authorRole)} · <time datetime=${c.createdAt}>${when(c.createdAt)}</time>${c.editedAt ? ` · ${t('collab:comments.edited')}` : ''}</span></div>
      ${c.deleted
        ? html`<p class="body deleted">${t('collab:comments.deleted')}</p>`
        : html`<p class="body ${mentioned ? 'mine-mentioned' : ''}" dir="auto">${c.body}</p>
            ${c.mentions.length ? html`<p class="meta">${t('collab:comments.mentions', { names: fmt.list(c.mentions.map((id) => (id === ws.identity.id ? t('collab:comments.you') : (names.find((p) => p.id === id)?.name ?? t('collab:someone'))))) })}</p>` : nothing}`}
      ${mine && !c.deleted
        ? html`<div class="actions">
            <button class="quiet" @click=${() => ((this.editing = c.id), this.drafts.delete(editKey))}>${t('collab:comments.edit')}</button>
            <button class="quiet" ?disabled=${this.busy} @click=${() => this.removeComment(c)}>${t('collab:comments.delete')}</button>
          </div>`
        : nothing}
    </article>`;
  }
}
customElements.define('rt-comments', RtComments);

declare global {
  interface HTMLElementTagNameMap {
    'rt-comments': RtComments;
  }
}

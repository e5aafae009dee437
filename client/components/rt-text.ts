import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import * as Y from 'yjs';
import { editText, getText, setText, type TextRef } from '../../shared/commands/text.js';
import { inputEdit, transformCaret, type BoxState, type DeltaOp } from '../state/caret.js';
import { PlanController } from '../state/plan-controller.js';
import { caretIndex, caretOf, caretPieces, type PlacedCaret } from '../state/remote-carets.js';
import { parsePresence } from '../../shared/presence.js';
import type { Workspace } from '../state/workspace.js';
import { afterPaint } from '../sync/after-paint.js';
import { noticeText, type Notice } from '../command-text.js';

/** Stable key of a text reference (to notice when the reference changes). */
const refKey = (r: TextRef | null): string => (r ? `${r.kind}:${'id' in r ? r.id : ''}:${r.field}` : '');

/**
 * A text box bound to one collaborative text (Y.Text). Each input event becomes one edit at the
 * place the person made it (SPEC TX1: the selection before the event, the value and caret after
 * it; an IME composition is one edit from its start to its end) through the shared `editText`
 * command, so two people typing into the same text keep their words together; only what no
 * single edit explains falls back to a whole-value diff (`setText`). Remote changes update the
 * box keeping the caret after the character it followed (TX2) and a selection on the same
 * characters. Rendered in light DOM so forms and labels around it work.
 *
 * @fires rt-focus - detail is `label` when the box gains focus, '' when it loses it
 */
export class RtText extends LitElement {
  static override properties = {
    ws: { attribute: false },
    // A new reference object naming the same text (views build one per render) is no change (SPEC PP1).
    ref: { attribute: false, hasChanged: (a: TextRef | null, b: TextRef | null) => refKey(a) !== refKey(b) },
    label: { type: String },
    multiline: { type: Boolean },
    readonly: { type: Boolean },
    placeholder: { type: String },
    inputId: { type: String, attribute: 'input-id' },
    error: { state: true },
    full: { state: true },
    create: { attribute: false },
  };
  /**
   * For a text that does not exist yet (a translation's record is created only once someone
   * types, ML4/L18): called on the first input; returns the reference of the text it created, or
   * null when that was refused. Without it, a missing text is read-only.
   */
  declare create: (() => TextRef | null) | null;
  /** A single-line box too narrow for its text has focus: its whole text is shown under it (phones). */
  declare full: boolean;
  declare ws: Workspace | null;
  declare ref: TextRef | null;
  declare label: string;
  declare multiline: boolean;
  declare readonly: boolean;
  declare placeholder: string;
  declare inputId: string;
  declare error: Notice;

  private readonly plan = new PlanController(this);
  private ytext: Y.Text | null = null;
  private boundKey = '';
  private composing = false;
  /** A caret share waits for the frame after a keystroke (shareCaretLater). */
  private caretDue = false;
  /** The box before the current input event (or composition), for {@link inputEdit}. */
  private boxBefore: BoxState | null = null;
  /** The presence this box draws others' carets from. */
  private followed: NonNullable<Workspace['awareness']> | null = null;
  /** Others' carets in this text, as drawn last. */
  private carets: PlacedCaret[] = [];

  constructor() {
    super();
    this.ws = null;
    this.ref = null;
    this.label = '';
    this.multiline = false;
    this.readonly = false;
    this.placeholder = '';
    this.inputId = '';
    this.error = '';
    this.full = false;
    this.create = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The text box element (input or textarea), once rendered. */
  get field(): HTMLInputElement | HTMLTextAreaElement | null {
    return this.querySelector('input, textarea');
  }

  override disconnectedCallback(): void {
    this.unbind();
    super.disconnectedCallback();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.bind();
  }

  /**
   * A change of the plan alone (the controller's request: no property changed) renders the box
   * again only when it must be bound to another text or its lock changed (SPEC UP2): its text
   * follows the Y.Text directly ({@link onRemote}), so typing elsewhere costs the box nothing.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (changed.size > 0 || !this.ws || !this.ref || !this.ytext || this.ytext.doc === null) return true;
    if (refKey(this.ref) !== this.boundKey || !!this.ws.readonly !== this.renderedReadonly) return true;
    return getText(this.ws.doc, this.ref) !== this.ytext;
  }

  /** Whether the box was last rendered locked for a read-only workspace. */
  private renderedReadonly: boolean | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.plan.store = this.ws?.store ?? null;
    if (changed.has('ws') || changed.has('ref') || refKey(this.ref) !== this.boundKey || !this.ytext || this.ytext.doc === null) this.bind();
  }

  private bind(): void {
    if (!this.isConnected) return;
    const next = this.ws && this.ref ? getText(this.ws.doc, this.ref) : null;
    if (next === this.ytext && refKey(this.ref) === this.boundKey) return;
    this.unbind();
    this.ytext = next;
    this.boundKey = refKey(this.ref);
    next?.observe(this.onRemote);
    this.followed = this.ws?.awareness ?? null;
    this.followed?.on('change', this.onPresence);
  }

  private unbind(): void {
    this.followed?.off('change', this.onPresence);
    this.followed = null;
    this.ytext?.unobserve(this.onRemote);
    this.ytext = null;
    this.boundKey = '';
  }

  private readonly onRemote = (event: Y.YTextEvent): void => {
    const el = this.field;
    if (!el) return;
    const text = this.ytext?.toString() ?? '';
    if (el.value === text) return; // our own typing, already shown
    const focused = el.ownerDocument.activeElement === el || (el.getRootNode() as Document | ShadowRoot).activeElement === el;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? 0;
    const delta = event.delta as DeltaOp[];
    el.value = text;
    if (!this.multiline) el.title = text;
    if (this.full) this.requestUpdate();
    if (focused) {
      // TX2: a caret stays after the character it followed (text someone inserts right there
      // goes after it, so my next keystroke continues my word); a selection keeps its characters.
      const s = transformCaret(start, delta, start === end ? -1 : 1);
      const e = start === end ? s : transformCaret(end, delta, -1);
      el.setSelectionRange(s, e);
    }
    this.drawCarets();
  };

  /**
   * Others' carets are drawn again when someone else's presence changed; a change of this
   * person's own (their caret moving as they type, anywhere on the page) draws nothing here
   * (SPEC PP1: a keystroke costs the page's other boxes nothing).
   */
  private readonly onPresence = (changes?: { added: number[]; updated: number[]; removed: number[] }): void => {
    const me = this.followed?.clientID;
    if (changes && me !== undefined && [changes.added, changes.updated, changes.removed].every((ids) => ids.every((id) => id === me))) return;
    this.drawCarets();
  };

  /** Others' carets and selections in this text (PR10), placed at their current indexes. */
  private placedCarets(): PlacedCaret[] {
    const a = this.ws?.awareness;
    const ytext = this.ytext;
    if (!a || !ytext) return [];
    const out: PlacedCaret[] = [];
    for (const [client, raw] of a.getStates()) {
      if (client === a.clientID) continue;
      const st = parsePresence(raw);
      if (!st?.caret || st.caret.text !== this.boundKey) continue;
      const anchor = caretIndex(ytext, st.caret.anchor);
      const head = caretIndex(ytext, st.caret.head);
      if (anchor === null || head === null) continue;
      out.push({ name: st.user.name, color: st.user.color, head, from: Math.min(anchor, head), to: Math.max(anchor, head) });
    }
    return out;
  }

  /** Draws others' carets over the box: a mirror of its text, transparent, with coloured bars and selections. */
  private drawCarets(): void {
    const el = this.field;
    const layer = this.querySelector<HTMLElement>('.rt-carets');
    if (!el || !layer) return;
    this.carets = this.placedCarets();
    if (this.carets.length === 0) {
      layer.replaceChildren();
      layer.hidden = true;
      return;
    }
    const cs = getComputedStyle(el);
    for (const k of ['font', 'lineHeight', 'letterSpacing', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'textAlign', 'direction'] as const) {
      layer.style[k] = cs[k];
    }
    layer.style.whiteSpace = this.multiline ? 'pre-wrap' : 'pre';
    layer.hidden = false;
    const parts = caretPieces(el.value, this.carets);
    layer.replaceChildren(
      ...parts.flatMap((p) => {
        const nodes: Node[] = [];
        if (p.caret) {
          const bar = document.createElement('span');
          bar.className = 'rt-caret';
          bar.style.cssText = `position:relative;border-left:2px solid ${p.caret.color};margin:0 -1px;`;
          const tag = document.createElement('span');
          tag.className = 'rt-caret-name';
          tag.style.cssText = `position:absolute;left:1px;top:-0.9em;font:600 0.65rem/1.1 system-ui,sans-serif;color:#fff;background:${p.caret.color};padding:0 3px;border-radius:3px;white-space:nowrap;`;
          tag.textContent = p.caret.name;
          bar.append(tag);
          nodes.push(bar);
        }
        if (p.text) {
          const span = document.createElement('span');
          span.textContent = p.text;
          if (p.selected) span.style.background = `${p.selected}40`;
          nodes.push(span);
        }
        return nodes;
      }),
      document.createTextNode('\u200b'),
    );
    layer.scrollTop = el.scrollTop;
    layer.scrollLeft = el.scrollLeft;
  }

  /**
   * Shares this person's caret after the frame that shows the keystroke (SPEC MP7): nothing on
   * this screen waits for it, so its awareness message is sent after paint, once for the keys of
   * one frame. Leaving the text before then shares nothing (the caret is taken away at once).
   */
  private shareCaretLater(): void {
    if (this.caretDue) return;
    this.caretDue = true;
    afterPaint(() => {
      if (!this.caretDue) return;
      this.caretDue = false;
      this.shareCaret();
    });
  }

  /** Shares this person's caret and selection in this text (PR10). */
  private shareCaret(): void {
    this.caretDue = false;
    const el = this.field;
    if (!el || !this.ws || !this.ytext || this.ws.readonly) return;
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? start;
    this.ws.setCaret(caretOf(this.ytext, this.boundKey, start, end, el.selectionDirection === 'backward'));
  }

  private snapshot(): BoxState | null {
    const el = this.field;
    return el ? { value: el.value, start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length } : null;
  }

  private onBeforeInput(): void {
    if (!this.composing) this.boxBefore = this.snapshot();
  }

  private onInput(e: Event): void {
    if (this.composing || (e as InputEvent).isComposing) return;
    this.write((e as InputEvent).inputType ?? '');
  }

  private write(inputType: string): void {
    const el = this.field;
    const before = this.boxBefore;
    this.boxBefore = null;
    if (el && this.ws && !this.ws.readonly && !this.ytext && this.create) {
      // The first character typed into a text that does not exist yet: create it, then write.
      const ref = this.create();
      if (!ref) {
        el.value = '';
        return;
      }
      this.ref = ref;
      this.bind();
    }
    if (!el || !this.ws || !this.ref) return;
    if (this.ws.readonly) {
      el.value = this.ytext?.toString() ?? '';
      return;
    }
    const current = this.ytext?.toString() ?? '';
    const edit = before && before.value === current ? inputEdit(before, el.value, el.selectionStart ?? el.value.length, inputType) : null;
    const r = edit ? editText(this.ws.doc, this.ref, edit, this.ws.origin) : setText(this.ws.doc, this.ref, el.value, this.ws.origin);
    this.error = r.ok ? '' : r.error;
    if (!r.ok) el.value = this.ytext?.toString() ?? '';
    if (!this.multiline) el.title = el.value;
    this.shareCaretLater();
    this.drawCarets();
    if (this.full) this.requestUpdate();
  }

  private readonly onCompositionStart = (): void => {
    this.boxBefore = this.snapshot();
    this.composing = true;
  };

  private readonly onCompositionEnd = (): void => {
    this.composing = false;
    this.write('insertCompositionText');
  };

  /** A single-line box whose text is wider than it (cut with an ellipsis while not focused). */
  private overflows(): boolean {
    const el = this.field;
    return !this.multiline && !!el && el.scrollWidth > el.clientWidth + 1;
  }

  private focusChanged(on: boolean): void {
    this.full = on && this.overflows();
    this.ws?.setPresence({ focus: on ? this.label : '' });
    if (on) this.shareCaret();
    else {
      this.caretDue = false;
      this.ws?.setCaret(null);
    }
    this.dispatchEvent(new CustomEvent('rt-focus', { detail: on ? this.label : '', bubbles: true, composed: true }));
  }

  protected override updated(): void {
    // Keep the box equal to the text when it is not being typed into (e.g. after a rebind).
    const el = this.field;
    const text = this.ytext?.toString() ?? '';
    if (el && el.value !== text && el.ownerDocument.activeElement !== el) el.value = text;
  }

  override render() {
    const value = this.ytext?.toString() ?? '';
    const missing = !this.ytext;
    this.renderedReadonly = !!this.ws?.readonly;
    const common = {
      id: this.inputId || undefined,
    };
    const field = this.multiline
      ? html`<textarea
          id=${ifDefined(common.id)}
          aria-label=${ifDefined(this.inputId ? undefined : this.label)}
          placeholder=${this.placeholder}
          dir="auto"
          .value=${value}
          ?readonly=${this.readonly || (missing && !this.create) || !!this.ws?.readonly}
          rows="4"
          @beforeinput=${this.onBeforeInput}
          @input=${this.onInput}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
          @focus=${() => this.focusChanged(true)}
          @blur=${() => this.focusChanged(false)}
          @select=${this.shareCaretLater}
          @keyup=${this.shareCaretLater}
          @pointerup=${this.shareCaret}
          @scroll=${this.drawCarets}
        ></textarea>`
      : html`<input
          id=${ifDefined(common.id)}
          aria-label=${ifDefined(this.inputId ? undefined : this.label)}
          placeholder=${this.placeholder}
          dir="auto"
          title=${value}
          style="text-overflow:ellipsis"
          .value=${value}
          ?readonly=${this.readonly || (missing && !this.create) || !!this.ws?.readonly}
          @beforeinput=${this.onBeforeInput}
          @input=${this.onInput}
          @compositionstart=${this.onCompositionStart}
          @compositionend=${this.onCompositionEnd}
          @focus=${() => this.focusChanged(true)}
          @blur=${() => this.focusChanged(false)}
          @select=${this.shareCaretLater}
          @keyup=${this.shareCaretLater}
          @pointerup=${this.shareCaret}
          @scroll=${this.drawCarets}
        />`;
    // Others' carets are drawn over the box (aria-hidden: who is editing is told by presence).
    // A single-line text cut by a narrow screen ends in an ellipsis (and shows whole as a tooltip);
    // while it has focus, the whole text is written out under the box to read it.
    const full = this.full && !this.multiline
      ? html`<div class="rt-text-full" dir="auto" aria-hidden="true" style="font-size:0.85em;padding-block:0.2rem;overflow-wrap:anywhere;white-space:pre-wrap">${this.field?.value ?? value}</div>`
      : nothing;
    return html`<div class="rt-text-box" style="position:relative">${field}<div class="rt-carets" aria-hidden="true" hidden
        style="position:absolute;inset:0;pointer-events:none;overflow:hidden;color:transparent;border-style:solid;border-color:transparent;overflow-wrap:break-word;box-sizing:border-box"
      ></div></div>${full}${noticeText(this.error, this) ? html`<span class="field-error" role="alert">${noticeText(this.error, this)}</span>` : nothing}`;
  }
}
customElements.define('rt-text', RtText);

declare global {
  interface HTMLElementTagNameMap {
    'rt-text': RtText;
  }
}

import { css, html, nothing } from 'lit';
import { GCM_OBJECTIVES, activeCodes, codeName, codeNamesReady, isActiveCode, loadCodeNames, localCodeName, type CodeName } from '../../shared/codelists/index.js';
import { MAX_CODES } from '../../shared/schema/registry.js';
import { setNodeField, type NodeField } from '../../shared/model.js';
import { fmt, locale, t } from '../i18n.js';
import { libraryTextFor } from '../library-text.js';
import { gcmName, type GcmName, type LibraryText } from '../../shared/domain/library-text.js';
import { textMatcher } from '../../shared/domain/library.js';
import { noticeText, type Notice } from '../command-text.js';
import type { Workspace } from '../state/workspace.js';
import { RtPart } from './rt-view.js';

/** Styles of the code pickers, adopted by the matrix. */
export const iatiCodesStyles = css`
  .codes { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; }
  .codes ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem; }
  .codes li { display: inline-flex; align-items: center; gap: 0.25rem; border: 1px solid var(--rt-line); border-radius: 1rem; padding-block: 0.1rem; padding-inline: 0.6rem 0.2rem; max-width: 100%; }
  .codes li > span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 18rem; }
  .codes form { display: flex; gap: 0.3rem; flex-wrap: wrap; }
  .codes form input { flex: 1 1 12rem; min-width: 0; }
  .codes .matches { margin: 0; }
  .codes ul.matches { display: grid; gap: 0.2rem; }
  .codes ul.matches li { border: none; padding: 0; }
  .codes ul.matches button { text-align: start; white-space: normal; }
`;

type CodeField = 'dacSectors' | 'sdgTargets' | 'gcmObjectives';

/** One picker: its field, the keys of its label and hint (translated at render) and the options offered. */
interface Picker {
  field: CodeField;
  /** Catalogue key of the picker's name. */
  label: string;
  /** Catalogue key of the example shown as a placeholder. */
  hint: string;
  /** The codes offered, each named in the reader's language where IATI has it, else English (`lang`). */
  options: Option[];
}

/** A code offered by a picker: its name as shown and, when that is not English, its English name (found by English words too, L112). */
type Option = { code: string; english?: string } & ShownName;

/** At most this many matches of typed words are listed to pick from. */
const MAX_MATCHES = 10;

/** Several codes match the words typed in one picker: listed to pick one (L112). */
interface Matches {
  field: CodeField;
  value: string;
  found: Option[];
}

/** A code's name as shown, and its language (a codelist's `CodeName`, or a Global Compact objective's `GcmName`). */
type ShownName = CodeName | GcmName;

const pickers = new Map<string, Picker[]>();
/** The languages whose code names failed to load (offline, say): their readers get English names until the next try. */
const namesFailed = new Set<string>();

/**
 * The three pickers for readers of `loc` (built once per language once its code names are in, and
 * again once the Global Compact's names in that language are in: the codelists do not change while
 * the page is open; with English code names while they could not load).
 */
function allPickers(loc: string, text: LibraryText | null): Picker[] {
  const key = `${codeNamesReady(loc) ? loc : `${loc}:en`}:${text ? 'text' : ''}`;
  let built = pickers.get(key);
  if (built === undefined) {
    // A name shown in the reader's language keeps its English beside it, for the search (L112).
    const withEnglish = (o: { code: string } & ShownName, english: string): Option => (o.lang === 'en' ? o : { ...o, english });
    built = [
      { field: 'dacSectors', label: 'iati:codes.dacSectors', hint: 'iati:codes.hintDac', options: activeCodes('Sector', loc).map((o) => withEnglish(o, codeName('Sector', o.code))) },
      { field: 'sdgTargets', label: 'iati:codes.sdgTargets', hint: 'iati:codes.hintSdg', options: activeCodes('UNSDG-Targets', loc).map((o) => withEnglish(o, codeName('UNSDG-Targets', o.code))) },
      { field: 'gcmObjectives', label: 'iati:codes.gcmObjectives', hint: 'iati:codes.hintGcm', options: GCM_OBJECTIVES.map((en, i) => withEnglish({ code: String(i + 1), ...gcmName(i + 1, GCM_OBJECTIVES, text, loc) }, en)) },
    ];
    pickers.set(key, built);
  }
  return built;
}

/**
 * The name of a code of a picker's list for readers of `loc` (SPEC L41, L45: in their language where
 * its names have it, else English; L63: a Global Compact objective from the language's library
 * text, else English).
 */
function nameOf(field: CodeField, code: string, loc: string, text: LibraryText | null): ShownName {
  if (field === 'dacSectors') return localCodeName('Sector', code, loc);
  if (field === 'sdgTargets') return localCodeName('UNSDG-Targets', code, loc);
  return gcmName(Number(code), GCM_OBJECTIVES, text, loc);
}

/** `lang="en"` for an English name on a page in another language (so screen readers pronounce it as English), else nothing. */
function langOf(name: ShownName, loc: string): string | typeof nothing {
  return name.lang === loc ? nothing : name.lang;
}

/**
 * L112: the codes of `p` whose code, shown name or English name hold every word typed, case and
 * accents ignored: the library search's matcher (LB2), so a French reader typing "remittances" or
 * "reintegration" finds what the library would.
 */
export function matchingCodes(p: Pick<Picker, 'options'>, typed: string): Option[] {
  const matches = textMatcher(typed);
  return p.options.filter((o) => matches(`${o.code} ${o.name} ${o.english ?? ''}`));
}

/** The code a typed or picked value names ("15190 Facilitation…" or "15190"), or null. */
function codeOf(field: CodeField, typed: string): string | null {
  const code = typed.trim().split(/\s+/)[0] ?? '';
  if (field === 'dacSectors') return isActiveCode('Sector', code) ? code : null;
  if (field === 'sdgTargets') return isActiveCode('UNSDG-Targets', code) ? code : null;
  return /^\d+$/.test(code) && Number(code) >= 1 && Number(code) <= GCM_OBJECTIVES.length ? code : null;
}

/**
 * The IATI codes of a goal or an activity (SPEC I1, I2): OECD-DAC sectors, SDG targets and Global
 * Compact objectives, each a list of chips with a remove button and a searchable field (the
 * browser's suggestion list over the official codelist: type a code or words of its name).
 */
export class RtIatiCodes extends RtPart {
  static override properties = {
    ...RtPart.properties,
    nodeId: { type: String },
    name: { type: String },
    problem: { state: true },
    picks: { state: true },
  };
  declare nodeId: string;
  /** The row's name as people say it ("Activity 1.2"). */
  declare name: string;
  /** The last refused pick, worded at render, so a language switch re-words it (L50); null when none. */
  declare problem: Notice | null;
  /** Codes the last typed words matched, to pick one from (L112); null when none are listed. */
  declare picks: Matches | null;

  constructor() {
    super();
    this.nodeId = '';
    this.name = '';
    this.problem = null;
    this.picks = null;
  }

  private set(ws: Workspace, field: CodeField, value: unknown[]): void {
    this.report(setNodeField(ws.doc, this.nodeId, field as NodeField, value, ws.origin));
  }

  protected override renderView(ws: Workspace) {
    const plan = ws.store.plan;
    const node = plan.goals.find((g) => g.id === this.nodeId) ?? plan.activities.find((a) => a.id === this.nodeId);
    if (!node) return nothing;
    const loc = locale();
    if (!codeNamesReady(loc) && !namesFailed.has(loc)) {
      // SPEC L45: the reader's language's code names come as their own chunk, loaded on first use.
      void loadCodeNames(loc).then(
        () => this.requestUpdate(),
        () => {
          namesFailed.add(loc);
          this.requestUpdate();
        },
      );
      return html`<p class="wide muted" aria-busy="true">${t('loading')}</p>`;
    }
    // English Global Compact names while the reader's library text is loading (SPEC L63).
    const text = libraryTextFor(loc, this) ?? null;
    return html`${allPickers(loc, text).map((p) => {
      const current = (node[p.field] as (string | number)[]).map(String);
      const listId = `rt-codes-${p.field}`;
      const list = t(p.label);
      const hint = t(p.hint);
      const add = (e: SubmitEvent) => {
        e.preventDefault();
        const form = e.target as HTMLFormElement;
        const input = form.elements.namedItem('code') as HTMLInputElement;
        const value = input.value.trim();
        // A code, or words of a name (L112): one match is taken, several are listed to pick from.
        const found = codeOf(p.field, value) ? [] : value ? matchingCodes(p, value) : [];
        const code = codeOf(p.field, value) ?? (found.length === 1 ? found[0]!.code : null);
        this.picks = found.length > 1 ? { field: p.field, value, found } : null;
        if (found.length > 1) return void (this.problem = null);
        if (!code) {
          this.problem = () => t('iati:codes.notInList', { value, list: t(p.label), hint: t(p.hint) });
          return;
        }
        this.problem = null;
        if (current.includes(code)) return void (input.value = '');
        if (current.length >= MAX_CODES) return void (this.problem = () => t('iati:codes.tooMany', { n: fmt.number(MAX_CODES), list: t(p.label) }));
        this.set(ws, p.field, p.field === 'gcmObjectives' ? [...current, code].map(Number) : [...current, code]);
        input.value = '';
      };
      return html`<div class="field wide codes" role="group" aria-label=${`${this.name} ${list}`}>
        <span>${list}</span>
        ${current.length
          ? html`<ul>
              ${current.map(
                (c) => {
                  const named = nameOf(p.field, c, loc, text);
                  // dir="auto": an English name on an Arabic page is cut at its end, not its start (the code stays in view).
                  return html`<li>
                  <span title=${named.name} dir="auto">${p.field === 'gcmObjectives' ? t('iati:codes.objective', { code: c }) : c} <span class="name" lang=${langOf(named, loc)}>${named.name}</span></span>
                  <button class="quiet" type="button" aria-label=${t('iati:codes.remove', { code: c, list })}
                    @click=${() => this.set(ws, p.field, current.filter((x) => x !== c).map((x) => (p.field === 'gcmObjectives' ? Number(x) : x)))}>×</button>
                </li>`;
                },
              )}
            </ul>`
          : html`<p class="muted">${t('iati:codes.none')}</p>`}
        <form @submit=${add}>
          <input name="code" list=${listId} autocomplete="off" placeholder=${hint} aria-label=${t('iati:codes.addLabel', { list })} />
          <button class="secondary" type="submit">${t('iati:codes.add')}</button>
        </form>
        <datalist id=${listId}>${p.options.map((o) => html`<option value=${`${o.code} ${o.name}`} lang=${langOf(o, loc)}></option>`)}</datalist>
        ${this.picks?.field === p.field ? this.renderMatches(ws, p, current, this.picks) : nothing}
      </div>`;
    })}
    ${this.problem ? html`<p class="wide error-box" role="alert">${noticeText(this.problem, this)}</p>` : nothing}`;
  }

  /** The codes typed words matched (L112), each a button that adds it; the first {@link MAX_MATCHES}, and a word on narrowing the rest. */
  private renderMatches(ws: Workspace, p: Picker, current: string[], m: Matches) {
    const loc = locale();
    const list = t(p.label);
    const shown = m.found.slice(0, MAX_MATCHES);
    const take = (code: string) => {
      this.picks = null;
      if (!current.includes(code)) this.set(ws, p.field, p.field === 'gcmObjectives' ? [...current, code].map(Number) : [...current, code]);
    };
    return html`<p class="matches" role="status">${t('iati:codes.matches', { count: m.found.length, n: fmt.number(m.found.length), list, value: m.value })}${
      m.found.length > shown.length ? ` ${t('iati:codes.moreMatches', { shown: fmt.number(shown.length) })}` : ''
    }</p>
      <ul class="matches" aria-label=${list}>
        ${shown.map((o) => html`<li><button class="quiet" type="button" data-code=${o.code} @click=${() => take(o.code)}>${p.field === 'gcmObjectives' ? t('iati:codes.objective', { code: o.code }) : o.code} <span lang=${langOf(o, loc)}>${o.name}</span></button></li>`)}
      </ul>`;
  }
}
customElements.define('rt-iati-codes', RtIatiCodes);

declare global {
  interface HTMLElementTagNameMap {
    'rt-iati-codes': RtIatiCodes;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import en from '../../shared/i18n/en/index.js';
import { GCM_OBJECTIVES } from '../../shared/codelists/index.js';
import { englishLibraryText } from '../../shared/domain/library-text-en.js';

/** One English catalogue text that must not show in another language: its key and the words. */
export interface EnglishFragment {
  /** `namespace:dotted.key` of the English message it comes from. */
  key: string;
  /** The words, lower case, spaces collapsed. */
  text: string;
}

/** Lower case with every run of white space (no-break spaces included) as one space. */
export const squash = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim().toLowerCase();

/** The number of words (runs of letters) in `s`. */
const words = (s: string): number => s.match(/\p{L}+/gu)?.length ?? 0;

/**
 * The English catalogue's fixed texts that a page in `target`'s language must not show (issue 16):
 * every message whose text in `target` differs from English, cut at its placeholders (`{{name}}`,
 * `$t(...)`), keeping the pieces of at least `minWords` words (shorter ones, "Total" or "Notes",
 * are too often the same word in both languages or part of a name). Edge punctuation is trimmed.
 */
export function englishFragments(target: object, minWords = 3, english: object = en): EnglishFragment[] {
  const known = made.get(target)?.get(minWords);
  if (known) return known;
  const out = new Map<string, EnglishFragment>();
  const walk = (e: unknown, t: unknown, path: string[]): void => {
    if (typeof e === 'string') {
      if (e === t) return;
      for (const piece of e.split(/\{\{[^}]*\}\}|\$t\([^)]*\)/)) {
        const text = squash(piece).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (words(text) >= minWords && !out.has(text)) out.set(text, { key: `${path[0]}:${path.slice(1).join('.')}`, text });
      }
      return;
    }
    if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) walk(v, (t as Record<string, unknown> | undefined)?.[k], [...path, k]);
  };
  walk(english, target, []);
  const list = [...out.values()];
  made.set(target, (made.get(target) ?? new Map()).set(minWords, list));
  return list;
}

/** Fragments already cut, by catalogue and word count (a test file asks for the same ones several times). */
const made = new WeakMap<object, Map<number, EnglishFragment[]>>();

/** The library text files' folder (SPEC L60). */
const LIBRARY_TEXT = path.join(import.meta.dirname, '../../shared/domain/library-text');
/** Library fragments already cut, by locale. */
const libraryMade = new Map<string, EnglishFragment[]>();

/**
 * [L61] The English of the intervention library, the consultation seeds and the Global Compact's
 * objectives that a page in `locale` must not show, where `locale` has a library text file (keys
 * `library-text:entries.<id>.title`...): each English text its file words differently, of at least
 * three words. None for a language without a file (its library shows in English, marked `lang`).
 */
export function libraryFragments(locale: string): EnglishFragment[] {
  const file = path.join(LIBRARY_TEXT, `${locale}.json`);
  if (locale === 'en' || !fs.existsSync(file)) return [];
  let list = libraryMade.get(locale);
  if (!list) {
    const text: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    list = englishFragments({ 'library-text': text }, 3, { 'library-text': englishLibraryText(GCM_OBJECTIVES) });
    libraryMade.set(locale, list);
  }
  return list;
}

/**
 * The English fragments found in `seen` (texts of one screen each, named), as lines "where: key
 * «text»". `allowed` are texts the page may show whatever its language (plan content the test
 * typed, proper names): those of two words or more are cut out of each text before matching (a
 * single word, a code or an id cut out would break the words around it).
 */
export function englishLeft(fragments: EnglishFragment[], seen: { where: string; texts: string[] }[], allowed: string[] = []): string[] {
  const cut = allowed.map(squash).filter((a) => words(a) >= 2).sort((a, b) => b.length - a.length);
  const screens = seen.map(({ where, texts }) => {
    let all = texts.map(squash).join(' ¶ ');
    for (const a of cut) all = all.split(a).join(' ¶ ');
    return { where, all };
  });
  // One pass over every screen at once, then only the fragments found there per screen.
  const everything = screens.map((x) => x.all).join(' ¶ ');
  const found = fragments.filter((f) => everything.includes(f.text));
  const lines: string[] = [];
  for (const { where, all } of screens) for (const f of found) if (all.includes(f.text)) lines.push(`${where}: ${f.key} «${f.text}»`);
  return [...new Set(lines)];
}

/**
 * What a person can read or hear on the page now: the text of every rendered element (through
 * every shadow root, an <option> counted when its select is rendered), each text node's words
 * joined with its neighbours, and the `aria-label`, `title`, `placeholder` and `alt` of rendered
 * elements. Text inside hidden elements (display: none, closed <details>) does not count.
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const shown = (el: Element): boolean => {
      const select = el.closest('select');
      return (select ?? el).checkVisibility({ checkVisibilityCSS: true } as CheckVisibilityOptions);
    };
    const visit = (root: Document | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let run = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest('style, script, template') || !n.textContent?.trim() || !shown(parent)) continue;
        run += ` ${n.textContent}`;
      }
      if (run.trim()) out.push(run);
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) visit(el.shadowRoot);
        for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(a);
          if (v?.trim() && shown(el)) out.push(v);
        }
      }
    };
    visit(document);
    return out;
  });
}

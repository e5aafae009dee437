/// <reference types="vite/client" />
/**
 * The library's built-in text in the reader's language (SPEC L61-L63): each
 * `shared/domain/library-text/<locale>.json` is its own chunk, imported the first time a view or
 * panel that shows library text, consultation seeds or Global Compact objectives renders in that
 * language (never in the first screen). English needs no file: it is the sources' own.
 */
import type { ReactiveControllerHost } from 'lit';
import type { LibraryText } from '../shared/domain/library-text.js';

/** Every language file but the English extraction, each loaded on demand. */
const FILES = import.meta.glob<LibraryText>(['../shared/domain/library-text/*.json', '!../shared/domain/library-text/en.json'], { import: 'default' });

/** The loader of `lng`'s file (none for English: the sources are English). */
const fileOf = (lng: string): (() => Promise<LibraryText>) | undefined => (lng === 'en' ? undefined : FILES[`../shared/domain/library-text/${lng}.json`]);

/** Files in, by locale (null: no file for that language, English shown). */
const loaded = new Map<string, LibraryText | null>();
/** Loads under way, by locale. */
const pending = new Map<string, Promise<LibraryText | null>>();
/** Elements to re-render when a load under way ends. */
const waiting = new Map<string, Set<ReactiveControllerHost>>();

/**
 * Loads the file of `lng` (once; null for English, a language without one, or a failed load,
 * which then shows English for the rest of the visit).
 */
export function loadLibraryText(lng: string): Promise<LibraryText | null> {
  const have = loaded.get(lng);
  if (have !== undefined) return Promise.resolve(have);
  let p = pending.get(lng);
  if (!p) {
    const file = fileOf(lng);
    p = (file ? file() : Promise.resolve(null)).then(
      (text) => {
        loaded.set(lng, text);
        return text;
      },
      () => {
        // Shown in English for the rest of the visit rather than asked for again on every render.
        loaded.set(lng, null);
        return null;
      },
    );
    pending.set(lng, p);
    void p.finally(() => {
      pending.delete(lng);
      const hosts = waiting.get(lng);
      waiting.delete(lng);
      for (const h of hosts ?? []) h.requestUpdate();
    });
  }
  return p;
}

/**
 * The file of `lng` if it is in (null: English, a language without a file, or a load that
 * failed), else undefined while it loads; `host` is re-rendered once the load ends. Call it from
 * `render()`.
 */
export function libraryTextFor(lng: string, host: ReactiveControllerHost): LibraryText | null | undefined {
  const have = loaded.get(lng);
  if (have !== undefined) return have;
  // English, or a language without a file: nothing to wait for.
  if (!fileOf(lng)) return null;
  let hosts = waiting.get(lng);
  if (!hosts) waiting.set(lng, (hosts = new Set()));
  hosts.add(host);
  void loadLibraryText(lng);
  return undefined;
}

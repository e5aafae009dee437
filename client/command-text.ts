/**
 * A command's refusal in the reader's language (L16, L19). The `refusals` namespace is not in the
 * first load: it follows the first screen (`client/views.ts`), and {@link commandText} loads it
 * itself when a refusal is shown before it is in, then re-renders the element that showed it.
 * Components keep the refusal (not its text) and word it in `render()`, so a language switch
 * re-words it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CommandError } from '../shared/result.js';
import { fmt, hasNamespace, loadNamespaces, t } from './i18n.js';

/** A refusal as components keep it: a command's `CommandError`, or an API error carrying the same words (`ApiError`). */
export type Refusal = Pick<CommandError, 'message' | 'key' | 'params'>;

/** Something that words itself in the reader's language when shown (an API error, `ApiError.text`). */
export interface Worded {
  text(host?: Rerenders): string;
}

/**
 * What a component keeps to show after trying something: a text it made, a refusal (worded at
 * render), an API error (worded at render), or a function making a text at render (a translated
 * frame around a refusal).
 */
export type Notice = string | Refusal | Worded | (() => string);

const isWorded = (v: unknown): v is Worded => typeof v === 'object' && v !== null && typeof (v as Partial<Worded>).text === 'function';

/** An element to re-render once a namespace is in (a Lit element). */
export interface Rerenders {
  requestUpdate(): void;
}

/** Namespaces being loaded, each with the elements waiting to re-render. */
const waiting = new Map<string, Set<Rerenders>>();
/** Namespaces whose load failed in this page: their refusals show the English sentence. */
const failed = new Set<string>();

/** Loads `ns` once (per wait), then re-renders every element that showed a refusal meanwhile. */
function loadFor(ns: string, host: Rerenders | undefined): void {
  let hosts = waiting.get(ns);
  if (!hosts) {
    hosts = new Set();
    waiting.set(ns, hosts);
    const done = () => {
      waiting.delete(ns);
      for (const h of hosts!) h.requestUpdate();
    };
    loadNamespaces([ns]).then(done, (err: unknown) => {
      console.warn(`refusal texts unavailable (${ns}):`, err);
      failed.add(ns);
      done();
    });
  }
  if (host) hosts.add(host);
}

/**
 * The refusal `e` in the reader's language: its message (`e.key`, e.g. `refusals:notFound`) with
 * its parameters (a `count` also given as `n`, formatted for the locale), or the English sentence
 * when it has no key or its texts could not load. While its namespace is loading it is '' (never a
 * raw key) and `host` re-renders once the texts are in. Call it in `render()`.
 */
export function commandText(e: Refusal, host?: Rerenders): string {
  if (!e.key) return e.message;
  const ns = e.key.slice(0, Math.max(0, e.key.indexOf(':')));
  if (ns && !hasNamespace(ns) && !failed.has(ns)) {
    loadFor(ns, host);
    return '';
  }
  const params: Record<string, string | number> = {};
  // A value is text, never markup of the catalogue: "$t(" or "{{" in an id would nest or fill.
  for (const [k, v] of Object.entries(e.params ?? {})) params[k] = typeof v === 'string' ? v.replace(/\$t\(|\{\{/g, (m) => `${m[0]}\u200b${m.slice(1)}`) : v;
  const count = params['count'];
  return t(e.key, { ...params, ...(typeof count === 'number' ? { n: fmt.number(count) } : {}), defaultValue: e.message });
}

/** The text of a notice a component keeps ('' for none); a refusal is worded by {@link commandText}. */
export function noticeText(n: Notice | null | undefined, host?: Rerenders): string {
  if (!n) return '';
  if (typeof n === 'string') return n;
  if (typeof n === 'function') return n();
  if (isWorded(n)) return n.text(host);
  return commandText(n, host);
}

/** The text of a thrown failure in the reader's language now: an API error re-worded (`ApiError.text`), else its message. */
export function failureText(err: unknown, host?: Rerenders): string {
  if (isWorded(err)) return err.text(host);
  return err instanceof Error ? err.message : String(err);
}

/** A notice shown as the views' error box (`<p class="error-box" role="alert">`), or nothing when there is none (yet). */
export function errorBox(n: Notice | null | undefined, host: Rerenders): TemplateResult | typeof nothing {
  const text = noticeText(n, host);
  return text ? html`<p class="error-box" role="alert">${text}</p>` : nothing;
}

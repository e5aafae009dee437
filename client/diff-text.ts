/**
 * A diff line in the reader's language (L6, L15): the change's code and parameters worded through
 * the `diff` catalogue. Shared by the versions panel, the monitoring table and "since you were
 * last here" (which is on the first screen, so this module stays small: no Lit, no elements).
 * The `diff` namespace (and `translations`, for translation lines) must be loaded first.
 */
import { describeChange, type Change, type DiffFormat, type Translate } from '../shared/domain/diff.js';
import { dirOf } from '../shared/i18n/locales.js';
import { fmt, locale, t } from './i18n.js';

/** Figures, money (`fmt.money`, L100) and dates of a diff line in the reader's locale. */
export const diffFormat: DiffFormat = { number: (n) => fmt.number(n), date: (iso) => fmt.date(iso), money: (amount, currency) => fmt.money(amount, currency) };

/** A line as people read it: arrows for "from -> to", pointing the way the reader's script runs. */
export const readable = (s: string) => s.replace(/ -> /g, dirOf(locale()) === 'rtl' ? ' ← ' : ' → ');

/** A change as one line in the reader's language (L5): its code and parameters through the `diff` catalogue. */
export function changeText(c: Pick<Change, 'code' | 'params' | 'from' | 'to' | 'summary'>): string {
  // An answer from an older server carries no code: its English line is all there is.
  if (!c.code || !c.params) return readable(c.summary);
  return readable(describeChange(c, dirOf(locale()) === 'rtl' ? isolatingT : t, diffFormat));
}

const ISOLATED = ['name', 'text'] as const;

/**
 * In a right-to-left line, a title or quoted text someone typed (often in Latin script) is set in a
 * first-strong isolate (U+2068 ... U+2069), so the quotation marks around it and the words after it
 * keep their places instead of being pulled into the Latin run (L103).
 */
const isolatingT: Translate = (key, params) => {
  if (!params) return t(key);
  const out: Record<string, unknown> = { ...params };
  for (const k of ISOLATED) if (typeof out[k] === 'string' && out[k] !== '') out[k] = `\u2068${out[k] as string}\u2069`;
  return t(key, out);
};

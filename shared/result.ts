import type refusals from './i18n/en/refusals.js';

/**
 * Expected failures are values, not exceptions. A command that refuses (locked criteria, unknown
 * id, value out of range) returns `{ ok: false, error }` and leaves the doc untouched.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/**
 * Why a command refused: a stable machine code plus a sentence (English, for logs and API users);
 * `key` names the message (`refusals:<key>`, L16, L19) and `params` fills it (ids, limits, a
 * `count` for plurals, kinds of items as codes), so the browser shows it in the reader's language.
 * Every refusal of `shared/commands/` carries them; other refusals may lack them.
 */
export interface CommandError {
  code: 'not-found' | 'invalid' | 'locked' | 'level' | 'archived';
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** A successful result carrying `value`. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Plural forms of a message, named by their base key. */
type Base<K> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;
/** A message of the `refusals` catalogue (its word tables left out): checked when the code compiles. */
export type RefusalKey = `refusals:${Base<Exclude<keyof typeof refusals, 'kinds' | 'shapes' | 'levels' | 'dates' | 'consultFields'>>}`;

/** The reader's message of a refusal: a `refusals` key and its parameters (L19). */
export interface RefusalWords {
  key: RefusalKey;
  params?: Record<string, string | number>;
}

/** A refused result; `code` says which kind of refusal it is; `words` the reader's message (L16, L19). */
export function fail<T = never>(code: CommandError['code'], message: string, words?: RefusalWords): Result<T> {
  return { ok: false, error: words ? { code, message, key: words.key, ...(words.params ? { params: words.params } : {}) } : { code, message } };
}

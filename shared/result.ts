/**
 * Expected failures are values, not exceptions. A command that refuses (locked criteria, unknown
 * id, value out of range) returns `{ ok: false, error }` and leaves the doc untouched.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/**
 * Why a command refused: a stable machine code plus a sentence (English, for logs and API users);
 * where a command words its refusal for readers (L16), `key` names the message (`ns:key`) and
 * `params` fills it, so the browser shows it in the reader's language.
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

/** A refused result; `code` says which kind of refusal it is; `words` the reader's message (L16). */
export function fail<T = never>(code: CommandError['code'], message: string, words?: { key: string; params?: Record<string, string | number> }): Result<T> {
  return { ok: false, error: words ? { code, message, key: words.key, ...(words.params ? { params: words.params } : {}) } : { code, message } };
}

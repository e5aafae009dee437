/**
 * Expected failures are values, not exceptions. A command that refuses (locked criteria, unknown
 * id, value out of range) returns `{ ok: false, error }` and leaves the doc untouched.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** Why a command refused: a stable machine code plus a sentence for people. */
export interface CommandError {
  code: 'not-found' | 'invalid' | 'locked' | 'level' | 'archived';
  message: string;
}

/** A successful result carrying `value`. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A refused result; `code` says which kind of refusal it is. */
export function fail<T = never>(code: CommandError['code'], message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

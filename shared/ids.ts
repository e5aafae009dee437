/**
 * Identifiers. Every id that crosses a boundary (URL, file name, doc key, JSON import) must
 * match ID_PATTERN: letters, digits, `_` and `-`, 1 to 64 characters. No dots and no slashes,
 * so an id can never walk out of DATA_DIR, and never `__proto__`-like keys with special meaning.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Names that must never be used as object keys, even if they match the pattern. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** True when `value` is a string usable as an id anywhere in Roundtable. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && !RESERVED.has(value);
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new random id: `length` characters from [0-9a-z] (default 20 characters, about 103 bits).
 * Uses the Web Crypto API, present both in Node 20 and in browsers.
 */
export function newId(length = 20): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  // 252 = 36 * 7: rejecting bytes >= 252 keeps every character equally likely.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}

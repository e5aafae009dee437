/**
 * The catalogue key of an API error code (L7): `errors:<code>`, or `errors:<code>_<context>` for
 * a variant. A code whose last word is a plural category (`iati_too_many`) would read as a plural
 * form to i18next, so its message is stored under `<code>_message`.
 */
export function errorKey(code: string, context = ''): string {
  const base = /_(zero|one|two|few|many|other)$/.test(code) ? `${code}_message` : code;
  return `errors:${base}${context ? `_${context}` : ''}`;
}

import { t } from './i18n.js';

/**
 * A table of labels read in the reader's language each time one is read: `labelsOf('shell:role.',
 * ROLES)` gives `{ facilitator, editor, observer }` whose values are `t('shell:role.facilitator')`
 * and so on. Module-level tables of names stay correct after a language change.
 */
export function labelsOf<K extends string>(prefix: string, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of keys) Object.defineProperty(out, k, { get: () => t(`${prefix}${k}`), enumerable: true });
  return out;
}

/** A command's refusal in the reader's language (L16). */
import type { CommandError } from '../shared/result.js';
import { t } from './i18n.js';

/**
 * The refusal `e` for the reader: its message key and parameters where the command words it
 * (`e.key`), else the command's English sentence. Call it at render time or right when shown.
 */
export function commandText(e: Pick<CommandError, 'message' | 'key' | 'params'>): string {
  return e.key ? t(e.key, { ...e.params, defaultValue: e.message }) : e.message;
}

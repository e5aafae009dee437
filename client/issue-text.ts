/** A validation issue in the reader's language (L5): `issues:<rule>` with its parameters, rows named by the `diff:label` messages. */
import { issueText } from '../shared/domain/issue-text.js';
import type { Issue } from '../shared/model.js';
import { fmt, t } from './i18n.js';

/** The issue's sentence in the current locale; call it at render time so a language change re-words it. */
export function issueLine(i: Issue): string {
  return issueText(i, t, fmt);
}

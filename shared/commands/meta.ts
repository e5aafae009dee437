import * as Y from 'yjs';
import { ok, type Result } from '../result.js';
import { META_FIELDS } from '../schema/registry.js';
import type { Origin } from '../schema/origins.js';
import { metaMap } from '../schema/roots.js';
import type { PlanData } from '../schema/types.js';
import { checkValue } from './internal.js';

/** Plan meta fields set with {@link setPlanField} (criteria agreement has its own command). */
export type PlanField =
  | 'country'
  | 'currency'
  | 'frameworks'
  | 'horizonStart'
  | 'horizonEnd'
  | 'stage'
  | 'handful'
  | 'exportNamedScores'
  | 'anonymousScoring'
  | 'reportingOrgName'
  | 'reportingOrgRef'
  | 'reportingOrgType'
  | 'stageMovers'
  | 'fiscalYearStart'
  | 'language';

/**
 * Sets one plan meta field (country, default currency, frameworks, horizon, stage, handful, the
 * facilitators' export setting `exportNamedScores` (the update gate refuses it from anyone else,
 * G12), the IATI reporting organisation's name, identifier and type, the plan's export language
 * (L8, facilitators only)), last writer wins. Refuses
 * malformed codes and dates and values outside the allowed lists.
 */
export function setPlanField<K extends PlanField>(doc: Y.Doc, field: K, value: PlanData[K], origin: Origin): Result<void> {
  const allowed: readonly string[] = [
    'country',
    'currency',
    'frameworks',
    'horizonStart',
    'horizonEnd',
    'stage',
    'handful',
    'exportNamedScores',
    'anonymousScoring',
    'reportingOrgName',
    'reportingOrgRef',
    'reportingOrgType',
    'stageMovers',
    'fiscalYearStart',
    'language',
  ];
  const checked = checkValue(allowed.includes(field) ? META_FIELDS.scalars[field] : undefined, field, value);
  if (!checked.ok) return checked;
  doc.transact(() => metaMap(doc).set(field, checked.value), origin);
  return ok(undefined);
}

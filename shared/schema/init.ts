import * as Y from 'yjs';
import { keysAfter } from '../domain/order.js';
import { buildEntity } from './build.js';
import { DEFAULT_CRITERIA, DEFAULT_SECTIONS, type DefaultTexts } from './defaults.js';
import { CRITERION_FIELDS, META_FIELDS, SECTION_FIELDS } from './registry.js';
import { SCHEMA_VERSION, criteriaMap, metaMap, sectionsMap } from './roots.js';

/** What a new plan starts with. `country` and `currency` are ignored unless they are valid codes. */
export interface PlanInit {
  id: string;
  title: string;
  /** ISO 3166-1 alpha-2, e.g. "SN". */
  country?: string;
  /** ISO 4217, e.g. "XOF"; the default currency for money typed into the plan. */
  currency?: string;
  /** The plan's language (en, fr, es, ar; L8); ignored unless valid. */
  language?: string;
}

/** Origin of the transaction that creates a plan on the server. */
export const INIT_ORIGIN = { source: 'server', reason: 'init' } as const;

/**
 * Writes the starting content of a new plan into an empty doc, in one transaction with origin
 * {@link INIT_ORIGIN}: meta (id, title, schema version, country, currency, defaults for the
 * other meta fields), the four default scoring criteria and the empty Plan of Action sections,
 * worded by `texts` (the plan's language, L32; English without). Only the server calls this, once,
 * when the plan is created.
 */
export function initPlan(doc: Y.Doc, init: PlanInit, texts?: DefaultTexts): void {
  doc.transact(() => {
    writeMeta(doc, init.id, init.title, init);
    const criteria = criteriaMap(doc);
    const critOrder = keysAfter(null, DEFAULT_CRITERIA.length);
    DEFAULT_CRITERIA.forEach((c, i) => {
      const words = texts?.criterion(c.id) ?? c;
      criteria.set(c.id, buildEntity(CRITERION_FIELDS, { title: words.title, description: words.description, order: critOrder[i] }));
    });
    const sections = sectionsMap(doc);
    const secOrder = keysAfter(null, DEFAULT_SECTIONS.length);
    DEFAULT_SECTIONS.forEach((s, i) => {
      sections.set(s.id, buildEntity(SECTION_FIELDS, { title: texts?.section(s.id) ?? s.title, part: s.part, order: secOrder[i] }));
    });
  }, INIT_ORIGIN);
}

/**
 * Sets id, title, schema version and every meta scalar from `values` (defaults for absent or
 * invalid values). For callers already inside a transaction.
 */
export function writeMeta(doc: Y.Doc, id: string, title: string, values: object): void {
  const meta = metaMap(doc);
  meta.set('id', id);
  meta.set('schemaVersion', SCHEMA_VERSION);
  meta.set('title', new Y.Text(title));
  for (const [key, spec] of Object.entries(META_FIELDS.scalars)) {
    const given = (values as Record<string, unknown>)[key];
    const parsed = given === undefined ? undefined : spec.parse(given);
    meta.set(key, parsed === undefined ? spec.parse(spec.fallback) : parsed);
  }
}

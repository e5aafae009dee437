import { ENTITIES, SCHEMA_DEFS, type EntityDef, type JsonSchema } from './registry.js';
import { PLAN_FORMAT } from './types.js';
import { LIMITS } from './values.js';

/**
 * Builds the `roundtable-plan/1` JSON Schema (draft 2020-12) from the entity registry (rule R4).
 * The committed file `shared/schema/roundtable-plan-1.schema.json` is this function's output;
 * regenerate it with `UPDATE_SCHEMA=1 npx vitest run tests/shared/json-schema.test.ts`.
 */

/** `$id` of the generated schema. */
export const PLAN_SCHEMA_ID = 'urn:roundtable:schema:roundtable-plan-1';

const DESCRIPTION =
  'A national migration-and-development plan as plain JSON: meta, participants, scoring, Plan of Action sections, ' +
  'implementation matrix (goal > outcome > output > activity), indicators and review periods. Only format, title ' +
  'and, per item, id, title/name and parent links are required (the plan id is optional: an importing server assigns its own); every other field has a default. Money is always ' +
  '{amount, currency}; unknown numbers and dates are null, never 0. References between items must resolve, ids must be ' +
  'unique, dates must exist on the calendar and an activity depends on another at most once (checked by parsePlanJson, ' +
  'not expressible here). Generated from shared/schema/registry.ts; do not edit by hand.';

const ID = { $ref: '#/$defs/id' } as const;

/** Properties of an entity's fields, each with its description and default. */
function fieldProperties(def: EntityDef): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [key, field] of Object.entries(def.fields.fields)) {
    out[key] = { ...field.scalar.schema, description: field.description, default: field.scalar.parse(field.scalar.fallback) };
  }
  return out;
}

/** Schema of one JSON item of `def`: key ids, parent and reference ids, fields, nested lists. */
function itemSchema(def: EntityDef): JsonSchema {
  const links = [...def.key, ...(def.parent ? [def.parent.field] : []), ...def.refs.map((r) => r.field)];
  const properties: Record<string, JsonSchema> = {};
  for (const key of links) properties[key] = ID;
  if (def.ordering === 'placement') properties['order'] = { $ref: '#/$defs/order', description: 'position among its siblings' };
  Object.assign(properties, fieldProperties(def));
  for (const nested of Object.values(ENTITIES).filter((e) => e.container === def.name)) {
    properties[nested.list!] = listSchema(nested);
  }
  return {
    type: 'object',
    description: def.description,
    additionalProperties: false,
    required: [...new Set([...links, ...def.required])],
    properties,
  };
}

/** Schema of the JSON list holding `def`'s items. */
function listSchema(def: EntityDef): JsonSchema {
  const max = def.storage === 'nested' ? LIMITS.smallList : LIMITS.items;
  return { type: 'array', maxItems: max, items: itemSchema(def) };
}

/** The whole `roundtable-plan/1` JSON Schema, generated from the registry. */
export function planJsonSchema(): JsonSchema {
  const meta = ENTITIES.meta;
  // The plan id is optional (J11): "" or absent when the file has none; the importing server assigns one.
  const properties: Record<string, JsonSchema> = { format: { const: PLAN_FORMAT }, id: { anyOf: [ID, { const: '' }] }, ...fieldProperties(meta) };
  for (const def of Object.values(ENTITIES)) {
    if (def.list !== null && !def.container) properties[def.list] = listSchema(def);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: PLAN_SCHEMA_ID,
    title: `Roundtable plan (${PLAN_FORMAT})`,
    description: DESCRIPTION,
    type: 'object',
    additionalProperties: false,
    required: ['format', ...meta.required],
    properties,
    $defs: SCHEMA_DEFS,
  };
}

/** The schema as the committed file holds it: two-space JSON with a final newline. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

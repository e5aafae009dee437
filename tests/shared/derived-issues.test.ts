import { describe, expect, it } from 'vitest';
import { ENTITIES, NODE_ENTITIES } from '../../shared/schema/registry.js';
import { readPlan } from '../../shared/schema/read.js';
import { docOf, fullPlan } from './helpers/fixtures.js';

describe('derived values at 10,000 activities within 50 ms (SPEC DJ)', () => {
  it('[DJ1] every item readPlan makes of one entity has the same keys in the registry order', () => {
    const plan = readPlan(docOf(fullPlan())) as unknown as Record<string, Record<string, unknown>[]>;
    for (const def of Object.values(ENTITIES)) {
      if (def.list === null || def.container || def.storage === 'cell') continue;
      const items = plan[def.list]!;
      expect(items.length, def.list).toBeGreaterThan(0);
      const nested = Object.values(ENTITIES).filter((n) => n.container === def.name).map((n) => n.list!);
      const expected = [
        ...new Set([
          'id',
          ...(def.parent ? [def.parent.field] : []),
          ...(def.ordering === 'placement' ? ['order'] : []),
          ...Object.keys(def.fields.scalars),
          ...def.fields.texts,
          ...nested,
        ]),
      ];
      for (const item of items) expect(Object.keys(item), def.list).toEqual(expected);
    }
    expect(NODE_ENTITIES.every((d) => plan[d.list!]!.length > 0)).toBe(true);
  });
});

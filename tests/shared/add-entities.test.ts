import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readPlan } from '../../shared/model.js';
import { addEntities } from '../../shared/schema/write.js';
import { docOf, fullPlan, handbookMatrix } from './helpers/fixtures.js';

describe('addEntities: new items into a live doc without rewriting it', () => {
  it('adds the matrix of one plan to another, leaving every other entity and the meta as they were', () => {
    const target = fullPlan();
    target.goals = [];
    target.outcomes = [];
    target.outputs = [];
    target.activities = [];
    target.indicators = [];
    target.reviews = [];
    target.scores = [];
    target.agreedScores = [];
    const doc = docOf(target);
    const criteria = doc.getMap('criteria').get('c1');
    const before = Y.encodeStateVector(doc);
    const matrix = handbookMatrix();
    addEntities(doc, matrix, ['goals', 'outcomes', 'outputs', 'activities'], { source: 'server', reason: 'import' });
    const after = readPlan(doc);
    expect({ ...after, goals: [], outcomes: [], outputs: [], activities: [] }).toEqual(target);
    for (const list of ['goals', 'outcomes', 'outputs', 'activities'] as const) expect(after[list]).toEqual(matrix[list]);
    // The same Y.Map still holds the criterion: nothing outside the lists was replaced.
    expect(doc.getMap('criteria').get('c1')).toBe(criteria);
    // Only new items: the change deletes nothing that was there.
    const change = Y.decodeUpdate(Y.encodeStateAsUpdate(doc, before));
    expect(change.structs.length).toBeGreaterThan(0);
    expect(change.ds.clients.size).toBe(0);
  });
});

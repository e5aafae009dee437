import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlan, ROOT } from '../../shared/model.js';
import { HEAVY_DEFAULTS, HeavyWork } from '../../server/work/pool.js';
import { DerivedCache, docVersion } from '../../server/work/derived-cache.js';
import { JsonBody } from '../../server/work/json-parts.js';
import { bigPlan } from './heavy-helpers.js';

const derive = (work: HeavyWork, name: string, doc: Y.Doc, planId = 'p1') => work.derive(planId, name, { stored: () => null, live: async (encode) => encode(doc) });
const text = async (body: Promise<JsonBody>) => (await body).text();

describe('derived values are cached per document version', () => {
  it('the version moves on insertions and on deletion-only changes, not on empty transactions', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const v0 = docVersion(doc);
    doc.transact(() => {});
    expect(docVersion(doc)).toBe(v0);
    text.insert(0, 'abc');
    const v1 = docVersion(doc);
    expect(v1).not.toBe(v0);
    const sv = Y.encodeStateVector(doc);
    text.delete(0, 1);
    // A deletion leaves the state vector as it was, but the version moves.
    expect(Y.encodeStateVector(doc)).toEqual(sv);
    expect(docVersion(doc)).not.toBe(v1);
    // A remote update applied to the doc counts as well.
    const other = new Y.Doc();
    other.getText('t').insert(0, 'x');
    const v2 = docVersion(doc);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(docVersion(doc)).not.toBe(v2);
  });

  it('a repeated request is answered from the cache; any edit, or another doc, computes again', async () => {
    for (const work of [new HeavyWork(), new HeavyWork(HEAVY_DEFAULTS, null)]) {
      const doc = new Y.Doc();
      writePlan(doc, bigPlan(3), { source: 'server', reason: 'test' });
      const first = await derive(work, 'export.json', doc);
      expect(work.cache.hits).toBe(0);
      expect(await derive(work, 'export.json', doc)).toBe(first);
      expect(work.cache.hits).toBe(1);
      // Each name is cached on its own.
      const budget = JSON.parse(await text(derive(work, 'budget', doc))) as { plan: { activities: number } };
      expect(budget.plan.activities).toBe(3);
      expect(work.cache.hits).toBe(1);
      // A deletion-only edit (an activity's title shortened) is seen.
      const title = doc.getMap(ROOT.nodes).get('a0') as Y.Map<unknown>;
      const t = title.get('title') as Y.Text;
      t.delete(0, t.length);
      const after = await derive(work, 'export.json', doc);
      expect(first.text()).toContain('"Activity 0"');
      expect(after.text()).not.toContain('"Activity 0"');
      expect(work.cache.hits).toBe(1);
      expect(await derive(work, 'export.json', doc)).toBe(after);
      expect(work.cache.hits).toBe(2);
      // The same plan id on another doc (a reloaded plan) never gets the old answer.
      const other = new Y.Doc();
      writePlan(other, bigPlan(5), { source: 'server', reason: 'test' });
      expect((JSON.parse(await text(derive(work, 'budget', other))) as { plan: { activities: number } }).plan.activities).toBe(5);
      expect(work.cache.hits).toBe(2);
      await work.close();
    }
  });

  it('[DI4] the cache keeps at most its bound of bytes: least recently used plans go first, never the one just set', () => {
    const cache = new DerivedCache(100);
    const body = (s: string) => JsonBody.of(s);
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    cache.set('a', docs[0]!, 0, 'budget', body('x'.repeat(40)));
    cache.set('b', docs[1]!, 0, 'budget', body('y'.repeat(40)));
    expect(cache.chars).toBe(80);
    expect(cache.get('a', docs[0]!, 0, 'budget')?.text()).toBe('x'.repeat(40));
    cache.set('c', docs[2]!, 0, 'issues', body('z'.repeat(40)));
    // b was the least recently used: it went, a (read since) stayed.
    expect(cache.get('b', docs[1]!, 0, 'budget')).toBeUndefined();
    expect(cache.get('a', docs[0]!, 0, 'budget')?.text()).toBe('x'.repeat(40));
    expect(cache.chars).toBe(80);
    cache.set('c', docs[2]!, 1, 'issues', body('w'.repeat(150)));
    expect(cache.chars).toBe(150);
    expect(cache.get('c', docs[2]!, 1, 'issues')?.text()).toBe('w'.repeat(150));
    expect(cache.get('a', docs[0]!, 0, 'budget')).toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPlan, setNodeField } from '../../shared/model.js';
import { addActivityChain } from '../helpers/plan-content.js';
import { watchConflicts, type Conflict } from '../../shared/domain/conflicts.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, serverForTests, syncUrl } from '../helpers/test-server.js';

const ME = { source: 'local', userId: 'tester' } as const;
const usd = (amount: number) => ({ amount, currency: 'USD' });
const ctx = serverForTests();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function person(planId: string) {
  const doc = new Y.Doc();
  const provider = openProvider(syncUrl(ctx.server), planId, doc);
  cleanups.push(() => provider.destroy());
  const told: Conflict[] = [];
  watchConflicts(doc, (c) => c === doc.clientID, (found) => told.push(...found));
  return { doc, provider, told };
}

const budget = (doc: Y.Doc, activity: string) => readPlan(doc).activities.find((a) => a.id === activity)?.budget?.amount;

describe('conflict notices through the real server (CF1, CF3)', () => {
  it('CF1: the phone sets 13,000 offline, the facilitator 14,000 online; after the merge both are told, with both values', async () => {
    const planId = await createPlan(ctx.server, 'Conflicts');
    const facilitator = person(planId);
    const phone = person(planId);
    await Promise.all([waitSynced(facilitator.provider), waitSynced(phone.provider)]);
    const { activity } = addActivityChain(facilitator.doc, { budget: usd(10_000) });
    await waitFor(() => budget(phone.doc, activity) === 10_000, 'the phone to have the activity');

    phone.provider.disconnect();
    expect(setNodeField(phone.doc, activity, 'budget', usd(13_000), ME).ok).toBe(true);
    expect(setNodeField(facilitator.doc, activity, 'budget', usd(14_000), ME).ok).toBe(true);
    // Wait until the server holds the facilitator's 14,000 (a third reader sees it).
    const reader = person(planId);
    await waitSynced(reader.provider);
    await waitFor(() => budget(reader.doc, activity) === 14_000, 'the server to have 14,000');
    phone.provider.connect();
    await waitFor(() => phone.told.length > 0 && facilitator.told.length > 0, 'both people to be told of the conflict');
    await waitFor(() => budget(phone.doc, activity) === budget(facilitator.doc, activity), 'both to show the same budget');
    const shown = budget(phone.doc, activity);
    for (const who of [phone, facilitator]) {
      expect(who.told).toHaveLength(1);
      const c = who.told[0]!;
      expect(c).toMatchObject({ entity: 'activity', id: activity, field: 'budget' });
      expect((c.kept.value as { amount: number }).amount).toBe(shown);
      // A value that lost on the server reaches the other side already discarded (CF1 `known: false`).
      if (c.lost.known) expect(c.lost.value).toEqual(usd(shown === 13_000 ? 14_000 : 13_000));
      expect(c.lost.client).not.toBe(c.kept.client);
    }
    expect(reader.told).toEqual([]); // CF3: neither value was the reader's
    // The one whose value was replaced knows both values: its own, and the winner's, which arrived whole.
    const loser = [phone, facilitator].find((p) => p.told[0]!.lost.client === p.doc.clientID)!;
    expect(loser.told[0]!.lost.known && loser.told[0]!.kept.known).toBe(true);
  });
});

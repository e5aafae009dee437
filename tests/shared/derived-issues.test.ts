import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import * as cmd from '../../shared/model.js';
import { ENTITIES, NODE_ENTITIES } from '../../shared/schema/registry.js';
import { readPlan } from '../../shared/schema/read.js';
import { nodesMap, reviewsMap } from '../../shared/schema/roots.js';
import { liveNodeIds } from '../../shared/domain/tree.js';
import { timelineIssues } from '../../shared/domain/timeline.js';
import { listJson } from '../../shared/domain/json-memo.js';
import { stringifyBudget } from '../../shared/domain/budget.js';
import { derivedJson } from '../../server/work/jobs.js';
import { randomCommand, idsOf, randomEditRig } from './helpers/random-command.js';
import { docOf, fullPlan } from './helpers/fixtures.js';
import { PlanProjection } from '../../shared/schema/projection.js';
import { PLAN_STATE, PlanState, bindPlanState, planStateOf } from '../../shared/domain/plan-state.js';
import v8 from 'node:v8';
import vm from 'node:vm';

/** The issues of `plan` against a full run on a fresh copy (no memo keyed by its items can answer), JSON byte for byte. */
function expectIssuesAsFull(plan: cmd.PlanData): cmd.Issue[] {
  const copy = structuredClone(plan);
  const issues = cmd.validatePlan(plan);
  const full = cmd.validatePlan(copy);
  expect(issues).toEqual(full);
  expect(derivedJson('issues', plan)).toBe(JSON.stringify({ issues: full }));
  // DJ3: the timeline's issues are those of the whole list of live activities.
  const live = liveNodeIds(copy);
  const row = (a: cmd.Activity) => ({ kind: 'activity' as const, code: cmd.nodeCodes(copy).get(a.id)?.code, title: a.title, id: a.id });
  const timeline = timelineIssues(copy.activities.filter((a) => live.has(a.id)), row);
  const mine = full.filter((i) => i.rule.startsWith('TL'));
  expect(mine).toEqual(expect.arrayContaining(timeline.map((t) => expect.objectContaining({ rule: t.rule, entity: t.entity, params: t.params, message: t.message }))));
  expect(mine.length).toBe(timeline.length);
  return issues;
}

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

  it('[DJ2][DJ3][DJ4] after each of 200 random edits on a real Y.Doc, the issues and their JSON equal a full run; unchanged activities keep their issue objects', () => {
    const { net, a, b, projection, counter, origin } = randomEditRig(1819);
    const types = ['chronological', 'parallel', 'overlapping'] as const;
    let kept = 0;
    let seen = new Set<cmd.Issue>();
    let timeline = 0;
    for (let step = 0; step < 200; step++) {
      const gen = net.gen;
      const doc = prng.bool(gen) ? a : b;
      const activities = idsOf(nodesMap(doc), 'activity');
      const pick = (xs: string[]): string | undefined => (xs.length ? prng.oneOf(gen, xs) : undefined);
      const act = pick(activities);
      const date = (): string | null => (prng.int32(gen, 0, 4) === 0 ? null : `202${prng.int32(gen, 4, 8)}-0${prng.int32(gen, 1, 9)}-1${prng.int32(gen, 0, 9)}`);
      const r = prng.int32(gen, 0, 11);
      if (r === 0 && act) cmd.setField(doc, 'activity', act, 'budget', prng.bool(gen) ? null : { amount: prng.int32(gen, 1, 9) * 100, currency: 'USD' }, origin);
      else if (r === 1 && act) cmd.setField(doc, 'activity', act, prng.bool(gen) ? 'start' : 'end', date(), origin);
      else if (r === 2 && act) cmd.setField(doc, 'activity', act, 'responsible', prng.bool(gen) ? '' : 'Ministry', origin);
      else if (r === 3 && act) {
        const deps = Array.from({ length: prng.int32(gen, 0, 2) }, () => ({ activityId: pick(activities)!, type: prng.oneOf(gen, [...types]) }));
        cmd.setNodeField(doc, act, 'dependencies', deps.filter((d, i) => deps.findIndex((x) => x.activityId === d.activityId) === i), origin);
      } else if (r === 4 && act) cmd.setField(doc, 'activity', act, 'funding', prng.bool(gen) ? { kind: 'external', funder: prng.bool(gen) ? '' : 'Donor', status: 'pledged' } : null, origin);
      else if (r === 5) {
        const review = pick(idsOf(reviewsMap(doc)));
        if (review) cmd.setField(doc, 'review', review, prng.bool(gen) ? 'start' : 'end', date(), origin);
      } else if (r === 6 && act) cmd.setText(doc, { kind: 'node', id: act, field: 'title' }, `Renamed ${step}`, origin);
      else randomCommand(net, doc === a ? 0 : 1, counter);
      net.deliverSome(prng.int32(gen, 0, 3));
      if (step % 3 === 0) net.flushAll();
      const issues = expectIssuesAsFull(projection.plan);
      kept += issues.filter((i) => seen.has(i)).length;
      timeline += issues.filter((i) => i.rule.startsWith('TL')).length;
      seen = new Set(issues);
    }
    // The memos did their work: many issues were the very objects of the step before; the timeline's rules were met.
    expect(kept).toBeGreaterThan(200);
    expect(timeline).toBeGreaterThan(0);
    projection.destroy();
  });

  it('[DJ2] a plan changed in place is never answered from a memo; issues that compare equal keep the order a full run gives', () => {
    const plan = fullPlan();
    expectIssuesAsFull(plan);
    const [first, second] = plan.activities as [cmd.Activity, cmd.Activity];
    first.responsible = '';
    first.budget = null;
    expectIssuesAsFull(plan);
    first.start = '2031-01-01';
    first.end = '2030-01-01';
    second.title = 'Changed in place';
    expectIssuesAsFull(plan);
    plan.horizonStart = '2032-01-01';
    plan.goals[0]!.end = '2020-01-01';
    expectIssuesAsFull(plan);
    // Two dependencies on one missing activity: two V7 issues that differ only in their parameters' order of making.
    first.dependencies = [{ activityId: 'gone', type: 'chronological' }, { activityId: 'gone', type: 'parallel' }];
    expectIssuesAsFull(plan);
  });

  it('[DJ4] listJson is JSON.stringify of the list, byte for byte, after items are added, removed and replaced', () => {
    const gen = prng.create(7);
    let list: object[] = Array.from({ length: 3000 }, (_, i) => ({ i, text: `item "${i}" \u2028`, nested: { a: [i, null] } }));
    for (let step = 0; step < 50; step++) {
      expect(listJson(list)).toBe(JSON.stringify(list));
      const at = prng.int32(gen, 0, list.length - 1);
      const r = prng.int32(gen, 0, 2);
      list = [...list];
      if (r === 0) list.splice(at, 1);
      else if (r === 1) list.splice(at, 0, { added: step });
      else list[at] = { replaced: step, u: undefined };
    }
    expect(listJson([])).toBe('[]');
  });

  it('[DJ5] spending kept for the reviews is not used once a review or its entries changed, in place or not', () => {
    const plan = fullPlan();
    const review = { id: 'rv-dj5', kind: 'yearly' as const, label: 'Y', start: '2026-01-01', end: '2026-12-31', archived: false, reporting: 'period' as const, baselineSnapshotId: null };
    const full = (p: cmd.PlanData) => cmd.rollupBudget(structuredClone(p));
    const base = { ...plan, reviews: [...plan.reviews, { ...(plan.reviews[0] ?? {}), ...review, activities: [{ activityId: plan.activities[0]!.id, expenditure: { amount: 10, currency: 'USD' } }], indicators: [] }] } as cmd.PlanData;
    expect(cmd.rollupBudget(base)).toEqual(full(base));
    const entry = base.reviews.at(-1)!.activities[0]!;
    entry.expenditure = { amount: 25, currency: 'USD' };
    expect(cmd.rollupBudget(base)).toEqual(full(base));
    base.reviews.at(-1)!.archived = true;
    expect(cmd.rollupBudget(base)).toEqual(full(base));
    base.reviews.at(-1)!.archived = false;
    base.reviews.at(-1)!.activities.push({ ...entry, activityId: plan.activities[1]!.id });
    expect(cmd.rollupBudget(base)).toEqual(full(base));
  });
  it('[DJ6] rows found by position: rows that shift, items swapped at the same places, an id changed in place and archived rows give what a full run gives', () => {
    const expectAsFull = (plan: cmd.PlanData): void => {
      expectIssuesAsFull(plan);
      const full = cmd.rollupBudget(structuredClone(plan));
      const budget = cmd.rollupBudget(plan);
      expect(budget).toEqual(full);
      expect(stringifyBudget(budget)).toBe(JSON.stringify(full));
    };
    const plan = fullPlan();
    const first = plan.activities[0]!;
    plan.reviews = [{ ...(plan.reviews[0] ?? {}), id: 'rv-dj6', kind: 'yearly', label: 'Y', start: '2026-01-01', end: '2026-12-31', archived: false, reporting: 'period', baselineSnapshotId: null, activities: [{ activityId: first.id, expenditure: { amount: 7, currency: 'USD' }, result: '', progress: '', risksMaterialised: '' }], indicators: [] } as cmd.Review];
    expectAsFull(plan);
    // A row added first: every later row moves one place.
    const added = { ...first, id: 'dj6-added', title: 'Added first', order: 'a', budget: { amount: 3, currency: 'EUR' } };
    const shifted = { ...plan, activities: [added, ...plan.activities] };
    expectAsFull(shifted);
    expectAsFull(plan);
    // Other items at the very same places (same ids, parents, orders): the tree is kept, the rows are not the last ones.
    const swapped = structuredClone(plan);
    swapped.activities[1]!.title = 'Swapped';
    swapped.activities[1]!.budget = null;
    swapped.activities[0]!.responsible = '';
    expectAsFull(swapped);
    expectAsFull(plan);
    // An id changed in place: the row's spending, issues and line follow the new id.
    first.id = 'dj6-renamed';
    expectAsFull(plan);
    plan.activities[1]!.id = 'dj6-renamed-2';
    expectAsFull(plan);
    // An archived output: its activities are not live, the others keep their places.
    const output = plan.outputs.find((o) => plan.activities.some((a) => a.outputId === o.id))!;
    output.archived = true;
    expectAsFull(plan);
    output.archived = false;
    expectAsFull(plan);
  });
});

/** Budget (with each option) and issues of `plan` against full runs on a fresh copy (no state, no memo by item), JSON byte for byte. */
function expectAllAsFull(plan: cmd.PlanData): void {
  expectIssuesAsFull(plan);
  for (const opts of [{}, { asOf: '2025-06-30' }, { reviewId: plan.reviews[0]?.id ?? 'none' }]) {
    const full = cmd.rollupBudget(structuredClone(plan), opts);
    const budget = cmd.rollupBudget(plan, opts);
    expect(budget).toEqual(full);
    expect(stringifyBudget(budget)).toBe(JSON.stringify(full));
  }
}

describe('per-row facts owned by the plan (SPEC DJ7)', () => {
  it('[DJ7] a projection\'s plans name its state, which copies do not carry and the plan\'s data does not show', () => {
    const doc = docOf(fullPlan());
    const projection = new PlanProjection(doc);
    const plan = projection.plan;
    expect(planStateOf(plan)).toBe(projection.state);
    expect(Object.keys(plan)).not.toContain(PLAN_STATE.toString());
    expect(planStateOf(structuredClone(plan))).toBeUndefined();
    expect(planStateOf({ ...plan })).toBeUndefined();
    expect(JSON.stringify(plan)).toBe(JSON.stringify(readPlan(doc)));
    expect(plan).toEqual(readPlan(doc));
    cmd.setField(doc, 'activity', plan.activities[0]!.id, 'budget', { amount: 5, currency: 'USD' }, { source: 'server', reason: 'test' });
    expect(planStateOf(projection.plan)).toBe(projection.state);
    projection.destroy();
  });

  it('[DJ7][DJ8][DJ9] rows kept by position in a plan\'s state: rows that shift, other items at the same places, fields and ids changed in place, funding lines, archived rows give what a full run gives', () => {
    // One state for every plan object below, as one projection's plans share theirs.
    const state = new PlanState();
    const own = (p: cmd.PlanData): cmd.PlanData => {
      bindPlanState(p, state);
      return p;
    };
    const plan = own(fullPlan());
    const first = plan.activities[0]!;
    plan.reviews = [{ ...(plan.reviews[0] ?? {}), id: 'rv-dj7', kind: 'yearly', label: 'Y', start: '2026-01-01', end: '2026-12-31', archived: false, reporting: 'period', baselineSnapshotId: null, activities: [{ activityId: first.id, expenditure: { amount: 7, currency: 'USD' }, result: '', progress: '', risksMaterialised: '' }, { activityId: 'no-such-activity', expenditure: null, result: '', progress: '', risksMaterialised: '' }], indicators: [] } as cmd.Review];
    expectAllAsFull(plan);
    expectAllAsFull(plan);
    // Fields changed in place on the very items the state holds by position.
    first.title = 'Changed in place';
    first.budget = { amount: 11, currency: 'EUR' };
    first.responsible = '';
    expectAllAsFull(plan);
    first.start = '2031-01-01';
    first.end = '2030-01-01';
    first.funding = { kind: 'external', funder: '', status: 'pledged' } as cmd.Activity['funding'];
    expectAllAsFull(plan);
    // A review entry changed in place (spending and V24 are read again).
    plan.reviews[0]!.activities[1]!.activityId = plan.activities[1]!.id;
    expectAllAsFull(plan);
    plan.reviews[0]!.activities[0]!.expenditure = { amount: 9, currency: 'USD' };
    expectAllAsFull(plan);
    // A row added first: every later row moves one place.
    const added = { ...first, id: 'dj7-added', title: 'Added first', order: 'a', budget: { amount: 3, currency: 'EUR' } };
    expectAllAsFull(own({ ...plan, activities: [added, ...plan.activities] }));
    expectAllAsFull(plan);
    // Other items at the very same places (same ids, parents, orders).
    const swapped = own(structuredClone(plan));
    swapped.activities[1]!.title = 'Swapped';
    swapped.activities[1]!.budget = null;
    expectAllAsFull(swapped);
    expectAllAsFull(plan);
    // One item replaced at its place (as a projection does after an edit), then the plan before it again.
    const replaced = own({ ...plan, activities: plan.activities.map((a, i) => (i === 1 ? { ...a, title: 'Replaced' } : a)) });
    expectAllAsFull(replaced);
    expectAllAsFull(plan);
    // Ids changed in place: spending, issues and lines follow the new ids.
    first.id = 'dj7-renamed';
    expectAllAsFull(plan);
    // Funding lines: a line's amount changed, then the line moved to another row (rows with lines are checked through their memos).
    const line = plan.fundingLines[0]!;
    const rest = plan.fundingLines.slice(1);
    expectAllAsFull(own({ ...plan, fundingLines: [{ ...line, amount: { amount: 12_345, currency: 'USD' } }, ...rest] }));
    expectAllAsFull(own({ ...plan, fundingLines: [{ ...line, activityId: plan.activities[1]!.id }, ...rest] }));
    expectAllAsFull(plan);
    // An archived output: its activities are not live, the others keep their places.
    const output = plan.outputs.find((o) => plan.activities.some((a) => a.outputId === o.id))!;
    output.archived = true;
    expectAllAsFull(plan);
    output.archived = false;
    expectAllAsFull(plan);
  });

  it('[DJ7][DJ8][DJ9] two projections of two plans alternating in one thread: each answers for its own plan', () => {
    const other = fullPlan();
    other.activities = other.activities.map((a, i) => ({ ...a, title: `Other ${i}`, budget: i % 2 ? null : { amount: 100 + i, currency: 'USD' } }));
    const docs = [docOf(fullPlan()), docOf(other)];
    const projections = docs.map((d) => new PlanProjection(d));
    const origin = { source: 'server', reason: 'test' } as const;
    for (let step = 0; step < 12; step++) {
      const k = step % 2;
      const plan = projections[k]!.plan;
      const id = plan.activities[step % plan.activities.length]!.id;
      if (step % 3 === 0) cmd.setText(docs[k]!, { kind: 'node', id, field: 'title' }, `Step ${step}`, origin);
      else cmd.setField(docs[k]!, 'activity', id, 'budget', step % 4 === 1 ? null : { amount: step * 10, currency: 'EUR' }, origin);
      for (const p of projections) {
        expect(p.plan).toEqual(readPlan(p.doc));
        expectAllAsFull(p.plan);
        expect(derivedJson('budget', p.plan)).toBe(JSON.stringify(cmd.rollupBudget(structuredClone(p.plan))));
      }
    }
    expect(planStateOf(projections[0]!.plan)).not.toBe(planStateOf(projections[1]!.plan));
    for (const p of projections) p.destroy();
  });

  it('[DJ7] a dropped projection leaves nothing of its plan behind: its items are collected', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const refs = ((): WeakRef<object>[] => {
      const doc = docOf(fullPlan());
      const projection = new PlanProjection(doc);
      for (let i = 0; i < 3; i++) {
        const plan = projection.plan;
        cmd.rollupBudget(plan);
        cmd.rollupBudget(plan, { asOf: '2025-06-30' });
        derivedJson('issues', plan);
        derivedJson('budget', plan);
        cmd.setField(doc, 'activity', plan.activities[i % plan.activities.length]!.id, 'budget', { amount: i, currency: 'USD' }, { source: 'server', reason: 'test' });
      }
      const plan = projection.plan;
      cmd.rollupBudget(plan);
      cmd.validatePlan(plan);
      const out = [new WeakRef(plan), new WeakRef(plan.activities[0]!), new WeakRef(plan.activities), new WeakRef(projection.state)];
      projection.destroy();
      doc.destroy();
      return out;
    })();
    // A WeakRef's target lives to the end of the job that made it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(refs.map((r) => r.deref() === undefined)).toEqual([true, true, true, true]);
  });
});

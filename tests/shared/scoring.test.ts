import en from '../../shared/i18n/en/index.js';
import { describe, it, expect } from 'vitest';
import { rankGoals } from '../../shared/domain/scoring.js';
import { handbookScoring, plan } from './helpers/fixtures.js';

const crit = (ids: string[]) => ids.map((id) => ({ id, title: id }));
const people = (spec: [string, string][]) => spec.map(([id, committee]) => ({ id, name: id, committee }));

describe('scoring', () => {
  it('[SC10] the handbook table: refugees 8 ranks above potable water 7', () => {
    for (const mode of ['individual', 'agreed'] as const) {
      const { goals } = rankGoals(handbookScoring(mode));
      expect(goals.map((g) => [g.goalId, g.total, g.rank])).toEqual([
        ['refugees', 8, 1],
        ['water', 7, 2],
      ]);
      const water = goals.find((g) => g.goalId === 'water')!;
      expect(water.maxTotal).toBe(8);
      expect(water.criteria.find((c) => c.criterionId === 'priority')!.notes).toEqual([
        'if access to potable water figures high on the development agenda',
      ]);
      // The table's criterion order differs from the list; results follow criterion ids.
      expect(water.criteria.map((c) => [c.criterionId, c.score])).toEqual([
        ['rally', 1],
        ['priority', 2],
        ['straightforward', 2],
        ['independent', 2],
      ]);
    }
  });

  it('[SC1] only 0, 1 and 2 count', () => {
    const p = plan({ participants: people([['a', 'imc'], ['b', 'ncc']]), criteria: crit(['c']), goals: [{ id: 'g', title: 'G' }] });
    p.scores.push({ goalId: 'g', criterionId: 'c', participantId: 'a', value: 2 }, { goalId: 'g', criterionId: 'c', participantId: 'b', value: 7 });
    const [g] = rankGoals(p).goals;
    expect(g!.criteria[0]!.count).toBe(1);
    expect(g!.total).toBe(2);
  });

  it('[SC2] agreed score wins over the mean; mean over live participants who scored', () => {
    const p = plan({
      participants: [...people([['a', 'imc'], ['b', 'ncc'], ['c', 'none']]), { id: 'gone', name: 'gone', archived: true }],
      criteria: crit(['c1', 'c2']),
      goals: [{ id: 'g', title: 'G' }],
      scores: [
        { goalId: 'g', criterionId: 'c1', participantId: 'a', value: 2 },
        { goalId: 'g', criterionId: 'c1', participantId: 'b', value: 1 },
        { goalId: 'g', criterionId: 'c1', participantId: 'gone', value: 0 },
        { goalId: 'g', criterionId: 'c2', participantId: 'a', value: 0 },
      ],
      agreedScores: [{ goalId: 'g', criterionId: 'c2', value: 2 }],
    });
    const [g] = rankGoals(p).goals;
    expect(g!.criteria.map((c) => [c.score, c.source, c.count])).toEqual([
      [1.5, 'mean', 2],
      [2, 'agreed', 1],
    ]);
    expect(g!.total).toBe(3.5);
  });

  it('[SC2] archived criteria and goals do not count', () => {
    const p = plan({
      participants: people([['a', 'imc']]),
      criteria: [{ id: 'c1', title: 'c1' }, { id: 'c2', title: 'c2', archived: true }],
      goals: [{ id: 'g', title: 'G' }, { id: 'old', title: 'Old', archived: true }],
      scores: [
        { goalId: 'g', criterionId: 'c1', participantId: 'a', value: 1 },
        { goalId: 'g', criterionId: 'c2', participantId: 'a', value: 2 },
      ],
    });
    const r = rankGoals(p);
    expect(r.goals.map((g) => g.goalId)).toEqual(['g']);
    expect(r.goals[0]!.total).toBe(1);
    expect(r.goals[0]!.maxTotal).toBe(2);
  });

  it('[SC3] a criterion nobody scored makes the total unknown, not a sum with 0', () => {
    const p = plan({
      participants: people([['a', 'imc']]),
      criteria: crit(['c1', 'c2']),
      goals: [{ id: 'g', title: 'G' }],
      scores: [{ goalId: 'g', criterionId: 'c1', participantId: 'a', value: 2 }],
    });
    const [g] = rankGoals(p).goals;
    expect(g!.total).toBeNull();
    expect(g!.partialTotal).toBe(2);
    expect(g!.rank).toBeNull();
    expect(g!.criteria[1]).toMatchObject({ score: null, source: 'none', min: null, max: null, stdev: null });
  });

  it('[SC4] ties keep display order and share a competition rank; rejected goals are not ranked', () => {
    const goals = ['g1', 'g2', 'g3', 'g4', 'g5'].map((id) => ({ id, title: id }));
    const value: Record<string, number> = { g1: 1, g2: 2, g3: 2, g4: 0, g5: 2 };
    const p = plan({
      participants: people([['a', 'imc']]),
      criteria: crit(['c']),
      goals: goals.map((g) => (g.id === 'g5' ? { ...g, status: 'rejected' } : g)),
      agreedScores: goals.map((g) => ({ goalId: g.id, criterionId: 'c', value: value[g.id] })),
    });
    const r = rankGoals(p);
    expect(r.goals.map((g) => [g.goalId, g.rank, g.tied])).toEqual([
      ['g2', 1, true],
      ['g3', 1, true],
      ['g1', 3, false],
      ['g4', 4, false],
      ['g5', null, false],
    ]);
  });

  it('[SC5] spread per criterion and the disagreement flag', () => {
    const p = plan({
      participants: people([['a', 'imc'], ['b', 'ncc'], ['c', 'none']]),
      criteria: crit(['split', 'close']),
      goals: [{ id: 'g', title: 'G' }],
      scores: [
        { goalId: 'g', criterionId: 'split', participantId: 'a', value: 0 },
        { goalId: 'g', criterionId: 'split', participantId: 'b', value: 2 },
        { goalId: 'g', criterionId: 'close', participantId: 'a', value: 1 },
        { goalId: 'g', criterionId: 'close', participantId: 'b', value: 2 },
        { goalId: 'g', criterionId: 'close', participantId: 'c', value: 2 },
      ],
    });
    const [g] = rankGoals(p).goals;
    expect(g!.criteria[0]).toMatchObject({ min: 0, max: 2, stdev: 1, disagreement: true, count: 2 });
    expect(g!.criteria[1]).toMatchObject({ min: 1, max: 2, disagreement: false, count: 3 });
    expect(g!.criteria[1]!.stdev).toBeCloseTo(0.471405, 5);
    expect(g!.disagreement).toBe(true);
    expect(rankGoals(p, { disagreementSpread: 1 }).goals[0]!.criteria[1]!.disagreement).toBe(true);
  });

  it('[SC5] an agreed score settles a dispute; the spread stays visible', () => {
    const p = plan({
      participants: people([['a', 'imc'], ['b', 'ncc']]),
      criteria: crit(['split']),
      goals: [{ id: 'g', title: 'G' }],
      scores: [
        { goalId: 'g', criterionId: 'split', participantId: 'a', value: 0 },
        { goalId: 'g', criterionId: 'split', participantId: 'b', value: 2 },
      ],
    });
    expect(rankGoals(p).goals[0]!.disagreement).toBe(true);
    p.agreedScores.push({ goalId: 'g', criterionId: 'split', value: 1 });
    const [g] = rankGoals(p).goals;
    expect(g!.criteria[0]).toMatchObject({ min: 0, max: 2, disagreement: false, score: 1, source: 'agreed' });
    expect(g!.disagreement).toBe(false);
  });

  it('[SC11] who has scored each cell, and who is still to score each goal', () => {
    const p = plan({
      participants: people([['a', 'imc'], ['b', 'ncc'], ['c', 'none']]),
      criteria: crit(['x', 'y']),
      goals: [{ id: 'g', title: 'G' }, { id: 'h', title: 'H' }],
      scores: [
        { goalId: 'g', criterionId: 'x', participantId: 'b', value: 1 },
        { goalId: 'g', criterionId: 'x', participantId: 'a', value: 1 },
        { goalId: 'g', criterionId: 'y', participantId: 'a', value: 2 },
        { goalId: 'h', criterionId: 'x', participantId: 'c', value: 2 },
        { goalId: 'h', criterionId: 'y', participantId: 'c', value: 2 },
      ],
    });
    const byId = (id: string) => rankGoals(p).goals.find((x) => x.goalId === id)!;
    const [g, h] = [byId('g'), byId('h')];
    expect(g!.criteria.map((c) => c.scorers)).toEqual([['a', 'b'], ['a']]);
    expect(g!.waitingFor).toEqual(['b', 'c']);
    expect(h!.waitingFor).toEqual(['a', 'b']);
    p.participants.find((x) => x.id === 'b')!.archived = true;
    expect(byId('g').waitingFor).toEqual(['c']);
  });

  it('[SC6] tied goals produce a warning', () => {
    const p = plan({ criteria: crit(['c']), goals: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], agreedScores: [{ goalId: 'a', criterionId: 'c', value: 1 }, { goalId: 'b', criterionId: 'c', value: 1 }] });
    expect(rankGoals(p).warnings).toEqual([expect.objectContaining({ rule: 'SC6', goalIds: ['a', 'b'] })]);
  });

  it('[SC7] more selected goals than the handful warns (default 5, configurable)', () => {
    const goals = Array.from({ length: 6 }, (_, i) => ({ id: `g${i}`, title: `G${i}`, status: 'selected' }));
    const p = plan({ goals });
    expect(rankGoals(p).warnings.map((w) => w.rule)).toEqual(['SC7']);
    expect(rankGoals(p, { handful: 6 }).warnings).toEqual([]);
    expect(rankGoals(plan({ goals: goals.slice(0, 5) })).warnings).toEqual([]);
    expect(rankGoals(plan({ goals: goals.slice(0, 3), handful: 2 })).warnings.map((w) => w.rule)).toEqual(['SC7']);
  });

  it('[SC8] goals that cannot be ranked yet are named in a warning', () => {
    const p = plan({ criteria: crit(['c']), goals: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], agreedScores: [{ goalId: 'a', criterionId: 'c', value: 1 }] });
    expect(rankGoals(p).warnings).toEqual([expect.objectContaining({ rule: 'SC8', goalIds: ['b'] })]);
  });

  it('[L30] ranking warnings carry params; the English catalogue words them as their message', () => {
    const tie = rankGoals(plan({ criteria: crit(['c']), goals: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }, { id: 'x', title: 'X' }], agreedScores: [{ goalId: 'a', criterionId: 'c', value: 1 }, { goalId: 'b', criterionId: 'c', value: 1 }] })).warnings;
    const many = rankGoals(plan({ goals: Array.from({ length: 3 }, (_, i) => ({ id: `g${i}`, title: `G${i}`, status: 'selected' })), handful: 2 })).warnings;
    const warnings = [...tie, ...many];
    expect(warnings.map((w) => [w.rule, w.params])).toEqual([['SC6', { count: 2, total: 1 }], ['SC8', { count: 1 }], ['SC7', { count: 3, handful: 2 }]]);
    const words = en.scoring.warnings as Record<string, string>;
    for (const w of warnings) {
      const msg = words[`${w.rule}_${w.params.count === 1 ? 'one' : 'other'}`]!.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String((w.params as Record<string, unknown>)[k]));
      expect(msg).toBe(w.message);
    }
  });

  it('[SC9] spread between IMC and NCC members per criterion and per goal', () => {
    const p = plan({
      participants: people([['i1', 'imc'], ['i2', 'imc'], ['n1', 'ncc'], ['x', 'none']]),
      criteria: crit(['c1', 'c2']),
      goals: [{ id: 'g', title: 'G' }],
      scores: [
        { goalId: 'g', criterionId: 'c1', participantId: 'i1', value: 2 },
        { goalId: 'g', criterionId: 'c1', participantId: 'i2', value: 1 },
        { goalId: 'g', criterionId: 'c1', participantId: 'n1', value: 0 },
        { goalId: 'g', criterionId: 'c1', participantId: 'x', value: 2 },
        { goalId: 'g', criterionId: 'c2', participantId: 'i1', value: 2 },
      ],
    });
    const [g] = rankGoals(p).goals;
    expect(g!.criteria[0]!.groups).toEqual({ imc: 1.5, ncc: 0, gap: 1.5 });
    expect(g!.criteria[1]!.groups).toEqual({ imc: 2, ncc: null, gap: null });
    expect(g!.groups).toEqual({ imc: 3.5, ncc: null, gap: null });
  });
});

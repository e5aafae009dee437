import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../shared/domain/diff.js';
import { rankGoals, rankingForPrivacy, scorerNamesShown } from '../../shared/domain/scoring.js';
import { setPlanField } from '../../shared/commands/meta.js';
import { checkChange } from '../../shared/rules/update-gate.js';
import { readPlan } from '../../shared/schema/read.js';
import type { PlanData } from '../../shared/schema/types.js';
import { buildPoaDocument } from '../../server/export/poa-model.js';
import { namedScoresAllowed } from '../../server/export/tables.js';
import { docOf, handbookScoring } from './helpers/fixtures.js';

const SERVER = { source: 'server', reason: 'test' } as const;

describe('anonymous scoring (SPEC SC20-SC22)', () => {
  it('[SC20] only a facilitator switches anonymous scoring (update gate G12); the command checks the value', () => {
    const set = { op: 'set', path: ['meta', 'anonymousScoring'], put: { kind: 'value', value: true } } as const;
    expect(checkChange({ canFacilitate: false, participantId: 'p1' }, { criteriaLocked: false }, set)).toMatchObject({ rule: 'G12', code: 'facilitator-setting', message: expect.stringMatching(/anonymous scoring/) });
    expect(checkChange({ canFacilitate: true, participantId: 'p1' }, { criteriaLocked: false }, set)).toBeNull();
    expect(checkChange({ canFacilitate: true, participantId: 'p1' }, { criteriaLocked: false }, { ...set, put: { kind: 'value', value: 'yes' } })).toMatchObject({ rule: 'G8' });
    const doc = docOf(handbookScoring());
    expect(readPlan(doc).anonymousScoring).toBe(false);
    expect(setPlanField(doc, 'anonymousScoring', true, SERVER).ok).toBe(true);
    expect(readPlan(doc).anonymousScoring).toBe(true);
    expect(setPlanField(doc, 'anonymousScoring', 'on' as never, SERVER).ok).toBe(false);
  });

  it('[SC21] while anonymous nobody is named: not in the cell, not in "who has scored", not in the ranking the server hands out, exports or the diff', () => {
    const open = handbookScoring();
    const anon: PlanData = { ...structuredClone(open), anonymousScoring: true, exportNamedScores: true };
    expect(scorerNamesShown(open, true)).toBe(true);
    expect(scorerNamesShown(open, false)).toBe(false);
    expect(scorerNamesShown({ ...open, exportNamedScores: true }, false)).toBe(true);
    expect(scorerNamesShown(anon, true)).toBe(false);

    const r = rankGoals(anon);
    expect(r.goals.some((g) => g.criteria.some((c) => c.scorers.length > 0))).toBe(true);
    const shown = rankingForPrivacy(anon, r);
    expect(shown.goals.every((g) => g.waitingFor.length === 0 && g.criteria.every((c) => c.scorers.length === 0))).toBe(true);
    expect(shown.goals.map((g) => g.criteria.map((c) => c.count))).toEqual(r.goals.map((g) => g.criteria.map((c) => c.count)));
    expect(shown.goals.map((g) => g.waitingCount)).toEqual(r.goals.map((g) => g.waitingFor.length));
    expect(rankingForPrivacy(open, rankGoals(open))).toEqual(rankGoals(open));

    expect(namedScoresAllowed(anon)).toBe(false);
    expect(buildPoaDocument(anon, { snapshot: null, generatedAt: '2026-12-01T00:00:00.000Z' }).ranking.named).toBeNull();
    expect(buildPoaDocument({ ...anon, anonymousScoring: false }, { snapshot: null, generatedAt: '2026-12-01T00:00:00.000Z' }).ranking.named).not.toBeNull();

    const later = structuredClone(anon);
    later.scores[0]!.value = later.scores[0]!.value === 2 ? 1 : 2;
    const d = diffPlans(anon, later).changes.filter((c) => c.entity.kind === 'score');
    expect(d).toHaveLength(1);
    const who = anon.participants.map((p) => p.name).filter(Boolean);
    expect(d[0]!.summary).toMatch(/^a participant's score for goal/);
    for (const name of who) expect(d[0]!.summary).not.toContain(name);
    expect(d[0]!.entity.id).toBe(`${later.scores[0]!.goalId}:${later.scores[0]!.criterionId}`);
  });
});

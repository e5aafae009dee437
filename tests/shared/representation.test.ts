import { describe, expect, it } from 'vitest';
import { categoriesOf, meetingRepresentation, planRepresentation, scoringRepresentation } from '../../shared/domain/representation.js';
import { plan } from './helpers/fixtures.js';

/** A register with a ministry, a diaspora association, a women's NGO and a local authority; two goals scored. */
function consultation() {
  return plan({
    stakeholders: [
      { id: 'min', organisation: 'Ministry of Planning', type: 'ministry', group: 'government', gender: 'male' },
      { id: 'dia', organisation: 'Diaspora council', type: 'diaspora-association', group: 'diaspora', gender: 'male', voices: ['migrant'] },
      { id: 'wom', organisation: 'Women migrants network', type: 'ngo', group: 'civil-society', gender: 'female', voices: ['women', 'vulnerable-group'] },
      { id: 'loc', organisation: 'Dakar region', type: 'local-authority', group: 'government' },
      { id: 'old', organisation: 'Dissolved body', type: 'migrant-association', archived: true },
    ],
    bodies: [
      { id: 'imc', kind: 'imc', name: 'IMC', imcLevel: 'technical', chairId: 'min', members: ['loc'] },
      { id: 'ncc', kind: 'ncc', name: 'NCC', members: ['dia', 'wom', 'ghost'] },
    ],
    meetings: [
      { id: 'm1', title: 'First IMC meeting', date: '2025-03-04', bodyId: 'imc', attendance: ['min', 'loc', 'old'] },
      { id: 'm2', title: 'Archived', archived: true },
    ],
    participants: [
      { id: 'pMin', name: 'Awa', stakeholderId: 'min', gender: 'female' },
      { id: 'pDia', name: 'Kofi', stakeholderId: 'dia' },
      { id: 'pFree', name: 'Musa', group: 'research', gender: 'male', committee: 'ncc' },
    ],
    criteria: [{ id: 'c1', title: 'Priority' }],
    goals: [
      { id: 'g1', title: 'Remittances', order: 'a' },
      { id: 'g2', title: 'Skills', order: 'b' },
    ],
    scores: [
      { goalId: 'g1', criterionId: 'c1', participantId: 'pMin', value: 2 },
      { goalId: 'g1', criterionId: 'c1', participantId: 'pDia', value: 1 },
      { goalId: 'g2', criterionId: 'c1', participantId: 'pMin', value: 1 },
      { goalId: 'g2', criterionId: 'c1', participantId: 'pFree', value: 2 },
    ],
  });
}

describe('representation meter (shared/domain/representation.ts)', () => {
  it('[RP1] checklist categories come from voices, group, gender and type of organisation', () => {
    expect(categoriesOf({ group: 'diaspora', gender: null, voices: [] })).toEqual(['diaspora']);
    expect(categoriesOf({ group: null, gender: 'female', voices: [] })).toEqual(['women']);
    expect(categoriesOf({ group: null, gender: null, voices: [], type: 'migrant-association' })).toEqual(['migrants']);
    expect(categoriesOf({ group: null, gender: null, voices: [], type: 'local-authority' })).toEqual(['local-authorities']);
    expect(categoriesOf({ group: 'civil-society', gender: 'male', voices: ['vulnerable-group', 'women'] })).toEqual(['women', 'vulnerable-groups']);
    expect(categoriesOf({ group: 'government', gender: 'male', voices: [] })).toEqual([]);
  });

  it('[RP2] [RP3] the whole plan: live register entries plus unlinked participants, by group, gender, voice and body', () => {
    const r = planRepresentation(consultation());
    expect(r.total).toBe(5); // four live entries + Musa (Awa and Kofi are their entries)
    expect(r.byGroup).toMatchObject({ government: 2, diaspora: 1, 'civil-society': 1, research: 1, 'private-sector': 0 });
    expect(r.byGender).toEqual({ female: 1, male: 3, other: 0, unknown: 1 });
    expect(r.byVoice).toEqual({ migrant: 1, diaspora: 0, women: 1, 'vulnerable-group': 1 });
    expect(r.byBody).toMatchObject({ imc: 2, ncc: 3, 'working-group': 0, none: 0 });
    expect(r.byCategory).toEqual({ migrants: 1, diaspora: 1, women: 1, 'vulnerable-groups': 1, 'local-authorities': 1 });
    expect(r.gaps).toEqual([]);
  });

  it('[RP2] [RP4] a meeting counts its live attendees and names what is missing', () => {
    const r = meetingRepresentation(consultation(), 'm1')!;
    expect(r.scope).toBe('meeting “First IMC meeting”');
    expect(r.total).toBe(2); // the archived entry is ignored
    expect(r.byCategory).toMatchObject({ 'local-authorities': 1, diaspora: 0 });
    expect(r.gaps).toEqual(['no migrant voice attended', 'no diaspora voice attended', 'no woman or women’s organisation attended', 'no vulnerable-group voice attended']);
    expect(meetingRepresentation(consultation(), 'm2')).toBeNull();
    expect(meetingRepresentation(consultation(), 'nope')).toBeNull();
  });

  it('[RP2] [RP4] the scoring round: who scored, with each goal naming the categories that have not scored it', () => {
    const r = scoringRepresentation(consultation());
    expect(r.total).toBe(3);
    // Awa is the representative of the ministry: her gender counts, not the entry's.
    expect(r.byGender).toEqual({ female: 1, male: 2, other: 0, unknown: 0 });
    expect(r.byCategory).toEqual({ migrants: 1, diaspora: 1, women: 1, 'vulnerable-groups': 0, 'local-authorities': 0 });
    expect(r.gaps).toEqual([
      'no vulnerable-group voice has scored any goal',
      'no local authority has scored any goal',
      'no migrant voice has scored goal 2 “Skills”',
      'no diaspora voice has scored goal 2 “Skills”',
    ]);
    // The same gaps as data, for screens in other languages (L10).
    expect(r.scopeKind).toBe('scoring');
    expect(r.goalGaps.map((g) => [g.category, g.code, g.title])).toEqual([['migrants', '2', 'Skills'], ['diaspora', '2', 'Skills']]);
    expect(meetingRepresentation(consultation(), 'm1')!.scopeKind).toBe('meeting');
  });

  it('[RP3] an empty plan has zero everywhere and every category as a gap', () => {
    const r = planRepresentation(plan({}));
    expect(r.total).toBe(0);
    expect(r.gaps).toHaveLength(5);
    expect(scoringRepresentation(plan({})).gaps).toHaveLength(5);
  });
});

import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { ROOT } from '../../shared/schema/roots.js';
import type { Writer } from '../../shared/rules/update-gate.js';
import { LIBRARY_KINDS, libraryFacets, searchLibrary, teamLibraryEntries } from '../../shared/domain/library.js';
import { BUILT_IN_LIBRARY, GFMD_ACTIVITIES, HANDBOOK_EXAMPLES } from '../../shared/domain/library-data.js';
import { libraryEntryById, planLibrary } from '../../shared/domain/library-all.js';
import { addTeamEntry, insertFromLibrary } from '../../shared/commands/library.js';
import { addNode } from '../../shared/commands/nodes.js';
import { archive } from '../../shared/commands/entity.js';
import { isId } from '../../shared/ids.js';
import { ME } from './helpers/fixtures.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };

function freshDoc(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan-1', title: 'Library' });
  return doc;
}

const byId = (id: string) => BUILT_IN_LIBRARY.find((e) => e.id === id)!;

describe('intervention library (LB)', () => {
  it('[LB1] the GFMD matrix gives 63 activities in 3 roundtables and 16 sub-headings; the handbook 44 boxes; ids are unique', () => {
    expect(GFMD_ACTIVITIES).toHaveLength(63);
    expect(GFMD_ACTIVITIES.every((e) => e.kind === 'gfmd-activity')).toBe(true);
    const perRoundtable = new Map<string, number>();
    for (const e of GFMD_ACTIVITIES) perRoundtable.set(e.roundtable, (perRoundtable.get(e.roundtable) ?? 0) + 1);
    expect([...perRoundtable.values()]).toEqual([36, 13, 14]);
    expect(new Set(GFMD_ACTIVITIES.map((e) => e.heading)).size).toBe(16);
    expect(new Set(GFMD_ACTIVITIES.map((e) => e.theme)).size).toBe(2);
    expect(HANDBOOK_EXAMPLES).toHaveLength(44);
    const ids = BUILT_IN_LIBRARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => isId(id))).toBe(true);
    for (const e of BUILT_IN_LIBRARY) {
      expect(e.title.length, e.id).toBeGreaterThan(5);
      expect(e.sectors.length, e.id).toBeGreaterThan(0);
      expect(LIBRARY_KINDS).toContain(e.kind);
    }
    // A few activities checked by title and agency (seed 000).
    expect(byId('gfmd-1a-1')).toMatchObject({ agencies: ['IOM'], heading: 'Matching labour supply and demand through temporary and circular migration' });
    expect(byId('gfmd-1a-1').title).toMatch(/selection, preparation, training and movement of workers/);
    expect(byId('gfmd-2b-6').title).toMatch(/tax incentives or relief/);
    expect(byId('gfmd-2b-6').agencies).toEqual(['IOM', 'UNDP']);
    expect(byId('gfmd-1h-1').agencies).toEqual(['IOM', 'UNHCR', 'UNODC']);
    expect(byId('gfmd-3a-3')).toMatchObject({ title: 'Mainstream migration into development strategies and policies', agencies: ['IOM', 'UNDP', 'UNFPA', 'UNHCR'] });
    expect(byId('gfmd-3c-5').agencies).toEqual(['IOM', 'UN-DESA', 'UNDP', 'UNFPA', 'UNHCR']);
    // The only activity without IOM (domain reference 10.1).
    expect(GFMD_ACTIVITIES.filter((e) => !e.agencies.includes('IOM')).map((e) => e.id)).toEqual(['gfmd-3b-2']);
    expect(libraryFacets(GFMD_ACTIVITIES).agencies).toEqual(['IOM', 'UN-DESA', 'UNDP', 'UNFPA', 'UNHCR', 'UNODC']);
    expect(byId('hb-box-16')).toMatchObject({ kind: 'handbook-example', countries: ['Philippines'], sectors: ['social-protection'] });
  });

  it('[LB2] search by keyword (all words, any case, accents ignored), theme, sector, agency and kind', () => {
    const all = BUILT_IN_LIBRARY;
    expect(searchLibrary(all, {})).toHaveLength(all.length);
    const remit = searchLibrary(all, { text: 'REMITTANCE Cost' });
    expect(remit.map((e) => e.id)).toEqual(expect.arrayContaining(['gfmd-2a-1', 'gfmd-2a-2', 'gfmd-2a-3', 'gfmd-2b-4']));
    expect(remit.every((e) => /remittance/i.test(JSON.stringify(e)) && /cost/i.test(JSON.stringify(e)))).toBe(true);
    expect(searchLibrary(all, { text: 'réintégration' }).map((e) => e.id)).toEqual(searchLibrary(all, { text: 'reintegration' }).map((e) => e.id));
    expect(searchLibrary(all, { text: 'zzz-nothing' })).toEqual([]);
    const odc = searchLibrary(all, { agency: 'unodc' });
    expect(odc.map((e) => e.id)).toEqual(['gfmd-1g-1', 'gfmd-1h-1', 'gfmd-1h-2', 'gfmd-1h-3', 'gfmd-1h-4', 'gfmd-1h-5', 'hb-box-6']);
    const theme2 = searchLibrary(all, { theme: 'Strengthening the links between migration policies and development policies' });
    expect(theme2).toHaveLength(14);
    const envGfmd = searchLibrary(all, { sector: 'environment', kind: 'gfmd-activity' });
    expect(envGfmd.map((e) => e.id)).toEqual(['gfmd-3c-5']);
    expect(searchLibrary(all, { sector: 'environment', kind: 'handbook-example' })).toHaveLength(4);
    expect(searchLibrary(all, { text: 'philippines', sector: 'health' }).map((e) => e.id)).toEqual(['hb-box-20']);
  });

  it('[LB3] an entry goes into the plan as a candidate goal, outcome, output or activity, keeping its source', () => {
    const doc = freshDoc();
    const goal = insertFromLibrary(doc, byId('gfmd-3a-3'), { as: 'goal' }, ME);
    if (!goal.ok) throw new Error(goal.error.message);
    const outcome = insertFromLibrary(doc, byId('gfmd-2b-3'), { as: 'outcome', parentId: goal.value }, ME);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const output = insertFromLibrary(doc, byId('hb-box-34'), { as: 'output', parentId: outcome.value }, ME);
    if (!output.ok) throw new Error(output.error.message);
    const activity = insertFromLibrary(doc, byId('gfmd-2a-3'), { as: 'activity', parentId: output.value }, ME);
    if (!activity.ok) throw new Error(activity.error.message);
    // Wrong level, missing parent: refused, nothing written.
    expect(insertFromLibrary(doc, byId('gfmd-2a-1'), { as: 'activity', parentId: goal.value }, ME).ok).toBe(false);
    expect(insertFromLibrary(doc, byId('gfmd-2a-1'), { as: 'output', parentId: 'missing' }, ME).ok).toBe(false);
    expect(insertFromLibrary(doc, { id: 'bad id!', title: 'x', sectors: [] }, { as: 'goal' }, ME).ok).toBe(false);
    const plan = readPlan(doc);
    expect(plan.goals).toHaveLength(1);
    expect(plan.goals[0]).toMatchObject({ title: byId('gfmd-3a-3').title, status: 'candidate', source: 'gfmd-3a-3', sectors: ['governance'] });
    expect(plan.outcomes[0]).toMatchObject({ goalId: goal.value, source: 'gfmd-2b-3', sectors: ['financial-services', 'economic-growth'] });
    expect(plan.outputs[0]).toMatchObject({ outcomeId: outcome.value, source: 'hb-box-34', title: 'Diaspora bonds' });
    expect(plan.activities).toHaveLength(1);
    expect(plan.activities[0]).toMatchObject({ outputId: output.value, source: 'gfmd-2a-3', title: byId('gfmd-2a-3').title });
    expect(libraryEntryById(plan, plan.activities[0]!.source!)?.agencies).toEqual(['IOM', 'UNDP']);
  });

  it('[LB4] a team adds its own entries, searched with the built-in ones; archived ones drop out; the gate checks hand-built ones', () => {
    const doc = freshDoc();
    const id = addTeamEntry(doc, { title: ' Remittance price comparison site ', objective: 'Lower costs', theme: 'Our ideas', agencies: ['Central bank'], sectors: ['financial-services'], countries: ['SN'] }, ME);
    if (!id.ok) throw new Error(id.error.message);
    expect(addTeamEntry(doc, { title: '  ' }, ME).ok).toBe(false);
    expect(addTeamEntry(doc, { title: 'x', sectors: ['nowhere' as never] }, ME).ok).toBe(false);
    let plan = readPlan(doc);
    expect(plan.libraryEntries).toHaveLength(1);
    const lib = planLibrary(plan);
    expect(lib).toHaveLength(BUILT_IN_LIBRARY.length + 1);
    expect(searchLibrary(lib, { agency: 'central bank' })).toEqual([
      { id: id.value, kind: 'team', title: 'Remittance price comparison site', objective: 'Lower costs', theme: 'Our ideas', roundtable: '', heading: '', agencies: ['Central bank'], sectors: ['financial-services'], countries: ['SN'], reference: '' },
    ]);
    const inserted = insertFromLibrary(doc, teamLibraryEntries(plan)[0]!, { as: 'goal' }, ME);
    expect(inserted.ok).toBe(true);
    expect(archive(doc, 'libraryEntry', id.value, ME).ok).toBe(true);
    plan = readPlan(doc);
    expect(teamLibraryEntries(plan)).toEqual([]);
    expect(libraryEntryById(plan, id.value)?.title).toBe('Remittance price comparison site'); // the source link still resolves
    const craft = (change: (d: Y.Doc) => void) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
      const sv = Y.encodeStateVector(d);
      change(d);
      return Y.encodeStateAsUpdate(d, sv);
    };
    const entry = (sectors: unknown) => (d: Y.Doc) => {
      const m = new Y.Map<unknown>();
      d.getMap(ROOT.libraryEntries).set('le9', m);
      m.set('title', new Y.Text('Hand-built'));
      m.set('sectors', sectors);
    };
    expect(judgeUpdate(doc, editor, craft(entry(['trade'])))).toBeNull();
    expect(judgeUpdate(doc, editor, craft(entry(['trade', 'trade'])))).toMatchObject({ rule: 'G8' });
    expect(judgeUpdate(doc, editor, craft((d) => (d.getMap(ROOT.nodes).set('x', new Y.Map()), (d.getMap(ROOT.nodes).get('x') as Y.Map<unknown>).set('source', 'not an id!'))))).toMatchObject({ rule: 'G8' });
  });
});

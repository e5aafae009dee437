import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as cmd from '../../shared/model.js';
import { initPlan } from '../../shared/schema/init.js';
import { readPlan } from '../../shared/schema/read.js';
import { ME } from './helpers/fixtures.js';

function id(r: cmd.Result<string>): string {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A goal > outcome > output > 2 activities, an indicator on the outcome, and a criterion. */
function plan() {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan', title: 'Plan', currency: 'USD' });
  const goal = id(cmd.addNode(doc, { kind: 'goal', title: 'Decent work abroad' }, ME));
  const outcome = id(cmd.addNode(doc, { kind: 'outcome', title: 'Fair recruitment', parentId: goal }, ME));
  const output = id(cmd.addNode(doc, { kind: 'output', title: 'Agencies licensed', parentId: outcome }, ME));
  const a1 = id(cmd.addNode(doc, { kind: 'activity', title: 'Draft the licence rules', parentId: output }, ME));
  const a2 = id(cmd.addNode(doc, { kind: 'activity', title: 'Train inspectors', parentId: output }, ME));
  const indicator = id(cmd.addIndicator(doc, { nodeId: outcome, name: 'Agencies licensed (%)' }, ME));
  return { doc, goal, outcome, output, a1, a2, indicator };
}

describe('archive bin (AR)', () => {
  it('AR1: lists archived items of every kind with what they sit under, never live ones', () => {
    const p = plan();
    expect(cmd.archivedItems(readPlan(p.doc))).toEqual([]);
    const criterion = readPlan(p.doc).criteria[0]!;
    expect(cmd.archiveCriterion(p.doc, criterion.id, ME).ok).toBe(true);
    expect(cmd.archiveNode(p.doc, p.a2, ME).ok).toBe(true);
    expect(cmd.archiveIndicator(p.doc, p.indicator, ME).ok).toBe(true);
    const section = readPlan(p.doc).sections[0]!;
    expect(cmd.archiveSection(p.doc, section.id, ME).ok).toBe(true);
    expect(cmd.archivedItems(readPlan(p.doc))).toEqual([
      { entity: 'activity', id: p.a2, title: 'Train inspectors', under: 'Agencies licensed', hiddenByParent: false },
      { entity: 'criterion', id: criterion.id, title: criterion.title, under: '', hiddenByParent: false },
      { entity: 'indicator', id: p.indicator, title: 'Agencies licensed (%)', under: 'Fair recruitment', hiddenByParent: false },
      { entity: 'section', id: section.id, title: section.title, under: '', hiddenByParent: false },
    ]);
    // Restoring through the bin's command brings each back (C3: only the flag flips).
    for (const item of cmd.archivedItems(readPlan(p.doc))) expect(cmd.restoreItem(p.doc, item.entity, item.id, ME).ok).toBe(true);
    expect(cmd.archivedItems(readPlan(p.doc))).toEqual([]);
  });

  it('AR2: counts the live rows and indicators an archive would hide, and marks items hidden by an archived parent', () => {
    const p = plan();
    expect(cmd.liveDescendants(readPlan(p.doc), p.goal)).toEqual({ nodes: 4, indicators: 1 });
    expect(cmd.liveDescendants(readPlan(p.doc), p.output)).toEqual({ nodes: 2, indicators: 0 });
    expect(cmd.liveDescendants(readPlan(p.doc), p.a1)).toEqual({ nodes: 0, indicators: 0 });
    cmd.archiveNode(p.doc, p.output, ME);
    // The archived output and its activities no longer count.
    expect(cmd.liveDescendants(readPlan(p.doc), p.goal)).toEqual({ nodes: 1, indicators: 1 });
    cmd.archiveNode(p.doc, p.a1, ME);
    cmd.archiveNode(p.doc, p.goal, ME);
    const items = cmd.archivedItems(readPlan(p.doc));
    expect(items.map((i) => [i.entity, i.hiddenByParent])).toEqual([
      ['goal', false],
      ['output', true],
      ['activity', true],
    ]);
  });
});

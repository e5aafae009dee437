import { expect } from 'vitest';
import * as Y from 'yjs';
import { addNode } from '../../shared/commands/nodes.js';
import { addSection } from '../../shared/commands/sections.js';
import { getText } from '../../shared/commands/text.js';
import { DEFAULT_SECTIONS } from '../../shared/schema/defaults.js';
import { localOrigin } from '../../shared/schema/origins.js';
import { readPlan } from '../../shared/model.js';

/**
 * Plan-shaped writes for tests of the sync transport (convergence, persistence, flow control,
 * fuzzing): everything goes through the shared commands into the plan's own roots, so the
 * update gate (SPEC G1-G11) accepts it, as it accepts an honest client's edits.
 */
export const ME = localOrigin('transport-test');

/** The plan title's Y.Text (every plan has one); fails the test when the doc has not synced it. */
export function titleText(doc: Y.Doc): Y.Text {
  const text = getText(doc, { kind: 'plan', field: 'title' });
  if (!text) throw new Error('the doc holds no plan title: not synced with a plan');
  return text;
}

/** Id of a section every new plan has (`DEFAULT_SECTIONS`): its body is a long text. */
export const FIRST_SECTION = DEFAULT_SECTIONS[0]!.id;

/**
 * The body Y.Text (long text, up to 200,000 characters) of section `id` (by default one every
 * new plan has); fails the test when the doc does not hold it (not synced with a plan).
 */
export function body(doc: Y.Doc, id = FIRST_SECTION): Y.Text {
  const text = getText(doc, { kind: 'section', id, field: 'body' });
  if (!text) throw new Error(`the doc holds no section ${id}: not synced with a plan`);
  return text;
}

/** The body text of section `id` as a string, or null while the doc does not hold the section. */
export function bodyString(doc: Y.Doc, id = FIRST_SECTION): string | null {
  return getText(doc, { kind: 'section', id, field: 'body' })?.toString() ?? null;
}

/** Adds a background section `id` (with a title) and returns its body. */
export function addBody(doc: Y.Doc, id: string, title = `Section ${id}`): Y.Text {
  const added = addSection(doc, { part: 'background', title, id }, ME);
  expect(added.ok, JSON.stringify(added)).toBe(true);
  return body(doc, id);
}

/** Adds a goal `id` with a title through the shared command (one transaction). */
export function addGoal(doc: Y.Doc, id: string, title = `Goal ${id}`): void {
  const added = addNode(doc, { kind: 'goal', id, title }, ME);
  expect(added.ok, JSON.stringify(added)).toBe(true);
}

/** Ids of the goals a doc holds, sorted. */
export function goalIds(doc: Y.Doc): string[] {
  return readPlan(doc).goals.map((g) => g.id).sort();
}

/** The doc's plain plan projection as canonical JSON text (for comparing replicas). */
export function planText(doc: Y.Doc): string {
  return JSON.stringify(readPlan(doc));
}

/**
 * Adds goal "Decent work abroad" > outcome > output > activity "Print leaflets" (with `fields`,
 * e.g. a budget) through the commands; returns the goal's and the activity's ids.
 */
export function addActivityChain(doc: Y.Doc, fields: Record<string, unknown> = {}): { goal: string; activity: string } {
  const must = (r: ReturnType<typeof addNode>): string => {
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const goal = must(addNode(doc, { kind: 'goal', title: 'Decent work abroad' }, ME));
  const outcome = must(addNode(doc, { kind: 'outcome', title: 'Fair recruitment', parentId: goal }, ME));
  const output = must(addNode(doc, { kind: 'output', title: 'Agencies licensed', parentId: outcome }, ME));
  const activity = must(addNode(doc, { kind: 'activity', title: 'Print leaflets', parentId: output, fields }, ME));
  return { goal, activity };
}

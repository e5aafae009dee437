import type * as Y from 'yjs';
import { isId } from '../ids.js';
import { fail, ok, type Result } from '../result.js';
import type { Origin } from '../schema/origins.js';
import type { LibraryEntry } from '../domain/library.js';
import type { SectorId } from '../domain/sectors.js';
import { add } from './entity.js';
import { addNode, type NodeField } from './nodes.js';

/**
 * Commands of the intervention library (LB3-LB4): taking an entry into the plan (as a candidate
 * goal, or as an outcome, output or activity under a parent), keeping its id as the node's
 * `source`, and adding the team's own entries.
 */

/** Where an inserted entry goes: a candidate goal, or a node under a parent of the level above. */
export type LibraryTarget = { as: 'goal' } | { as: 'outcome' | 'output' | 'activity'; parentId: string };

/**
 * LB3: inserts `entry` into the plan as a new node titled with the entry's title, its `source`
 * the entry's id; a goal comes in as a candidate for scoring, and goals and outcomes take the
 * entry's sectors. The parent must be a live node of the level above (addNode's rule). Returns
 * the new node's id.
 */
export function insertFromLibrary(doc: Y.Doc, entry: Pick<LibraryEntry, 'id' | 'title' | 'sectors'>, target: LibraryTarget, origin: Origin): Result<string> {
  if (!isId(entry.id)) return fail('invalid', 'a library entry needs a valid id', { key: 'refusals:badId' });
  const fields: Partial<Record<NodeField, unknown>> = { source: entry.id };
  if (target.as === 'goal' || target.as === 'outcome') fields.sectors = [...entry.sectors];
  if (target.as === 'goal') fields.status = 'candidate';
  return addNode(doc, { kind: target.as, parentId: target.as === 'goal' ? null : target.parentId, title: entry.title.slice(0, 2000), fields }, origin);
}

/** What a team writes for its own library entry (LB4); only the title is required. */
export interface NewTeamEntry {
  title: string;
  objective?: string;
  theme?: string;
  agencies?: string[];
  sectors?: SectorId[];
  countries?: string[];
}

/** LB4: adds an entry to the plan's own library; returns its id. */
export function addTeamEntry(doc: Y.Doc, input: NewTeamEntry, origin: Origin): Result<string> {
  if (typeof input.title !== 'string' || input.title.trim() === '') return fail('invalid', 'a library entry needs a title', { key: 'refusals:libraryTitle' });
  return add(doc, 'libraryEntry', { ...input, title: input.title.trim() }, origin);
}

import type { SectionPart } from './types.js';
import words from '../i18n/en/defaults.js';

/**
 * Starting content of every new plan, in Roundtable's own words. Ids are fixed so that docs
 * created separately still agree on them; teams may rename, reorder or archive them.
 */

/** The four default scoring criteria (the handbook's suggestions, reworded); English words from the `defaults` catalogue (L32). */
export const DEFAULT_CRITERIA: readonly { id: string; title: string; description: string }[] = Object.entries(words.criteria).map(([id, c]) => ({ id, ...c }));

/** Where each default section goes (its title is in the `defaults` catalogue, L32). */
const SECTION_PARTS: Record<keyof typeof words.sections, SectionPart> = {
  'bg-trends': 'background',
  'bg-frameworks': 'background',
  'bg-stakeholders': 'background',
  'bg-institutions': 'background',
  'bg-priorities': 'background',
  'annex-experts': 'annex',
  'annex-partners': 'annex',
  'annex-research': 'annex',
  'annex-tor': 'annex',
};

/** The Plan of Action's background items and annexes, as empty sections ready to write. */
export const DEFAULT_SECTIONS: readonly { id: string; part: SectionPart; title: string }[] = Object.entries(words.sections).map(([id, title]) => ({ id, part: SECTION_PARTS[id as keyof typeof SECTION_PARTS], title }));

/** A new plan's default texts in one language: each criterion's title and description, each section's title (by id). */
export interface DefaultTexts {
  criterion(id: string): { title: string; description: string };
  section(id: string): string;
}

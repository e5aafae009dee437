import type { SectionPart } from './types.js';

/**
 * Starting content of every new plan, in Roundtable's own words. Ids are fixed so that docs
 * created separately still agree on them; teams may rename, reorder or archive them.
 */

/** The four default scoring criteria (the handbook's suggestions, reworded). */
export const DEFAULT_CRITERIA: readonly { id: string; title: string; description: string }[] = [
  {
    id: 'crit-national-priority',
    title: 'Serves a major national development priority',
    description: 'Would pursuing this goal make a real difference to one of the country\'s top development priorities?',
  },
  {
    id: 'crit-broad-support',
    title: 'Brings most stakeholder groups on board',
    description: 'Can most of the groups taking part in the process get behind this goal?',
  },
  {
    id: 'crit-no-major-reform',
    title: 'Workable without major institutional change',
    description: 'Can the goal be pursued with the institutions as they are, without a large reorganisation first?',
  },
  {
    id: 'crit-independent',
    title: 'Does not wait on other goals',
    description: 'Can work start without first achieving other goals, or can the goals it relies on run alongside it?',
  },
];

/** The Plan of Action's background items and annexes, as empty sections ready to write. */
export const DEFAULT_SECTIONS: readonly { id: string; part: SectionPart; title: string }[] = [
  { id: 'bg-trends', part: 'background', title: 'Migration trends and how they interact with poverty and development' },
  { id: 'bg-frameworks', part: 'background', title: 'National planning instruments and the framework chosen for this work' },
  { id: 'bg-stakeholders', part: 'background', title: 'Who the stakeholders are, inside and outside government' },
  { id: 'bg-institutions', part: 'background', title: 'Institutional set-up and how consultation works' },
  { id: 'bg-priorities', part: 'background', title: 'Strategic goals and priorities in brief' },
  { id: 'annex-experts', part: 'annex', title: 'Local experts and research institutions working on migration and development' },
  { id: 'annex-partners', part: 'annex', title: 'What international organisations and NGOs already do in this field' },
  { id: 'annex-research', part: 'annex', title: 'Research and analysis already available for the country' },
  { id: 'annex-tor', part: 'annex', title: 'Terms of reference of the committees (IMC and NCC)' },
];

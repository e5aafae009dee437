/** Fixed texts of the documents Roundtable writes (print view, Word), in the plan's language (L8). */
export default {
  title: 'Plan of Action: {{title}}',
  untitled: 'Untitled plan',
  hint: 'Print view. Use your browser’s Print command (Ctrl+P, or ⌘P) to print it or save it as PDF; the matrices print on landscape pages.',
  ui: {
    language: 'Documents are written in',
    languageFixed: 'Documents are written in {{language}} (the facilitator decides).',
  },
  part: {
    background: '1. Background',
    programmes: '2. Planned programmes and interventions',
    matrix: 'Implementation Plan Matrix',
    funding: 'Funding',
    monitoring: 'Monitoring Implementation Matrix',
    annexes: '3. Annexes',
    comments: 'Annex: Comments',
    consultations: 'Consultations',
  },
  empty: {
    background: 'No background sections yet.',
    annexes: 'No annexes yet.',
    comments: 'Nobody has commented on this plan.',
  },
  sectors: {
    heading: "Sector coverage",
    intro: "The 14 sectors of the handbook's Annex C: how their checklist questions were answered, how many goals and outcomes name each sector, and whether the plan covers it (a goal or outcome names it), has considered it (checklist answered without a \"no\") or leaves it uncovered.",
    goals: "Goals",
    outcomes: "Outcomes",
  },
};

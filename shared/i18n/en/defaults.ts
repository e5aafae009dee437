/** A new plan's starting content (criteria, Plan of Action sections), written in the language the plan is created in (SPEC L32). */
export default {
  criteria: {
    'crit-national-priority': {
      title: 'Serves a major national development priority',
      description: "Would pursuing this goal make a real difference to one of the country's top development priorities?",
    },
    'crit-broad-support': {
      title: 'Brings most stakeholder groups on board',
      description: 'Can most of the groups taking part in the process get behind this goal?',
    },
    'crit-no-major-reform': {
      title: 'Workable without major institutional change',
      description: 'Can the goal be pursued with the institutions as they are, without a large reorganisation first?',
    },
    'crit-independent': {
      title: 'Does not wait on other goals',
      description: 'Can work start without first achieving other goals, or can the goals it relies on run alongside it?',
    },
  },
  sections: {
    'bg-trends': 'Migration trends and how they interact with poverty and development',
    'bg-frameworks': 'National planning instruments and the framework chosen for this work',
    'bg-stakeholders': 'Who the stakeholders are, inside and outside government',
    'bg-institutions': 'Institutional set-up and how consultation works',
    'bg-priorities': 'Strategic goals and priorities in brief',
    'annex-experts': 'Local experts and research institutions working on migration and development',
    'annex-partners': 'What international organisations and NGOs already do in this field',
    'annex-research': 'Research and analysis already available for the country',
    'annex-tor': 'Terms of reference of the committees (IMC and NCC)',
  },
};

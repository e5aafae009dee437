/**
 * Starting material for consultation rounds (SPEC CO8), written in Roundtable's own words from
 * the facts of the GFMD documents (domain reference 10.2-10.4): the roundtable sessions of the
 * Brussels (2007, seed 002) and Manila (2008, seed 004) meetings with their themes, guiding
 * questions and intended products, and recommendations of the Civil Society Day report (seed
 * 001) in its background / policy challenge / way forward form. Each entry has the shape of an
 * intervention-library entry (kind, title, text, theme, session, source seed) so the library can
 * take it over as it is. Plain data: English, like the handbook the facts come from.
 */

/** A GFMD roundtable session a facilitator can open a round from ("start from GFMD session 2.1"). */
export interface SeedSession {
  /** Stable id, usable as a round's `source`. */
  id: string;
  kind: 'gfmd-question';
  /** The session's subject, as the round's title. */
  title: string;
  /** One paragraph on what the session looks at. */
  text: string;
  /** The roundtable (theme) it belongs to. */
  theme: string;
  /** Its number in the meeting ("2.1"). */
  session: string;
  /** The meeting: "GFMD Brussels 2007" or "GFMD Manila 2008". */
  meeting: string;
  /** Guiding questions (2-4). */
  questions: string[];
  /** What the session was meant to produce. */
  product: string;
  /** The seed document the facts come from. */
  source: '002' | '004';
}

/** A Civil Society Day recommendation, offered as an example recommendation. */
export interface SeedRecommendation {
  id: string;
  kind: 'csd-recommendation';
  title: string;
  /** The suggested way forward (the library's text). */
  text: string;
  theme: string;
  /** The Civil Society Day session ("5"). */
  session: string;
  background: string;
  challenge: string;
  source: '001';
}

const RT07 = {
  1: 'Human capital development and labour mobility',
  2: 'Remittances and other diaspora resources',
  3: 'Policy and institutional coherence, and partnerships',
} as const;
const RT08 = {
  1: 'Migration, development and human rights',
  2: 'Secure, legal migration for stronger development impacts',
  3: 'Policy and institutional coherence and partnerships',
} as const;
const BRUSSELS = 'GFMD Brussels 2007';
const MANILA = 'GFMD Manila 2008';

/** The roundtable sessions of the first two GFMD meetings (seeds 002 and 004). */
export const SEED_SESSIONS: readonly SeedSession[] = [
  {
    id: 'gfmd07-1-1',
    kind: 'gfmd-question',
    title: 'Highly skilled migration: weighing the interests of both sides',
    text: 'Skilled emigration has grown faster than low-skilled emigration; the conditions that bring talent back are the ones that keep it at home.',
    theme: RT07[1],
    session: '1.1',
    meeting: BRUSSELS,
    questions: [
      'Which schemes and incentives to keep, retrain, recover or bring back skills work today, and what have they measurably achieved?',
      'How can development goals be written into recruitment agreements and codes of conduct?',
      'Which sectors critical for development most need their skills protected?',
    ],
    product: 'A matrix of practices by countries of origin and destination that keep, retrain, recover and return skills, with the knowledge gaps and indicators of how well they work.',
    source: '002',
  },
  {
    id: 'gfmd07-1-2',
    kind: 'gfmd-question',
    title: 'Temporary labour migration that serves development',
    text: 'Temporary work abroad has grown fast since the 1990s: it can fill shortages at destination and ease pressure at home, if both sides share the responsibility.',
    theme: RT07[1],
    session: '1.2',
    meeting: BRUSSELS,
    questions: [
      'How can more openness to lower-skilled workers be balanced with cooperation from countries of origin?',
      'What should a bilateral labour arrangement contain so that it contributes to development?',
      'How are workers protected and their return made worthwhile?',
    ],
    product: 'Model elements of temporary bilateral labour arrangements that give access to jobs abroad and contribute to development.',
    source: '002',
  },
  {
    id: 'gfmd07-1-3',
    kind: 'gfmd-question',
    title: 'Partners beyond government in temporary labour migration',
    text: 'Recruiters and employers drive much of today\'s labour mobility; regulation alone has not stopped over-charging and abuse.',
    theme: RT07[1],
    session: '1.3',
    meeting: BRUSSELS,
    questions: [
      'How can recruiters and other non-state actors make sure migrants are informed and protected from abuse?',
      'What can governments of origin and destination manage together with the private sector to cut the cost of middlemen?',
    ],
    product: 'Practical policy guidelines for governments of origin and destination on working with the private sector to the benefit of migrants and both countries.',
    source: '002',
  },
  {
    id: 'gfmd07-1-4',
    kind: 'gfmd-question',
    title: 'Circular migration and lasting return as development tools',
    text: 'Moving back and forth, and returning for good, can benefit the country of origin when labour planning, visas and reintegration are linked up.',
    theme: RT07[1],
    session: '1.4',
    meeting: BRUSSELS,
    questions: [
      'How can circular programmes be planned around an assessment of the skills needed and the skills available?',
      'What makes a return sustainable for the person and useful for the community?',
      'Which indicators would show that circulation benefits development?',
    ],
    product: 'Practical policies that foster circulation to the benefit of migrants and communities of origin, with indicators to assess them.',
    source: '002',
  },
  {
    id: 'gfmd07-2-1',
    kind: 'gfmd-question',
    title: 'Cheaper and more formal remittance transfers',
    text: 'Access to providers, exchange rates, speed, safety and fees decide how people send money home; formal channels widen financial services for senders and families.',
    theme: RT07[2],
    session: '2.1',
    meeting: BRUSSELS,
    questions: [
      'Which rules and incentives should sending and receiving countries adopt, or avoid, to lower transfer costs and build trust in formal channels?',
      'How can competition and new technology reach the people who send and receive small amounts?',
    ],
    product: 'Examples of good practice and of practice to avoid, and recommendations for the medium term.',
    source: '002',
  },
  {
    id: 'gfmd07-2-2',
    kind: 'gfmd-question',
    title: 'Remittances that reach beyond the household',
    text: 'With partners, governments can help savings from remittances benefit more than the family that receives them.',
    theme: RT07[2],
    session: '2.2',
    meeting: BRUSSELS,
    questions: [
      'How can microfinance, savings and insurance products amplify what remittances do for families and their communities?',
      'Which incentives turn remittances into local investment and jobs without taxing private money?',
    ],
    product: 'Models of multi-stakeholder partnerships and recommendations for the medium term.',
    source: '002',
  },
  {
    id: 'gfmd07-2-3',
    kind: 'gfmd-question',
    title: 'Remittances in national economic planning',
    text: 'Private as they are, large remittance flows weigh on the economy as a whole and can be taken into account in development planning.',
    theme: RT07[2],
    session: '2.3',
    meeting: BRUSSELS,
    questions: [
      'Which strategies tie remittances to sustainable development at national and international level?',
      'How can remittance flows be counted in national accounts and credit ratings?',
    ],
    product: 'Models for taking private remittances into economic development planning, and recommendations for the medium term.',
    source: '002',
  },
  {
    id: 'gfmd07-2-4',
    kind: 'gfmd-question',
    title: 'Working with the diaspora for development',
    text: 'Diasporas bring trade, investment, skills and technology to their countries of origin when they are treated as partners.',
    theme: RT07[2],
    session: '2.4',
    meeting: BRUSSELS,
    questions: [
      'How should local and national governments of both countries partner with diaspora organisations?',
      'Which public tools help diaspora projects grow and last?',
    ],
    product: 'Examples of good practice in engaging diasporas, models of new public-sector tools, and recommendations for the medium term.',
    source: '002',
  },
  {
    id: 'gfmd07-3-1',
    kind: 'gfmd-question',
    title: 'Measuring how migration and development affect each other',
    text: 'Coherence needs evidence: shared terms, comparable data across countries and stronger research and statistics where they are weakest.',
    theme: RT07[3],
    session: '3.1',
    meeting: BRUSSELS,
    questions: [
      'Which recent initiatives fill the information gaps on migration and development?',
      'How can the effects of migration policies on development be evaluated, and the other way round?',
      'Which research and statistical capacity does the country most need?',
    ],
    product: 'Proposals for concrete action, capacity building included, to improve the tools that measure these effects.',
    source: '002',
  },
  {
    id: 'gfmd07-3-2',
    kind: 'gfmd-question',
    title: 'Joined-up planning of migration and development policy',
    text: 'Coherence starts at home: ministries of development, interior, foreign affairs, finance and labour plan together, with a focal point in each and a shared budget line.',
    theme: RT07[3],
    session: '3.2',
    meeting: BRUSSELS,
    questions: [
      'How can migration become a key issue in the national development plan or poverty reduction strategy?',
      'Which consultation mechanism between ministries works best: a focal point in each ministry, an inter-ministerial body?',
      'What stands in the way of coherent planning here, and what is missing in knowledge?',
    ],
    product: 'Concrete proposals and workable models for coherent policy planning, with the knowledge gaps and obstacles named.',
    source: '002',
  },
  {
    id: 'gfmd07-3-4',
    kind: 'gfmd-question',
    title: 'Regional consultative processes and development',
    text: 'Regional processes on migration exist on every continent and can carry development into cross-border cooperation.',
    theme: RT07[3],
    session: '3.4',
    meeting: BRUSSELS,
    questions: [
      'How do regional processes take development into account in their projects?',
      'What could they contribute to the global forum, and it to them?',
    ],
    product: 'A summary of how development is or can be part of regional processes, and proposals on their role towards the global forum.',
    source: '002',
  },
  {
    id: 'gfmd08-1-1',
    kind: 'gfmd-question',
    title: "Protecting migrants' rights as a shared responsibility",
    text: 'Protection follows the whole journey: before departure, while abroad, and on return and reintegration.',
    theme: RT08[1],
    session: '1.1',
    meeting: MANILA,
    questions: [
      'What do social, economic and legal protection of migrants bring, as observed?',
      'Which government practices best help migrants contribute to their country of origin?',
      'What makes cooperation between countries on protection work, the private sector included?',
    ],
    product: 'A body of good practices to guide governments in protecting migrants and widening the benefits of migration.',
    source: '004',
  },
  {
    id: 'gfmd08-1-2',
    kind: 'gfmd-question',
    title: 'Empowering migrants and diaspora to contribute',
    text: 'Remittances, investment, knowledge, technology, networks and business partnerships all arise from migration; the question is which conditions let them work.',
    theme: RT08[1],
    session: '1.2',
    meeting: MANILA,
    questions: [
      'Which measures let migrants make the most of what they bring or send home, and under which conditions do they succeed?',
      'Which partnerships, public and private, help migrants use their money, skills and other resources for development?',
      'How can the effect of these policies be assessed, scaled up and shared with other countries?',
    ],
    product: 'Effective practices for policy makers in countries of origin and destination, and the policy settings that made them work.',
    source: '004',
  },
  {
    id: 'gfmd08-2-1',
    kind: 'gfmd-question',
    title: 'More opportunities for legal migration',
    text: 'Temporary and circular schemes and ethical recruitment codes have been evaluated; their lessons can guide new arrangements.',
    theme: RT08[2],
    session: '2.1',
    meeting: MANILA,
    questions: [
      'What makes a temporary labour migration programme good for development?',
      'How can developing countries build the capacity to negotiate labour and skills partnerships as equal partners?',
      'How can promising practices be tried out between a country of origin and a country of destination?',
    ],
    product: 'A fuller compendium of good practices to guide governments towards fair arrangements for both sides.',
    source: '004',
  },
  {
    id: 'gfmd08-2-2',
    kind: 'gfmd-question',
    title: 'Reducing the harm of irregular migration',
    text: 'Smuggling, trafficking and illegal recruitment undo the gains of migration; forced migrants and other vulnerable people in mixed flows need particular care.',
    theme: RT08[2],
    session: '2.2',
    meeting: MANILA,
    questions: [
      'How are irregular migration and development linked, as cause and effect?',
      'Which practices have best curbed smuggling and trafficking, to the benefit of migrants and of both countries?',
      'Which capacities does the country need to manage irregular migration?',
    ],
    product: 'Effective practices within and between countries against smuggling and trafficking, and the capacities developing countries need for them.',
    source: '004',
  },
  {
    id: 'gfmd08-3-1',
    kind: 'gfmd-question',
    title: 'Data and research on migration and development',
    text: 'Better data and research capacity help bring migration into national development plans and poverty reduction strategies.',
    theme: RT08[3],
    session: '3.1',
    meeting: MANILA,
    questions: [
      'Where are the critical gaps in data on how migration and development interact?',
      'How can research feed policy making most usefully?',
      'Which key indicators would show how development-relevant a migration policy is, and how a development policy affects migration?',
    ],
    product: 'An update on data and impact measurement, with the key indicators and the research capacity to build.',
    source: '004',
  },
  {
    id: 'gfmd08-3-2',
    kind: 'gfmd-question',
    title: 'Coherence within government',
    text: 'Ministries share information, coordinate and negotiate; parliamentarians write the laws; focal points connect governments.',
    theme: RT08[3],
    session: '3.2',
    meeting: MANILA,
    questions: [
      'Which mechanisms have best promoted policy coherence, and how would we know they are effective?',
      'How can consultation between ministries, departments and agencies be improved?',
      'Where has migration been included in a national development plan effectively, and what does "effectively" mean here?',
    ],
    product: 'Good practices of coherence in government and the capacity-building needs at policy and institutional level.',
    source: '004',
  },
  {
    id: 'gfmd08-3-3',
    kind: 'gfmd-question',
    title: 'Regional processes where migration meets development',
    text: 'Regional consultative processes achieve cross-border cooperation and mutual capacity building not yet possible at global level.',
    theme: RT08[3],
    session: '3.3',
    meeting: MANILA,
    questions: [
      'How do regional processes change migration and development policy at national level?',
      'What are good practices for bringing development into their agendas?',
      'How can they and the global forum reinforce each other?',
    ],
    product: 'Ways to strengthen the development role of regional processes and their links with the global forum.',
    source: '004',
  },
];

/** Recommendations of the Civil Society Day (seed 001), in background / challenge / way forward form. */
export const SEED_RECOMMENDATIONS: readonly SeedRecommendation[] = [
  {
    id: 'csd07-diaspora-driven',
    kind: 'csd-recommendation',
    title: 'Let diaspora organisations lead diaspora programmes',
    text: 'Fund and run migration-and-development programmes directly with diaspora organisations, not only through intermediary NGOs.',
    theme: 'Diaspora and migrant organisations',
    session: '5',
    background: 'Diaspora organisations already invest time and money at home, often in ways the formal development community does not recognise.',
    challenge: 'Funding and programming tend to reach them through intermediaries, so they take part as clients rather than partners.',
    source: '001',
  },
  {
    id: 'csd07-formal-representation',
    kind: 'csd-recommendation',
    title: 'Give migrants a formal seat where migration policy is made',
    text: 'Give migrants formal representation on every policy body that deals with migration, for example an advisory committee in government where migrant organisations sit.',
    theme: 'Diaspora and migrant organisations',
    session: '5',
    background: 'Policies on migration are usually drafted without the people they concern.',
    challenge: 'Without an institutional channel, migrants are consulted occasionally or not at all.',
    source: '001',
  },
  {
    id: 'csd07-balanced-selection',
    kind: 'csd-recommendation',
    title: 'Select civil-society representatives openly and in balance',
    text: 'Choose migrant and civil-society representatives through a transparent, consultative process that balances regions, gender and sectors.',
    theme: 'Looking ahead: strategies and partnerships',
    session: '8',
    background: 'The same few organisations tend to speak for civil society in government processes.',
    challenge: 'Representation that is not balanced by region, gender and sector leaves whole groups unheard.',
    source: '001',
  },
  {
    id: 'csd07-all-stakeholders',
    kind: 'csd-recommendation',
    title: 'Consult every stakeholder, not only government',
    text: 'Build a consultation process that brings in government departments, civil society, trade unions, employers, the private sector, academia, migrant and faith-based organisations.',
    theme: 'Policy coherence',
    session: '7',
    background: 'Coherent migration and development policy depends on many actors beyond the lead ministry.',
    challenge: 'Consultation often stops at government departments, and countries with little room for independent organisations hear even less.',
    source: '001',
  },
  {
    id: 'csd07-designated-fund',
    kind: 'csd-recommendation',
    title: 'A designated fund for diaspora initiatives',
    text: 'Set up a fund reserved for diaspora and migrant initiatives, with simple access for small organisations, and evaluate the capacity building it pays for.',
    theme: 'Diaspora and migrant organisations',
    session: '5',
    background: 'Diaspora organisations are often volunteer-run and small.',
    challenge: 'They rarely meet the conditions of mainstream development funding.',
    source: '001',
  },
  {
    id: 'csd07-embassies',
    kind: 'csd-recommendation',
    title: 'Embassies as service centres for the diaspora',
    text: 'Make embassies and consulates service centres with a clear contact point for diaspora organisations.',
    theme: 'Diaspora and migrant organisations',
    session: '5',
    background: 'For many migrants the embassy is the only face of their government abroad.',
    challenge: 'Few missions have the mandate or the staff to work with diaspora groups.',
    source: '001',
  },
  {
    id: 'csd07-institutionalise',
    kind: 'csd-recommendation',
    title: 'Institutionalise government diaspora initiatives',
    text: 'Anchor diaspora programmes in institutions and budgets so they do not depend on one committed official.',
    theme: 'Diaspora and migrant organisations',
    session: '5',
    background: 'Several promising initiatives were started by individual officials.',
    challenge: 'When those officials move on, the initiatives stop.',
    source: '001',
  },
  {
    id: 'csd07-women-workers',
    kind: 'csd-recommendation',
    title: 'Protect women migrant workers',
    text: 'Take the feminisation of migration into account in every policy: recognise the international guidance on women migrant workers and protect domestic workers in law.',
    theme: 'Temporary labour migration',
    session: '2',
    background: 'Most domestic workers are women, and many migrate alone.',
    challenge: 'Restrictive laws and isolated workplaces expose women, and the children left behind, to abuse.',
    source: '001',
  },
  {
    id: 'csd07-tripartite',
    kind: 'csd-recommendation',
    title: 'Decide skilled-migration policy with employers and unions',
    text: 'Make policy on highly skilled migration in a tripartite setting with government, employers and trade unions.',
    theme: 'Highly skilled migration',
    session: '1',
    background: 'Skilled emigration affects hospitals, schools and firms at home.',
    challenge: 'Decisions taken by one ministry alone miss what employers and workers know.',
    source: '001',
  },
  {
    id: 'csd07-publish-monitor',
    kind: 'csd-recommendation',
    title: 'Publish policies and monitor them with civil society',
    text: 'Publish draft migration and development policies so migrants and civil society can respond, and set up a mechanism to monitor and report on their implementation.',
    theme: 'Looking ahead: strategies and partnerships',
    session: '8',
    background: 'Civil society and non-state experts can help draft model policies.',
    challenge: 'Drafts are seldom public, and implementation is seldom reported.',
    source: '001',
  },
  {
    id: 'csd07-portal',
    kind: 'csd-recommendation',
    title: 'A shared civil-society portal on migration and development',
    text: 'Start a portal that lists the groups taking part and their contacts, and keeps them informed between meetings.',
    theme: 'Looking ahead: strategies and partnerships',
    session: '8',
    background: 'Contacts made in one consultation are often lost before the next.',
    challenge: 'Without a common channel, outreach and coordination stop between meetings.',
    source: '001',
  },
];

/** The session `id` of the starting material, if any. */
export function seedSession(id: string): SeedSession | undefined {
  return SEED_SESSIONS.find((s) => s.id === id);
}

/** The Civil Society Day recommendation `id`, if any. */
export function seedRecommendation(id: string): SeedRecommendation | undefined {
  return SEED_RECOMMENDATIONS.find((r) => r.id === id);
}

/**
 * CO8: a round's opening fields taken from a session (title, theme, guiding questions, intended
 * product, source): the facilitator adds the closing date and the mode. `themeLine` words the theme
 * line (English by default; the browser passes the reader's catalogue, L62).
 */
export function roundFromSession(
  s: SeedSession,
  themeLine: (s: SeedSession) => string = (x) => `${x.theme} (${x.meeting}, session ${x.session})`,
): { title: string; theme: string; questions: string[]; product: string; source: string } {
  return { title: s.title, theme: themeLine(s), questions: [...s.questions].slice(0, 4), product: s.product, source: s.id };
}

import type { LibraryEntry } from './library.js';
import type { SectorId } from './sectors.js';

/**
 * The built-in entries of the intervention library (LB1): the 63 activities of the GFMD matrix
 * "of projects/activities that could be of interest to participants" (seed 000: theme,
 * roundtable, sub-heading, activity, objective, GMG members with expertise) and the example boxes
 * of the handbook's Part 3 (seed 003), by sector. Names, numbers, agencies and countries are the
 * sources' facts; titles and objectives are faithful but shortened, in our own words. Where the
 * seed's column extraction leaves an objective ambiguous (domain reference 10.1), the nearest
 * objective cell is used.
 */

const THEMES = {
  1: 'Migration and socio-economic development',
  2: 'Strengthening the links between migration policies and development policies',
} as const;

const ROUNDTABLES = {
  1: { theme: 1, name: 'Roundtable 1: Human capital development and labour mobility' },
  2: { theme: 1, name: 'Roundtable 2: Remittances and other diaspora resources' },
  3: { theme: 2, name: 'Roundtable 3: Policy and institutional coherence, and partnerships' },
} as const;

/** The 16 sub-headings of the GFMD matrix, keyed `<roundtable><letter>`. */
const HEADINGS: Readonly<Record<string, string>> = {
  '1a': 'Matching labour supply and demand through temporary and circular migration',
  '1b': 'Enhancing foreign employment policies in countries of origin',
  '1c': 'Human capital development, recognition of qualifications and ethical recruitment',
  '1d': 'Incentives for return migration, its success and its development impact',
  '1e': 'Preparing and empowering migrants to live successfully in the host community',
  '1f': 'Preparing host communities to receive migrants',
  '1g': 'Protecting the rights and interests of migrant workers and their families',
  '1h': 'Addressing trafficking in persons and smuggling of migrants',
  '2a': 'Improving remittance services',
  '2b': 'Enhancing the volume and developmental value of remittances',
  '2c': 'Mobilising financial, business and entrepreneurial resources of diasporas and migrants',
  '2d': 'Drawing on the non-financial resources of diasporas and migrants',
  '3a': 'Impact of migration and migration policies on development; mainstreaming migration into development strategies',
  '3b': 'Impact of development on migration',
  '3c': 'Frameworks for partnerships',
  '3d': 'Development of migration law and policy',
};

type Row = readonly [key: string, title: string, objective: string, agencies: string, sectors: readonly SectorId[]];

/** One row per GFMD activity, in the matrix's order: `<rt><letter>-<n>`. */
const GFMD_ROWS: readonly Row[] = [
  ['1a-1', 'Facilitate the selection, preparation, training and movement of workers whose qualifications meet the labour needs of destination countries', 'Stronger cooperation between countries of origin and destination to meet labour needs, respecting the interests of both and of migrants', 'IOM', ['employment']],
  ['1a-2', 'Establish migration centres in countries of origin for training, skills and language learning, and information on legal migration and the dangers of irregular migration', 'More brain gain and legal employment abroad; easier selection and movement of migrants', 'IOM', ['employment', 'education']],
  ['1a-3', 'Develop global databases on current and future job markets, labour force profiles and labour migration trends', 'Give countries of origin and destination the information to shape labour migration policies and human capital strategies, and to cooperate on them', 'IOM', ['employment']],
  ['1a-4', 'Develop a central source of information on regional and national immigration rules for labour migration, open to migrants, business and governments', 'Transparent immigration rules that help match labour supply and demand; awareness of legal channels', 'IOM', ['employment', 'legal-protection']],
  ['1b-1', 'Build the capacity of countries of origin to set up national policies, legislation and structures to manage labour emigration', 'Countries of origin benefit from labour emigration and make their nationals more competitive, with safeguards for migrant workers', 'IOM', ['employment', 'governance']],
  ['1b-2', 'Build the capacity of countries of origin to implement their labour emigration policies, legislation and structures', 'Countries of origin put their labour emigration policies into practice to maximise the benefits', 'IOM', ['employment', 'governance']],
  ['1c-1', 'Improve knowledge of current and projected labour supply and demand at national, regional and global levels', 'Inform human resource development so that destination countries plan their skills needs and countries of origin meet their own labour market', 'IOM, UNDP', ['employment', 'education']],
  ['1c-2', 'Create incentives for the private sector in destination countries to invest in human capital in countries of origin', 'Destination-country employers contribute to training potential migrants in countries of origin', 'IOM, UNDP', ['employment', 'education']],
  ['1c-3', 'Develop tools and models for cross-border recognition of skills and credentials, such as mutual recognition arrangements', 'Recognised qualifications that avoid under-employment (brain waste) in destination countries', 'IOM, UNDP', ['tertiary-education', 'employment']],
  ['1c-4', 'Develop and apply ethical recruitment practices, for example limiting the source countries targeted or the length of employment abroad', 'Less brain drain, especially in sectors crucial to development such as health and education', 'IOM, UNDP', ['health', 'employment']],
  ['1c-5', 'Improve working conditions for professionals in sectors crucial to development, such as health and education, so that they stay', 'Less brain drain in health care and education', 'IOM, UNDP', ['health', 'education']],
  ['1d-1', 'Collect data on return migration, its socio-economic impact on countries of origin and the reintegration needs of returnees', 'Countries of origin and destination can shape policies that maximise the development benefits of return', 'IOM, UNHCR', ['employment']],
  ['1d-2', 'Design return policies in destination countries that give regular and irregular migrants incentives to return', 'Incentives to return that respect the interests of both countries and of migrants', 'IOM, UNHCR', ['governance']],
  ['1d-3', 'Support countries of origin to provide reintegration assistance', 'Sustainable return and reintegration; returnees use their skills and reach local services', 'IOM, UNHCR', ['employment', 'social-protection']],
  ['1d-4', 'Identify national skills gaps and match them with a database of qualified expatriates interested in returning for good', 'Permanent return as a development tool; less brain drain', 'IOM, UNHCR', ['diaspora', 'employment']],
  ['1e-1', 'Provide integration programmes for migrants, fitted to the needs of each group (temporary or permanent)', 'Migrants realise their potential in the host country and know their rights and responsibilities', 'IOM, UNHCR', ['social-protection']],
  ['1e-2', 'Create migrant resource centres in destination countries offering services and information on what the community provides', 'Support migrants to integrate into the community', 'IOM, UNHCR', ['social-protection']],
  ['1e-3', 'Mobilise migrant communities to help potential and newly arrived migrants integrate', 'Draw on the resources of migrant communities for integration', 'IOM, UNHCR', ['diaspora']],
  ['1f-1', 'Raise awareness of the cultural diversity migrants bring to host communities', 'Less stereotyping and prejudice; cohesive, inclusive and tolerant societies', 'IOM, UNHCR', ['governance']],
  ['1f-2', 'Train service providers and agency staff in destination countries (teachers, labour and health staff, social workers, police) on cultural diversity', 'Intercultural competence and tolerance in public and private bodies', 'IOM, UNHCR', ['health', 'education']],
  ['1g-1', 'Run information campaigns in countries of origin so that prospective migrants have accurate information before leaving', 'Migrants make informed decisions and can protect their rights and interests', 'IOM, UNFPA, UNHCR, UNODC', ['legal-protection']],
  ['1g-2', 'Run information campaigns in destination countries on the rights and obligations of migrants', "Migrants aware of their rights and obligations", 'IOM, UNFPA, UNHCR', ['legal-protection']],
  ['1g-3', 'Run campaigns in destination countries against discrimination and xenophobia, and on the need for migrant labour', 'A change in public attitudes towards migrant workers', 'IOM, UNFPA, UNHCR', ['legal-protection', 'employment']],
  ['1g-4', 'Support migrants in destination countries through labour attachés in embassies or migrant welfare centres', 'Protect the rights and interests of labour migrants through advice and other services', 'IOM', ['legal-protection']],
  ['1g-5', 'Build the capacity of countries of origin to set and, where possible, enforce labour standards protecting migrants', "Protect migrant workers' rights through minimum labour standards", 'IOM', ['legal-protection', 'employment']],
  ['1g-6', 'Build the capacity of countries of origin to prevent malpractice in recruitment', "Protect migrant workers' rights by preventing recruitment abuses", 'IOM', ['legal-protection', 'employment']],
  ['1g-7', 'Agree bilaterally on social security for migrant workers and on their contributions to national schemes when they leave', 'Fair social security benefits for migrant workers and fair treatment of their contributions', 'IOM', ['social-protection']],
  ['1g-8', 'Build the capacity of countries of origin to offer voluntary insurance and contribution schemes (death, disability, job loss, health, repatriation)', 'Social security and repatriation assistance for workers from countries of origin', 'IOM', ['social-protection', 'financial-services']],
  ['1g-9', "Set up assistance for migrants' families who stay at home, such as education grants, vocational training and credit", 'Offset the negative effects of emigration on family members left behind', 'IOM', ['social-protection', 'education']],
  ['1g-10', "Train interested States on international migrant workers' law and the International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families", 'Countries of origin and destination better able to protect migrant workers', 'IOM', ['legal-protection']],
  ['1g-11', 'Assess legal frameworks for labour migration and recommend new ones to fill gaps, at the request of interested States', 'Better management of labour migration and protection of migrant workers', 'IOM', ['legal-protection', 'governance']],
  ['1h-1', 'Build the capacity of less-resourced States to combat trafficking and smuggling of people', 'States able to combat trafficking and smuggling, notably by criminalising the facilitators', 'IOM, UNHCR, UNODC', ['legal-protection']],
  ['1h-2', 'Assist vulnerable migrants caught in smuggling and trafficking networks', 'Help for the most vulnerable migrants in those networks', 'IOM, UNFPA, UNODC', ['legal-protection', 'social-protection']],
  ['1h-3', 'Research trafficking and build data collection and exchange (its mechanisms, data compatibility, evaluation of counter-trafficking programmes)', 'The information needed for effective counter-trafficking work', 'IOM, UNFPA, UNODC', ['legal-protection']],
  ['1h-4', 'Set up a law enforcement coordination function against trafficking, based on a country-by-country directory of multi-agency contacts', 'Coordinated counter-trafficking work and rapid exchange of intelligence between agencies', 'IOM, UNODC', ['legal-protection', 'governance']],
  ['1h-5', 'Run public campaigns on goods and services made with exploitative or forced labour, with guidance for consumers', 'Tackle demand in destination countries as a cause of trafficking', 'IOM, UNODC', ['trade', 'legal-protection']],
  ['2a-1', 'Engage employers, banks and other private actors to offer migrants accessible, low-cost remittance services, including through public-private partnerships', 'Cheaper and more accessible remittance services', 'IOM, UNDP', ['financial-services']],
  ['2a-2', 'Engage microfinance institutions in countries of origin and banks in destination countries to offer low-cost transfers and basic banking in underserved areas', 'Access to basic banking in both countries, lowering transfer costs and improving reliability', 'IOM, UNDP', ['financial-services']],
  ['2a-3', 'Include remittance information (transfer options, costs) in pre-departure orientation for migrant workers', 'Migrants know the real costs of remitting and their options', 'IOM, UNDP', ['financial-services']],
  ['2b-1', 'Build the capacity of migrant association leaders in destination countries to take part in development initiatives in their countries of origin', 'More, and more developmental, contributions by migrant associations to projects at home', 'IOM, UNDP', ['diaspora']],
  ['2b-2', 'Offer migrants concrete ways to invest in their communities of origin, for example housing with matching programme funds', 'Concrete opportunities to invest remittances at home', 'IOM, UNDP', ['diaspora', 'infrastructure', 'financial-services']],
  ['2b-3', 'With the financial sector, offer remittance-receiving households credit secured on their remittance income, to start or expand small businesses', 'Leverage remittances for development with banks and micro-lenders', 'IOM, UNDP', ['financial-services', 'economic-growth']],
  ['2b-4', 'Conduct accurate, comparable research on remittance flows, transfer methods, costs, uses and impact', 'Remittance data for development policies and programmes', 'IOM, UNDP', ['financial-services']],
  ['2b-5', 'Hold regional and international workshops on the best ways to increase the development impact of remittances', 'Shared practice and expertise among governments, migrant associations and the private sector', 'IOM, UNDP', ['financial-services']],
  ['2b-6', 'Give migrants tax incentives or relief in host countries for money sent home', 'An extra incentive to send remittances', 'IOM, UNDP', ['financial-services']],
  ['2c-1', 'Facilitate diaspora and migrant contributions through investment, trade, business and enterprise creation', 'Motivate and ease the contributions of diasporas and migrants to the development of their countries of origin', 'IOM, UNDP', ['diaspora', 'economic-growth', 'trade']],
  ['2c-2', 'Hold regional and international workshops on incentives for diasporas and migrants to contribute financially', 'Shared practice among governments, migrant associations and the private sector', 'IOM, UNDP', ['diaspora', 'financial-services']],
  ['2d-1', 'Map the skills and knowledge of diasporas and offer credible ways to contribute through temporary or virtual return', 'Home countries benefit from the human capital of their people abroad; skills circulate; less brain drain', 'IOM, UNDP', ['diaspora', 'tertiary-education']],
  ['2d-2', 'Hold regional and international workshops on facilitating the temporary and virtual return of diasporas and migrants', 'Shared practice among governments and migrant associations', 'IOM, UNDP', ['diaspora']],
  ['3a-1', 'Identify migration-related development indicators, at national, regional or global level', "Tools to assess migration's impact on social and economic progress, including the Millennium Development Goals", 'IOM, UNDP, UNHCR', ['governance']],
  ['3a-2', 'Examine migration policies of countries of origin or destination meant to help development in countries of origin', 'Evidence on which migration policies are development-friendly, for future policy', 'IOM, UNDP', ['governance']],
  ['3a-3', 'Mainstream migration into development strategies and policies', 'Migration clearly and practically linked to development planning (e.g. PRSPs) and aligned with national plans', 'IOM, UNDP, UNFPA, UNHCR', ['governance']],
  ['3a-4', 'Build migration research capacity and data systems in developing countries', 'Research and data to inform migration and development policy', 'IOM, UNDP, UNFPA, UNHCR', ['governance', 'tertiary-education']],
  ['3b-1', 'Research how and when under-development leads to migration, who leaves as a result and through which kinds of migration', 'Understand the effect of development on migration to inform policy', 'IOM, UN-DESA, UNDP', ['economic-growth']],
  ['3b-2', 'Research how and when development programmes and progress lead to migration, who leaves as a result and through which kinds of migration', 'Understand the effect of development on migration to inform policy', 'UN-DESA, UNDP', ['economic-growth']],
  ['3b-3', 'Run livelihood programmes in areas of high migration pressure', 'Better economic and social conditions that make staying a real option', 'IOM, UNDP', ['agriculture', 'economic-growth', 'employment']],
  ['3c-1', 'Create working groups or networks that bring together every ministry concerned with migration and development', 'A coherent whole-of-government approach to migration and development policy', 'IOM', ['governance']],
  ['3c-2', 'Following the model of Regional Consultative Processes, bring together States sharing a theme or a region for informal, non-binding dialogue', 'More consultation and cooperation between States on migration and development', 'IOM, UNDP, UNFPA', ['governance']],
  ['3c-3', 'Foster exchange between the chairs and secretariats of existing Regional Consultative Processes, within and across regions', 'Common interests identified, information exchanged and a framework for capacity building', 'IOM, UN-DESA, UNDP, UNFPA', ['governance']],
  ['3c-4', 'Bring governments and non-governmental stakeholders (private sector, media, civil society, migrants and diaspora organisations) together for dialogue', 'Non-governmental stakeholders actively engaged on migration and development', 'IOM, UNDP, UNFPA, UNHCR', ['governance', 'diaspora']],
  ['3c-5', 'Organise meetings linking migration and development with other policy domains such as health, trade or environment', 'Links between migration, development and other policy areas explored with their representatives', 'IOM, UN-DESA, UNDP, UNFPA, UNHCR', ['governance', 'health', 'trade', 'environment']],
  ['3d-1', 'Train on international migration law at global, regional or national level, at the request of interested States', "Governments' knowledge of international migration law standards", 'IOM, UNHCR', ['legal-protection']],
  ['3d-2', 'Assess national migration legislation and recommend new laws and policies that enhance development, at the request of interested States', 'Capacity to draft migration laws and policies with development potential; cooperation between governments', 'IOM, UNHCR', ['legal-protection', 'governance']],
];

/** The 63 activities of the GFMD matrix (seed 000) as library entries (LB1). */
export const GFMD_ACTIVITIES: readonly LibraryEntry[] = GFMD_ROWS.map(([key, title, objective, agencies, sectors]) => {
  const rt = Number(key[0]) as 1 | 2 | 3;
  const heading = key.slice(0, 2);
  const roundtable = ROUNDTABLES[rt];
  return {
    id: `gfmd-${key}`,
    kind: 'gfmd-activity',
    title,
    objective,
    theme: THEMES[roundtable.theme],
    roundtable: roundtable.name,
    heading: HEADINGS[heading]!,
    agencies: agencies.split(', '),
    sectors: [...sectors],
    countries: [],
    reference: `GFMD matrix of projects/activities, roundtable ${rt}, ${heading[1]}.`,
  };
});

type Box = readonly [n: number, sector: SectorId, section: string, title: string, countries: string, agencies: string];

/** The example boxes of the handbook's Part 3 (seed 003), numbered as in the handbook. */
const BOXES: readonly Box[] = [
  [1, 'diaspora', '3.1 Governance', 'Engaging diaspora communities: define and reach them, find where they add value, remove obstacles, align policies', '', ''],
  [2, 'governance', '3.1 Governance', 'Improving institutional capacity to govern labour migration in North and West Africa', '', ''],
  [3, 'governance', '3.1 Governance', 'Building capacities for migration governance', 'Moldova, Serbia, Mongolia', ''],
  [4, 'governance', '3.1 Governance', 'Public administration assistance', 'Kenya', ''],
  [5, 'legal-protection', '3.2 Legal protection', 'Republic Act 8042: a law protecting overseas workers', 'Philippines', ''],
  [6, 'legal-protection', '3.2 Legal protection', 'Tools for combating trafficking in persons', '', 'UNODC'],
  [7, 'legal-protection', '3.2 Legal protection', 'Protecting Indonesian migrant workers', 'Indonesia', ''],
  [8, 'employment', '3.3 Employment', 'Decent work', '', 'ILO'],
  [9, 'employment', '3.3 Employment', 'Developing overseas labour markets', 'Philippines', ''],
  [10, 'employment', '3.3 Employment', 'Education, training and skills development', '', ''],
  [11, 'employment', '3.3 Employment', 'Selection and recruitment: bilateral framework agreements', '', ''],
  [12, 'employment', '3.3 Employment', 'Preventing the exploitation of migrant workers', 'Ghana, Belarus, Nigeria, Poland', ''],
  [13, 'employment', '3.3 Employment', 'A national labour migration policy', 'Sri Lanka', ''],
  [14, 'employment', '3.3 Employment', 'Policies and mechanisms that enhance the development impact of migration in the CIS region', '', ''],
  [15, 'employment', '3.3 Employment', 'A training manual against child labour (IPEC)', '', 'ILO'],
  [16, 'social-protection', '3.4 Social protection', 'A welfare fund for migrant workers (OWWA)', 'Philippines', ''],
  [17, 'social-protection', '3.4 Social protection', 'Oportunidades: conditional cash transfers', 'Mexico', ''],
  [18, 'social-protection', '3.4 Social protection', 'Children left behind', 'Moldova', ''],
  [19, 'social-protection', '3.4 Social protection', 'Extending social security to African migrant workers and their families', '', ''],
  [20, 'health', '3.5 Health services', 'A joint UN programme on HIV and migration', 'Philippines', ''],
  [21, 'health', '3.5 Health services', 'The global code of practice on recruiting health personnel', '', 'WHO'],
  [22, 'health', '3.5 Health services', 'Diaspora health professionals serving at home', 'Somalia', ''],
  [23, 'health', '3.5 Health services', 'Urban displacement and HIV vulnerability', 'Zimbabwe', ''],
  [24, 'education', '3.6 Education', 'Return of qualified Afghans (RQA)', 'Afghanistan', 'IOM'],
  [25, 'education', '3.6 Education', 'Schooling for repatriated children', 'Burundi', ''],
  [26, 'tertiary-education', '3.7 Tertiary education', 'Skills recognition and accumulation projects', '', ''],
  [27, 'tertiary-education', '3.7 Tertiary education', 'TOKTEN: transfer of knowledge through expatriate nationals', '', 'UNDP'],
  [28, 'tertiary-education', '3.7 Tertiary education', 'Scientific diaspora networks', 'Egypt, Lebanon', ''],
  [29, 'tertiary-education', '3.7 Tertiary education', 'MIDA Great Lakes: evaluation of a diaspora programme', '', 'IOM'],
  [30, 'tertiary-education', '3.7 Tertiary education', 'QUESTS-MIDA', 'El Salvador', 'IOM'],
  [31, 'tertiary-education', '3.7 Tertiary education', 'Bringing researchers home', 'Mexico', ''],
  [32, 'economic-growth', '3.8 Economic growth', 'Brain circulation', 'Taiwan', ''],
  [33, 'financial-services', '3.9 Financial services', 'What affects the flow of remittances', '', ''],
  [34, 'financial-services', '3.9 Financial services', 'Diaspora bonds', '', ''],
  [35, 'financial-services', '3.9 Financial services', 'Enhancing the development impact of remittances', 'Senegal, Korea, Tajikistan', ''],
  [36, 'financial-services', '3.9 Financial services', 'Micro-credits', 'Azerbaijan (Nakhchivan)', ''],
  [37, 'agriculture', '3.11 Agriculture and rural development', 'Rural development in Mae Hong Son', 'Thailand', ''],
  [38, 'agriculture', '3.11 Agriculture and rural development', 'Rural migrant skills development and employment', 'China', ''],
  [39, 'agriculture', '3.11 Agriculture and rural development', 'Migrant remittances in rural communities', 'Tajikistan', ''],
  [40, 'infrastructure', '3.12 Infrastructure', 'Port Champerico', 'Guatemala', ''],
  [41, 'environment', '3.13 Environment', 'Disaster management', 'Mozambique', ''],
  [42, 'environment', '3.13 Environment', 'Temporary and circular migration', 'Colombia', ''],
  [43, 'environment', '3.13 Environment', 'Refugee camps', 'Liberia', ''],
  [44, 'environment', '3.13 Environment', 'Rehabilitation of refugee-affected areas', 'Sudan', ''],
];

/** The handbook's Part 3 example boxes as library entries (LB1), `hb-box-<n>`. */
export const HANDBOOK_EXAMPLES: readonly LibraryEntry[] = BOXES.map(([n, sector, section, title, countries, agencies]) => ({
  id: `hb-box-${n}`,
  kind: 'handbook-example',
  title,
  objective: '',
  theme: 'Mainstreaming migration into development planning (handbook Part 3)',
  roundtable: '',
  heading: section,
  agencies: agencies ? agencies.split(', ') : [],
  sectors: [sector],
  countries: countries ? countries.split(', ') : [],
  reference: `Handbook, Part 3, section ${section.split(' ')[0]}, box ${n}`,
}));

/** Every built-in entry: the GFMD activities, then the handbook's examples. */
export const BUILT_IN_LIBRARY: readonly LibraryEntry[] = [...GFMD_ACTIVITIES, ...HANDBOOK_EXAMPLES];

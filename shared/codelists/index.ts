/**
 * The IATI codelists Roundtable checks values against (IATI Standard, iatistandard.org, CC BY 4.0),
 * copied from the official XML by `scripts/codelists.mjs` (SPEC I1), and the Global Compact for
 * Migration objectives, which IATI has no codelist for (SPEC I2).
 */
import ActivityDateType from './ActivityDateType.json' with { type: 'json' };
import ActivityStatus from './ActivityStatus.json' with { type: 'json' };
import BudgetStatus from './BudgetStatus.json' with { type: 'json' };
import BudgetType from './BudgetType.json' with { type: 'json' };
import Country from './Country.json' with { type: 'json' };
import Currency from './Currency.json' with { type: 'json' };
import DescriptionType from './DescriptionType.json' with { type: 'json' };
import DocumentCategory from './DocumentCategory.json' with { type: 'json' };
import IndicatorMeasure from './IndicatorMeasure.json' with { type: 'json' };
import Language from './Language.json' with { type: 'json' };
import OrganisationRole from './OrganisationRole.json' with { type: 'json' };
import OrganisationType from './OrganisationType.json' with { type: 'json' };
import RelatedActivityType from './RelatedActivityType.json' with { type: 'json' };
import ResultType from './ResultType.json' with { type: 'json' };
import Sector from './Sector.json' with { type: 'json' };
import SectorVocabulary from './SectorVocabulary.json' with { type: 'json' };
import TagVocabulary from './TagVocabulary.json' with { type: 'json' };
import TransactionType from './TransactionType.json' with { type: 'json' };
import UNSDGGoals from './UNSDG-Goals.json' with { type: 'json' };
import UNSDGTargets from './UNSDG-Targets.json' with { type: 'json' };

/** One copied codelist: code -> English name, the codes IATI has withdrawn, and code -> French name where IATI gives one. */
export interface Codelist {
  name: string;
  attribution: string;
  codes: Readonly<Record<string, string>>;
  withdrawn: readonly string[];
  /** French names from the official XML (`xml:lang="fr"`), only for the codes that have one (SPEC L41). */
  fr?: Readonly<Record<string, string>>;
}

/** A code's name as shown to a reader, and the language it is in (so a page can mark English inside French with `lang`). */
export interface CodeName {
  name: string;
  lang: 'en' | 'fr';
}

/** Every copied codelist by its IATI name. */
export const CODELISTS = {
  ActivityDateType,
  ActivityStatus,
  BudgetStatus,
  BudgetType,
  Country,
  Currency,
  DescriptionType,
  DocumentCategory,
  IndicatorMeasure,
  Language,
  OrganisationRole,
  OrganisationType,
  RelatedActivityType,
  ResultType,
  Sector,
  SectorVocabulary,
  TagVocabulary,
  TransactionType,
  'UNSDG-Goals': UNSDGGoals,
  'UNSDG-Targets': UNSDGTargets,
} as const satisfies Record<string, Codelist>;

/** The name of a copied codelist. */
export type CodelistName = keyof typeof CODELISTS;

/** True when `code` is in the codelist (withdrawn codes included: they may appear in old data). */
export function hasCode(list: CodelistName, code: string): boolean {
  return Object.hasOwn(CODELISTS[list].codes, code);
}

/** True when `code` is in the codelist and not withdrawn: what new plan values must be (the active-code table, SPEC BL2). */
export { isActiveCode } from './codes.js';

/** The English name of a code, or '' when it is not in the list. */
export function codeName(list: CodelistName, code: string): string {
  const codes: Readonly<Record<string, string>> = CODELISTS[list].codes;
  return Object.hasOwn(codes, code) ? codes[code]! : '';
}

/**
 * The name of a code for a reader of `locale` (SPEC L41): the official French name when the
 * reader reads French and IATI names the code in French, else the English name, with the
 * language the name is in. IATI's codelists have no Spanish or Arabic names: those readers get
 * English, marked `lang: 'en'`. The name is '' when the code is not in the list.
 */
export function localCodeName(list: CodelistName, code: string, locale: string): CodeName {
  const fr: Readonly<Record<string, string>> | undefined = (CODELISTS[list] as Codelist).fr;
  if (locale === 'fr' && fr && Object.hasOwn(fr, code)) return { name: fr[code]!, lang: 'fr' };
  return { name: codeName(list, code), lang: 'en' };
}

/** Active codes of a list with their names, in the list's order (for pickers); in French where `locale` is fr and IATI has the name (SPEC L41). */
export function activeCodes(list: CodelistName, locale = 'en'): ({ code: string } & CodeName)[] {
  const l: Codelist = CODELISTS[list];
  return Object.keys(l.codes)
    .filter((code) => !l.withdrawn.includes(code))
    .map((code) => ({ code, ...localCodeName(list, code, locale) }));
}

/**
 * The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration (UN General
 * Assembly resolution 73/195), numbered 1-23. Plans tag goals and activities with them (SPEC I2);
 * IATI exports carry them as tags of vocabulary 99 (reporting organisation).
 */
export const GCM_OBJECTIVES: readonly string[] = [
  'Collect and utilize accurate and disaggregated data as a basis for evidence-based policies',
  'Minimize the adverse drivers and structural factors that compel people to leave their country of origin',
  'Provide accurate and timely information at all stages of migration',
  'Ensure that all migrants have proof of legal identity and adequate documentation',
  'Enhance availability and flexibility of pathways for regular migration',
  'Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work',
  'Address and reduce vulnerabilities in migration',
  'Save lives and establish coordinated international efforts on missing migrants',
  'Strengthen the transnational response to smuggling of migrants',
  'Prevent, combat and eradicate trafficking in persons in the context of international migration',
  'Manage borders in an integrated, secure and coordinated manner',
  'Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral',
  'Use migration detention only as a measure of last resort and work towards alternatives',
  'Enhance consular protection, assistance and cooperation throughout the migration cycle',
  'Provide access to basic services for migrants',
  'Empower migrants and societies to realize full inclusion and social cohesion',
  'Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration',
  'Invest in skills development and facilitate mutual recognition of skills, qualifications and competences',
  'Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries',
  'Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants',
  'Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration',
  'Establish mechanisms for the portability of social security entitlements and earned benefits',
  'Strengthen international cooperation and global partnerships for safe, orderly and regular migration',
];

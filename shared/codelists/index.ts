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

/** One copied codelist: code -> English name, and the codes IATI has withdrawn. Names in other languages: {@link loadCodeNames}. */
export interface Codelist {
  name: string;
  attribution: string;
  codes: Readonly<Record<string, string>>;
  withdrawn: readonly string[];
}

/** A language a code can be named in. */
export type CodeLocale = 'en' | 'fr' | 'es' | 'ar';

/** A code's name as shown to a reader, and the language it is in (so a page can mark English inside French with `lang`). */
export interface CodeName {
  name: string;
  lang: CodeLocale;
}

/** The lists named in other languages than English (the ones the code pickers show). */
export type NamedList = 'Sector' | 'UNSDG-Goals' | 'UNSDG-Targets';

/**
 * One language's names file, `names/<locale>.json` (SPEC L45), written by `scripts/codelists.mjs`:
 * where each list's names come from, and code -> name for the codes that have one.
 */
export interface CodeNamesFile {
  locale: string;
  attribution: Partial<Record<NamedList, string>>;
  names: Partial<Record<NamedList, Readonly<Record<string, string>>>>;
}

/**
 * Each language's names file, imported only when asked for (SPEC L45): the browser fetches one
 * language's chunk for its reader, never the others; the server may load all three.
 */
const NAME_FILES: Record<Exclude<CodeLocale, 'en'>, () => Promise<{ default: unknown }>> = {
  fr: () => import('./names/fr.json', { with: { type: 'json' } }),
  es: () => import('./names/es.json', { with: { type: 'json' } }),
  ar: () => import('./names/ar.json', { with: { type: 'json' } }),
};

const loadedNames = new Map<string, CodeNamesFile>();
const loadingNames = new Map<string, Promise<void>>();

/** True when `locale` has a names file (every language but English, whose names are the lists'). */
function hasNames(locale: string): locale is Exclude<CodeLocale, 'en'> {
  return Object.hasOwn(NAME_FILES, locale);
}

/**
 * Loads the code names of `locale` once (SPEC L45); resolves at once for English and for a
 * language without names. A failed load (offline, say) rejects and is tried again next call;
 * until then {@link localCodeName} gives English.
 */
export function loadCodeNames(locale: string): Promise<void> {
  if (!hasNames(locale) || loadedNames.has(locale)) return Promise.resolve();
  let p = loadingNames.get(locale);
  if (!p) {
    p = NAME_FILES[locale]().then(
      (m) => {
        loadedNames.set(locale, m.default as CodeNamesFile);
        loadingNames.delete(locale);
      },
      (err: unknown) => {
        loadingNames.delete(locale);
        throw err;
      },
    );
    loadingNames.set(locale, p);
  }
  return p;
}

/** True when {@link localCodeName} can name codes in `locale` now: English, or its names file loaded. */
export function codeNamesReady(locale: string): boolean {
  return !hasNames(locale) || loadedNames.has(locale);
}

/** The loaded names file of `locale`, or undefined (not loaded, or English). */
export function loadedCodeNames(locale: string): CodeNamesFile | undefined {
  return loadedNames.get(locale);
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
 * The name of a code for a reader of `locale` (SPEC L41, L45-L47): the name in the reader's
 * language where its names file is loaded ({@link loadCodeNames}) and names the code, else the
 * English name, with the language the name is in (`lang: 'en'` for English on a French, Spanish
 * or Arabic page). The name is '' when the code is not in the list.
 */
export function localCodeName(list: CodelistName, code: string, locale: string): CodeName {
  const names = loadedNames.get(locale)?.names[list as NamedList];
  if (names && Object.hasOwn(names, code)) return { name: names[code]!, lang: locale as CodeLocale };
  return { name: codeName(list, code), lang: 'en' };
}

/** Active codes of a list with their names, in the list's order (for pickers); in the reader's language where its loaded names file has the name (SPEC L41, L45). */
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

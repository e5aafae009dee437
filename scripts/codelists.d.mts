/** Types of scripts/codelists.mjs (see there). */
type List = { name: string; attribution: string; codes: Readonly<Record<string, string>>; withdrawn: readonly string[] };
type Names = Record<string, string>;
export const SOURCE_DIR: string;
export const TARGET_DIR: string;
export const NAMES_DIR: string;
export const NAMES_SRC_DIR: string;
export const CODELISTS: string[];
export const NAMED_LISTS: string[];
export const NAME_LOCALES: string[];
export const SDG_ATTRIBUTION: Record<'es' | 'ar', string>;
export function parseCodelist(name: string, xml: string): { list: List; fr: Names };
export function codelistJson(name: string, xml: string): string;
export function activeJson(lists: readonly List[]): string;
export function parseFlatYaml(text: string): Names;
export function sdgNames(locale: string, goalsYml: string, targetsYml: string, lists: Readonly<Record<string, List>>): { goals: Names; targets: Names; unmatched: string[] };
export function readSdgSource(dir: string, locale: string, file: string): string | null;
export function sectorSource(locale: string, text: string, sectorList: List): { names: Names; attribution: string };
/** SDG goal titles checked against resolution 70/1 (`names-src/UNSDG-Goals.<locale>.json`), checked and prefixed; throws on the first problem (SPEC L120). */
export function goalSource(locale: string, text: string, goalList: List): { names: Names; attribution: string };
export function namesJson(locale: string, parts: Readonly<Record<string, { names: Names; attribution: string }>>): string;
export function buildNames(input: {
  lists: Readonly<Record<string, List>>;
  fr: Readonly<Record<string, Names>>;
  sdgDir: string | null;
  sectorTexts: Readonly<Record<string, string | null | undefined>>;
  goalTexts?: Readonly<Record<string, string | null | undefined>>;
  committed: Readonly<Record<string, { names: Record<string, Names>; attribution: Record<string, string> } | null>>;
}): { files: Record<string, string>; log: string[] };

import type { Scalar } from './registry.js';

/**
 * What a field of the plan takes, for the reader's language (SPEC L43): a kind worded by
 * `gate:problemWords.expects.<kind>` and its parameters (limits, allowed values). Read from the
 * registry's English `expects` of each scalar, so the registry (which every page loads) carries no
 * more than before; only the JSON parser's problems (`parse.ts`) use it. A scalar whose `expects`
 * matches none of these reads as `shape`, and `tests/server/import-problems.test.ts` fails for it.
 */
export interface ExpectWords {
  kind: string;
  params: Record<string, string | number>;
}

/** Each kind: the English `expects` it matches (whole text) and the names of its captured parameters. */
const KINDS: readonly (readonly [kind: string, pattern: RegExp, params?: readonly string[]])[] = [
  ['text', /^a string of at most (\d+) characters$/, ['max']],
  ['boolean', /^true or false$/],
  ['dateOrNull', /^a date YYYY-MM-DD or null$/],
  ['date', /^a date YYYY-MM-DD$/],
  ['oneOfOrNull', /^one of (.+) or null$/, ['allowed']],
  ['oneOf', /^one of (.+)$/, ['allowed']],
  ['moneyOrNull', /^null or \{ amount: /],
  ['measureOrNull', /^null or \{ value: /],
  ['fundingOrNull', /^null or \{ kind: /],
  ['textList', /^a list of at most (\d+) short strings$/, ['max']],
  ['order', /^an order key /],
  ['idOrNull', /^an id or null$/],
  ['idList', /^a list of at most (\d+) distinct ids$/, ['max']],
  ['distinctList', /^a list of distinct (?:values|sector ids) from (.+)$/, ['allowed']],
  ['codeList', /^a list of at most (\d+) distinct active codes of the IATI (.+) codelist$/, ['max', 'list']],
  ['gcmObjectives', /^a list of distinct Global Compact for Migration objective numbers 1-(\d+)$/, ['max']],
  ['wholeOrNull', /^a whole number from (\d+) to (\d+) or null$/, ['min', 'max']],
  ['whole', /^a whole number from (\d+) to (\d+)$/, ['min', 'max']],
  ['smart', /^\{ specific, /],
  ['dependencies', /^a list of at most (\d+) \{ activityId, /, ['max']],
  ['periodTargets', /^a list of at most (\d+) \{ start: /, ['max']],
  ['readingParts', /^a list of at most (\d+) \{ dimension: /, ['max']],
  ['snapshotOrNull', /^a snapshot id or null$/],
  ['countryOrNull', /^an ISO 3166-1 alpha-2 code .* or null$/],
  ['currencyOrNull', /^an ISO 4217 code .* or null$/],
  ['currency', /^an ISO 4217 code$/],
  ['iatiOrgOrNull', /^an IATI organisation identifier .* or null$/],
  ['orgTypeOrNull', /^an IATI OrganisationType code .* or null$/],
  ['numberOrNull', /^a number or null$/],
  ['score', /^the score 0, 1 or 2$/],
  ['iatiId', /^an IATI activity identifier of at most (\d+) characters, or ""$/, ['max']],
  ['rate', /^a number above 0 and at most (\d+)$/, ['max']],
  ['time', /^an ISO time YYYY-/],
  ['timeOrNull', /^an ISO time or null$/],
  ['commentTarget', /^an id, or goalId:criterionId for a score$/],
  ['mentionList', /^a list of at most (\d+) distinct participant ids$/, ['max']],
  ['pseudonym', /^a name of at most (\d+) characters without control characters$/, ['max']],
  ['questionList', /^a list of at most (\d+) strings of at most (\d+) characters$/, ['max', 'chars']],
];

/** What `scalar` takes as a kind and parameters (figures as numbers); `shape` when its `expects` is none of the known kinds. */
export function expectWords(scalar: Pick<Scalar, 'expects'>): ExpectWords {
  for (const [kind, pattern, names = []] of KINDS) {
    const m = pattern.exec(scalar.expects);
    if (!m) continue;
    const params: Record<string, string | number> = {};
    names.forEach((name, i) => (params[name] = /^\d+$/.test(m[i + 1]!) ? Number(m[i + 1]) : m[i + 1]!));
    return { kind, params };
  }
  return { kind: 'shape', params: {} };
}

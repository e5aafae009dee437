/**
 * The active codes of the copied IATI codelists, without their English names (SPEC BL2): what the
 * registry needs to check plan values. `active.json` is written by `scripts/codelists.mjs` from the
 * same XML as the full lists (`index.ts`) and a test holds the two equal. The browser's first load
 * carries this small table; the full lists (names for the pickers) come with the views that show them.
 */
import ACTIVE from './active.json' with { type: 'json' };

/** The name of a copied codelist. */
export type CodelistName = keyof typeof ACTIVE;

/** The number of Global Compact for Migration objectives (numbered 1-23; their titles are `GCM_OBJECTIVES` in `index.ts`). */
export const GCM_OBJECTIVE_COUNT = 23;

const sets = new Map<CodelistName, ReadonlySet<string>>();

/** True when `code` is in the codelist and not withdrawn: what new plan values must be. */
export function isActiveCode(list: CodelistName, code: string): boolean {
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(ACTIVE[list].codes)));
  return set.has(code);
}

/** The active codes of a list, in the list's order. */
export function activeCodeIds(list: CodelistName): readonly string[] {
  return ACTIVE[list].codes;
}

/** The IATI name of a codelist (for messages and the JSON Schema). */
export function codelistTitle(list: CodelistName): string {
  return ACTIVE[list].name;
}

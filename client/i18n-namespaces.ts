/**
 * Which message namespaces the browser loads when (issue 16, poor links). Read by `client/i18n.ts`,
 * `client/views.ts` and the build (`vite.config.ts` bundles a locale's boot namespaces into one chunk).
 */

/**
 * The namespaces every screen needs from the start: the shell, the header (its panel buttons name
 * the consultations, sectors and library panels), comments and conflicts, and the live
 * region's and the phone's "More" menu's words (`a11y`). The Export menu's `export` texts load
 * with its content on its first opening (SPEC BL6). API error
 * texts (`errors`) follow right after the first screen (`client/views.ts`).
 * English ones are in the first load; another language's arrive together before the first render.
 */
export const BOOT_NAMESPACES = ['common', 'shell', 'collab', 'consult', 'library', 'sectors', 'a11y'] as const;

/**
 * Boot namespaces of which the first screen reads only a few top-level keys (SPEC BL5): the header's
 * panel names, the stage panel's link to the sector checklists. In English
 * the first load carries only these (`client/i18n-picks.ts`, cut from the catalogue at build time);
 * the whole namespace loads with the view or panel that reads the rest ({@link VIEW_NAMESPACES}).
 * Another language's boot set arrives whole, as before.
 */
export const BOOT_PICKS = {
  consult: ['heading'],
  library: ['title'],
  sectors: ['title', 'open', 'openHint'],
} as const satisfies Partial<Record<(typeof BOOT_NAMESPACES)[number], readonly string[]>>;

/**
 * The other namespaces each lazily loaded view or panel reads (its own module and the modules only it
 * imports); loaded with the module, before its element is defined, so it never renders a raw key.
 */
export const VIEW_NAMESPACES = {
  poa: ['poa', 'translations'],
  stage: ['cycle', 'stages', 'people'],
  scoring: ['scoring', 'consult'],
  matrix: ['matrix', 'funding', 'iati', 'timeline', 'issues', 'diff', 'monitoring', 'translations', 'library', 'gate'],
  monitoring: ['matrix', 'monitoring', 'diff', 'translations'],
  people: ['people'],
  versions: ['versions', 'diff', 'translations'],
  iati: ['iati'],
  sectors: ['sectors'],
  library: ['library', 'sectors'],
  consult: ['consult'],
  // The home page words import notes (`gate:imports.*`, L27) and names the workbook's columns by the
  // reader's headings (`xlsx:head.*`, L110; rt-home also loads them itself, as `/` imports it directly);
  // prefetched with the other views after a plan page's first screen, so a gate refusal found offline has its words too (L25).
  home: ['gate', 'xlsx'],
  // The Export menu's content (its format names and settings; SPEC BL6).
  exportMenu: ['export'],
} as const satisfies Record<string, readonly string[]>;

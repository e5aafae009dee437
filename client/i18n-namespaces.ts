/**
 * Which message namespaces the browser loads when (issue 16, poor links). Read by `client/i18n.ts`,
 * `client/views.ts` and the build (`vite.config.ts` bundles a locale's boot namespaces into one chunk).
 */

/**
 * The namespaces every screen needs from the start: the shell, the header (its panel buttons name
 * the consultations, sectors and library panels), comments and conflicts, exports, and the live
 * region's and the phone's "More" menu's words (`a11y`). API error
 * texts (`errors`) follow right after the first screen (`client/views.ts`).
 * English ones are in the first load; another language's arrive together before the first render.
 */
export const BOOT_NAMESPACES = ['common', 'shell', 'collab', 'export', 'consult', 'library', 'sectors', 'a11y'] as const;

/**
 * The other namespaces each lazily loaded view or panel reads (its own module and the modules only it
 * imports); loaded with the module, before its element is defined, so it never renders a raw key.
 */
export const VIEW_NAMESPACES = {
  poa: ['poa', 'translations'],
  stage: ['cycle', 'stages', 'people'],
  scoring: ['scoring'],
  matrix: ['matrix', 'funding', 'iati', 'timeline', 'issues', 'diff', 'monitoring', 'translations'],
  monitoring: ['matrix', 'monitoring', 'diff', 'translations'],
  people: ['people'],
  versions: ['versions', 'diff', 'translations'],
  iati: ['iati'],
} as const satisfies Record<string, readonly string[]>;

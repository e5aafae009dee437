/**
 * The English messages of the boot namespaces the first screen reads only in part
 * (`BOOT_PICKS` in `client/i18n-namespaces.ts`, SPEC BL5). In a production build `vite.config.ts`
 * replaces this module's code with only the picked keys of each (cut from the catalogue, so the two
 * cannot drift); in tests and development it gives the whole namespaces.
 */
import consult from '../shared/i18n/en/consult.js';
import library from '../shared/i18n/en/library.js';
import sectors from '../shared/i18n/en/sectors.js';
import type { Messages } from '../shared/i18n/types.js';
import type { BOOT_PICKS } from './i18n-namespaces.js';

/** The picked English namespaces (whole outside a production build). */
const picks: Record<keyof typeof BOOT_PICKS, Messages> = { consult, library, sectors };
export default picks;

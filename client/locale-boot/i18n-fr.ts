import common from '../../shared/i18n/fr/common.js';
import shell from '../../shared/i18n/fr/shell.js';
import collab from '../../shared/i18n/fr/collab.js';
import consult from '../../shared/i18n/fr/consult.js';
import library from '../../shared/i18n/fr/library.js';
import sectors from '../../shared/i18n/fr/sectors.js';
import a11y from '../../shared/i18n/fr/a11y.js';
import type { Messages } from '../../shared/i18n/types.js';
import type { BOOT_NAMESPACES } from '../i18n-namespaces.js';

/** The French boot namespaces in one module, so a French first visit fetches them in one request (SPEC L134). */
export default { common, shell, collab, consult, library, sectors, a11y } satisfies Record<(typeof BOOT_NAMESPACES)[number], Messages>;

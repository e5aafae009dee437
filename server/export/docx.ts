import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales.js';
import { planInLanguage } from '../../shared/domain/translations.js';
import { exportLocale, LANG_PARAM, type ExportFormat } from './formats.js';
import { buildPoaDocument, COMMENTS_PARAM, poaOptions, type PoaDocument } from './poa-model.js';

/**
 * The Word document of `doc`, as the bytes of a .docx file; headings and fixed texts in `lang`
 * (L8). The `docx` library and the writer (`docx-render.ts`) load on the first Word export, so
 * a server that never writes one never loads them.
 */
export async function renderPoaDocx(doc: PoaDocument, lang: Locale = DEFAULT_LOCALE): Promise<Uint8Array> {
  return (await import('./docx-render.js')).renderPoaDocx(doc, lang);
}

/** `export.docx`: the Plan of Action as an editable Word document; `period` picks the monitoring matrix's review. */
export const DOCX_EXPORT: ExportFormat = {
  name: 'docx',
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  disposition: 'attachment',
  summary: 'The Plan of Action as an editable Word document: headings, the ranking, the implementation matrix, funding by source, funder and fiscal year, and the monitoring matrix as tables (merged cells, landscape pages for the matrices), annexes',
  params: { period: { description: 'id of the review period whose Monitoring Implementation Matrix is included (default: the latest)' }, comments: COMMENTS_PARAM, lang: LANG_PARAM },
  errorCodes: ['unknown_period'],
  render: ({ plan, snapshot, params, generatedAt, baselines }) => {
    const locale = exportLocale(plan, params);
    return renderPoaDocx(buildPoaDocument(planInLanguage(plan, locale), { snapshot, generatedAt, ...poaOptions(params, baselines), locale }), locale);
  },
};

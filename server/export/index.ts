import type { ExportFormat } from './formats.js';
import { IATI_FORMAT } from './iati.js';
import { DOCX_EXPORT } from './docx.js';
import { HTML_EXPORT } from './html.js';
import { csvFormat } from './csv.js';
import { xlsxFormat } from './xlsx.js';

export { ExportError, checkParams, type ExportFormat, type ExportSource } from './formats.js';

/**
 * Every document format beside the plan's own JSON (which is `export.json`, served with the
 * derived values). Each entry is one module of `server/export/`; the routes, the OpenAPI
 * document and the heavy-work thread take the list from here.
 */
export const EXPORT_FORMATS: readonly ExportFormat[] = [HTML_EXPORT, DOCX_EXPORT, xlsxFormat, csvFormat, IATI_FORMAT];

/** The format served at `export.<name>`, if any. */
export function exportFormat(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.name === name);
}

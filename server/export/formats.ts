import type { PlanData } from '../../shared/schema/types.js';
import type { SnapshotMeta } from '../../shared/versions.js';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../../shared/i18n/locales.js';

/**
 * What an export is made from: the plan as plain data, the snapshot it is (null for the live
 * plan, so a document can say "endorsed version X, checksum Y" on its cover), the query
 * parameters the format documents (e.g. `period` for a monitoring review), and when it was made.
 */
export interface ExportSource {
  plan: PlanData;
  snapshot: SnapshotMeta | null;
  params: Readonly<Record<string, string>>;
  /** ISO 8601 timestamp of the request. */
  generatedAt: string;
  /** The agreed versions review periods are bound to (RV4), by snapshot id; a review whose version is absent is measured against the live plan. */
  baselines?: ReadonlyMap<string, PlanData>;
}

/** A query parameter an export format accepts (documented in OpenAPI). */
export interface ExportParam {
  description: string;
  /** The allowed values, when closed. */
  values?: readonly string[];
}

/**
 * One document format a plan leaves Roundtable as, served at `GET /api/plans/:id/export.<name>`
 * and `GET /api/plans/:id/snapshots/:sid/export.<name>` with the observer (read) right. It is
 * rendered in the heavy-work thread (`server/work/`), never on the event loop.
 */
export interface ExportFormat {
  /** The file name after `export.`: `docx`, `xlsx`, `iati.xml`, `html`... */
  name: string;
  /** The response's content type. */
  contentType: string;
  /** `attachment` downloads (Word, Excel, IATI); `inline` shows in the browser (the print view). */
  disposition: 'attachment' | 'inline';
  /** One line for the OpenAPI document and the Export menu. */
  summary: string;
  /** Query parameters it understands; unknown ones are refused (400 `invalid_export_param`). */
  params?: Readonly<Record<string, ExportParam>>;
  /** The codes of the {@link ExportError}s it may throw (answered as 400), for the OpenAPI document. */
  errorCodes?: readonly string[];
  /** Makes the document; throws {@link ExportError} for a request it cannot serve. */
  render(source: ExportSource): Promise<Uint8Array | string> | Uint8Array | string;
}

/** The `lang` query parameter of the document exports (L8): overrides the plan's language. */
export const LANG_PARAM: ExportParam = { description: "language of the document's headings and fixed texts (en, fr, es, ar; default: the plan's language)", values: LOCALES };

/** The language a document is written in (L8): `?lang=`, else the plan's `language`, else English. */
export function exportLocale(plan: Pick<PlanData, 'language'>, params: Readonly<Record<string, string>>): Locale {
  const asked = params['lang'];
  if (isLocale(asked)) return asked;
  return isLocale(plan.language) ? plan.language : DEFAULT_LOCALE;
}

/** A request an export cannot serve (an unknown review period...): answered as 400 with this code. */
export class ExportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Parameters of the browser's message `errors:<code>` (L7); the English message is the `detail` by default. */
    readonly params: Record<string, string | number> = { detail: message },
  ) {
    super(message);
  }
}

/** Why a query cannot be served by `format`, or null: unknown parameters or values outside a closed list. */
export function checkParams(format: ExportFormat, params: Readonly<Record<string, string>>): string | null {
  for (const [key, value] of Object.entries(params)) {
    const p = format.params?.[key];
    if (!p) return `export.${format.name} does not take the parameter "${key}"${format.params ? ` (it takes: ${Object.keys(format.params).join(', ')})` : ''}.`;
    if (p.values && !p.values.includes(value)) return `"${key}" must be one of: ${p.values.join(', ')}.`;
  }
  return null;
}

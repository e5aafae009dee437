/**
 * The documents a plan (or one of its snapshots) can be exported as, for the Export menu. Each
 * entry names a server format (`GET /api/plans/:id/export.<name>`, server/export/) and how the
 * menu offers it. Requests carry the bearer token in a header (through `request` in api.ts),
 * never in a URL: downloads are fetched and saved from a blob, and the print view is opened as a
 * blob URL of the fetched HTML.
 */

import { request } from './api.js';

export { saveBlob } from './api.js';

/** One export the menu offers. */
export interface ClientExport {
  /** The server's format: the file name after `export.`. */
  name: string;
  /** What the menu item says. */
  label: string;
  /** One line under the label. */
  hint: string;
  /** Opened in a new tab to print instead of downloaded. */
  print?: boolean;
  /** Takes the `period` parameter (the review period of the monitoring matrix). */
  period?: boolean;
  /** Takes `comments=1` (the discussion annex, SPEC CM10). */
  comments?: boolean;
  /** Fixed query parameters (one sheet of the workbook as CSV). */
  query?: Readonly<Record<string, string>>;
  /** Catalogue key of its label and hint (`<key>.label`, `<key>.hint`); default `shell:export.format.<format or csv_sheet>`. */
  messages?: string;
  /** Offered only where exports may name scorers (the plan's `exportNamedScores`, not anonymous scoring). */
  named?: boolean;
}

/** Every export, in menu order (the spreadsheet and IATI exports add their entries here). */
export const EXPORTS: readonly ClientExport[] = [
  { name: 'html', label: 'Print view', hint: 'Opens in a new tab: print it or save it as PDF', print: true, period: true, comments: true },
  { name: 'docx', label: 'Word document (.docx)', hint: 'The Plan of Action to edit and circulate', period: true, comments: true },
  { name: 'xlsx', label: 'Excel workbook (.xlsx)', hint: 'Matrix, budget, monitoring, scores and indicators, with live roll-up formulas' },
  { name: 'csv', label: 'Matrix as CSV', hint: 'One row per goal, outcome, output and activity', query: { sheet: 'matrix' } },
  { name: 'csv', label: 'Budget by funding source as CSV', hint: 'Planned money per goal and source', query: { sheet: 'budget' } },
  { name: 'csv', label: 'Monitoring as CSV', hint: 'Planned vs actual of one review period', query: { sheet: 'monitoring' }, period: true },
  { name: 'csv', label: 'Scores as CSV', hint: 'Per criterion, per committee and totals', query: { sheet: 'scores' } },
  { name: 'csv', label: 'Indicators as CSV', hint: 'Baselines, targets and readings', query: { sheet: 'indicators' } },
  { name: 'csv', label: 'Funding lines as CSV', hint: 'Every funding line, then money per funder and per source', query: { sheet: 'funding' }, messages: 'export:menu.csvFunding' },
  { name: 'csv', label: 'Criteria as CSV', hint: 'The scoring criteria, numbered', query: { sheet: 'criteria' }, messages: 'export:menu.csvCriteria' },
  { name: 'csv', label: 'Agreed scores as CSV', hint: 'The committees’ agreed scores with their notes', query: { sheet: 'agreed-scores' }, messages: 'export:menu.csvAgreed' },
  { name: 'csv', label: 'Named scores as CSV', hint: 'Who scored what (the facilitators allowed it)', query: { sheet: 'named-scores' }, messages: 'export:menu.csvNamed', named: true },
  { name: 'csv', label: 'Review periods as CSV', hint: 'Each review period, its dates and the version it is measured against', query: { sheet: 'reviews' }, messages: 'export:menu.csvReviews' },
  { name: 'iati.xml', label: 'IATI 2.03 activity file (.xml)', hint: 'For aid-transparency publishing (needs the reporting organisation)' },
  { name: 'json', label: 'Plan file (.json)', hint: 'roundtable-plan/1: imports into Roundtable' },
];

/** `/api/plans/<id>[/snapshots/<sid>]/export.<name>[?period=…][&comments=1]`. */
export function exportPath(planId: string, format: ClientExport, snapshotId: string | null, period: string | null, comments = false): string {
  const base = `/api/plans/${encodeURIComponent(planId)}${snapshotId ? `/snapshots/${encodeURIComponent(snapshotId)}` : ''}/export.${format.name}`;
  const query = new URLSearchParams(format.query ?? {});
  if (format.period && period) query.set('period', period);
  if (format.comments && comments) query.set('comments', '1');
  const q = query.toString();
  return q ? `${base}?${q}` : base;
}

/** The file name the server suggests (Content-Disposition), or `fallback`. */
export function fileNameOf(res: Response, fallback: string): string {
  const name = /filename="([^"\\/]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return name ?? fallback;
}

/** Fetches an export with the plan's token; rejects with an ApiError carrying the server's message. */
export async function fetchExport(planId: string, format: ClientExport, snapshotId: string | null, period: string | null, doFetch?: typeof fetch, comments = false): Promise<{ blob: Blob; name: string }> {
  const res = await request(exportPath(planId, format, snapshotId, period, comments), { planId, ...(doFetch ? { fetch: doFetch } : {}) });
  const fallback = `plan-${planId}${snapshotId ? `-${snapshotId}` : ''}${format.query?.['sheet'] ? `-${format.query['sheet']}` : ''}.${format.name}`;
  return { blob: await res.blob(), name: fileNameOf(res, fallback) };
}

/**
 * Shows fetched HTML in `win` (a tab opened at the click, so no popup blocker stops it) as a blob
 * URL: the address holds no token and nothing reaches a server log. Returns the blob URL, which
 * is revoked after a minute (the tab keeps its document).
 */
export function showInTab(win: Window, blob: Blob): string {
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
  win.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

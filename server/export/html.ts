import { exportLocale, LANG_PARAM, type ExportFormat } from './formats.js';
import { translator } from '../i18n.js';
import { SECTOR_COLUMNS, sectorCells } from './sector-part.js';
import { DEFAULT_LOCALE, dirOf, type Locale } from '../../shared/i18n/locales.js';
import {
  buildPoaDocument,
  COMMENTS_PARAM,
  poaOptions,
  type PoaActivityCells,
  type PoaDocument,
  type PoaMonitoringCells,
  type PoaSection,
  type PoaSpanCell,
} from './poa-model.js';
import { planInLanguage } from '../../shared/domain/translations.js';

/**
 * The print view: the Plan of Action (poa-model.ts) as one complete, static HTML document with
 * print CSS, so the browser's Print / Save as PDF gives a clean document. No script and no
 * external resource (it works under the strictest CSP: one inline `<style>` is all it needs);
 * every piece of user text is escaped and carries `dir="auto"` (a title in Arabic prints
 * right to left). A4 portrait for text, a named A4 landscape page for the two matrices,
 * a page break before each part, table headers repeated on every page (`<thead>`).
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** User text in an element of its own, direction from its content; `empty` when blank. */
function user(tag: string, text: string, empty = '', attrs = ''): string {
  const a = attrs ? ` ${attrs}` : '';
  if (!text.trim()) return empty ? `<${tag}${a}><span class="empty">${escapeHtml(empty)}</span></${tag}>` : `<${tag}${a}></${tag}>`;
  return `<${tag}${a} dir="auto">${escapeHtml(text)}</${tag}>`;
}

const CSS = `
@page { size: A4 portrait; margin: 16mm 14mm; }
@page matrix { size: A4 landscape; margin: 10mm 9mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 11pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; }
h1 { font-size: 22pt; margin: 0 0 .5rem; }
h2 { font-size: 16pt; margin: 0 0 .6rem; border-bottom: 2px solid #1b4f72; padding-bottom: .15rem; color: #1b4f72; }
h3 { font-size: 13pt; margin: 1rem 0 .3rem; }
h2, h3 { break-after: avoid; }
.hint { background: #fff8dc; border: 1px solid #e0c97a; padding: .5rem .75rem; margin-bottom: 1rem; }
.part { break-before: page; margin-top: 2rem; }
.cover { min-height: 60vh; }
.cover .kicker { text-transform: uppercase; letter-spacing: .08em; color: #555; margin: 3rem 0 .5rem; }
.endorsed { border: 2px solid #1e7b34; color: #1e7b34; padding: .5rem .75rem; margin: 1rem 0; font-weight: bold; }
.checksum { font-family: "Liberation Mono", monospace; font-size: 9pt; overflow-wrap: anywhere; font-weight: normal; }
dl.fields { display: grid; grid-template-columns: minmax(9rem, 30%) 1fr; gap: .25rem 1rem; margin: .3rem 0; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; }
.body, dd, td { white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { color: #666; font-style: italic; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .5rem 0; }
th, td { border: 1px solid #777; padding: 3px 4px; vertical-align: top; text-align: start; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
thead th { background: #dde7ef; }
tr { break-inside: avoid; }
.matrix { font-size: 8pt; line-height: 1.25; }
.matrix td.level { background: #f3f6f9; }
.funding tbody th { font-weight: normal; text-align: start; }
.funding { table-layout: auto; }
@media screen { .funding td { white-space: nowrap; } }
@media screen and (max-width: 40rem) { .funding { font-size: 9pt; } }
.code { font-weight: bold; white-space: nowrap; }
.rollup { display: block; margin-top: .2rem; font-style: italic; }
.num { text-align: end; }
.wide { overflow-x: auto; }
ul.lines { margin: .2rem 0 0; padding-inline-start: 1rem; }
.landscape { page: matrix; }
@media screen { .landscape { max-width: none; } }
@media print {
  body { max-width: none; padding: 0; }
  .hint { display: none; }
  .wide { overflow: visible; }
  .part { margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
`;

/** A fixed text of the document, escaped: `export:<key>` in its language. */
type Words = (key: string, params?: Record<string, unknown>) => string;

function sections(list: readonly PoaSection[], empty: string, t: Words): string {
  if (list.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return list.map((s) => `<section>${user('h3', s.title, t('export:doc.untitledSection'))}${user('div', s.body, t('export:doc.nothingWritten'), 'class="body"')}</section>`).join('\n');
}

function cover(doc: PoaDocument, t: Words): string {
  const c = doc.cover;
  const rows: [string, string][] = [
    [t('export:cover.country'), c.country],
    [t('export:cover.status'), c.status],
    [t('export:cover.horizon'), c.horizon],
    [t('export:cover.frameworks'), c.frameworks],
    [t('export:cover.stage'), c.stage],
    [t('export:cover.generated'), c.generatedAt],
  ];
  if (c.snapshot) rows.splice(2, 0, [t('export:cover.version'), t('export:cover.versionValue', { name: c.snapshot.name, status: t(`export:snapshotStatus.${c.snapshot.status}`), date: c.snapshot.taken })]);
  const checksum = `${escapeHtml(t('export:cover.checksum'))} <span class="checksum">${escapeHtml(c.snapshot?.sha256 ?? '')}</span>`;
  const endorsed = c.snapshot?.endorsed ? `<p class="endorsed">${escapeHtml(t('export:cover.endorsed'))} ${checksum}</p>` : c.snapshot ? `<p>${checksum}</p>` : '';
  return `<header class="cover">
<p class="kicker">${escapeHtml(t('export:doc.kicker'))}</p>
${user('h1', c.title, t('export:untitled'))}
${endorsed}
<dl class="fields">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt>${user('dd', v, t('export:doc.notSet'))}`).join('')}</dl>
</header>`;
}

function goals(doc: PoaDocument, t: Words): string {
  if (doc.goals.length === 0) return `<p class="empty">${escapeHtml(t('export:goal.none'))}</p>`;
  return doc.goals
    .map((g) => {
      const req = g.requirements.length
        ? `<h4>${escapeHtml(t('export:goal.requirements'))}</h4><ul>${g.requirements.map((r) => `<li><strong>${escapeHtml(t('export:doc.labelOf', { label: r.label }))}</strong> ${user('span', r.value, t('export:goal.noDescription'))}</li>`).join('')}</ul>`
        : '';
      return `<section class="goal"><h3><span class="code">${escapeHtml(t('export:goal.heading', { code: g.code }))}</span> ${user('span', g.title, t('export:goal.untitled'))}</h3>
<dl class="fields">${g.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt>${user('dd', f.value, t('export:doc.notSet'))}`).join('')}</dl>${req}</section>`;
    })
    .join('\n');
}

function ranking(doc: PoaDocument, t: Words): string {
  const r = doc.ranking;
  const th = (key: string, style = '') => `<th scope="col"${style ? ` style="${style}"` : ''}>${escapeHtml(t(`export:ranking.${key}`))}</th>`;
  if (r.rows.length === 0) return `<p class="empty">${escapeHtml(t('export:ranking.none'))}</p>`;
  const head = `<tr>${th('rank', 'width:4rem')}${th('goal', 'width:28%')}${r.criteria.map((c) => user('th', c, t('export:ranking.untitledCriterion'), 'scope="col"')).join('')}${th('total')}${th('imc')}${th('ncc')}</tr>`;
  const body = r.rows
    .map((row) => `<tr><td>${escapeHtml(row.rank)}</td><td><span class="code">${escapeHtml(row.code)}</span> ${user('span', row.title, t('export:goal.untitled'))} <span class="empty">(${escapeHtml(row.status.toLowerCase())})</span></td>${row.scores.map((s) => `<td class="num">${escapeHtml(s)}</td>`).join('')}<td class="num">${escapeHtml(row.total)}</td><td class="num">${escapeHtml(row.imc)}</td><td class="num">${escapeHtml(row.ncc)}</td></tr>`)
    .join('');
  let named = '';
  if (r.named) {
    named = `<h3>${escapeHtml(t('export:ranking.individual'))}</h3>`;
    named += r.named.rows.length
      ? `<table><thead><tr>${th('participant')}${th('group')}${th('goal', 'width:30%')}${r.named.criteria.map((c) => user('th', c, '', 'scope="col"')).join('')}</tr></thead><tbody>${r.named.rows
          .map((n) => `<tr>${user('td', n.participant)}${user('td', n.group)}${user('td', n.goal)}${n.scores.map((s) => `<td class="num">${escapeHtml(s)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      : `<p class="empty">${escapeHtml(t('export:ranking.nobody'))}</p>`;
  }
  const warnings = r.warnings.length ? `<ul>${r.warnings.map((w) => user('li', w)).join('')}</ul>` : '';
  return `<h3>${escapeHtml(t('export:ranking.heading'))}</h3><p>${escapeHtml(t('export:ranking.intro'))}</p>
<div class="wide"><table><thead>${head}</thead><tbody>${body}</tbody></table></div>${warnings}${named}`;
}

/** RP5: who took part, as small two-column tables and the gaps. */
function representation(doc: PoaDocument, t: Words): string {
  const r = doc.representation;
  const tables = r.tables
    .map((x) => `<table class="figures"><thead><tr><th scope="col">${escapeHtml(x.heading)}</th><th scope="col">${escapeHtml(t('export:rep.count'))}</th></tr></thead><tbody>${x.rows.map((row) => `<tr><td>${escapeHtml(row.label)}</td><td class="num">${escapeHtml(row.value)}</td></tr>`).join('')}</tbody></table>`)
    .join('');
  const gaps = r.gaps.length ? `<h4>${escapeHtml(t('export:rep.gaps'))}</h4><ul>${r.gaps.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul>` : `<p>${escapeHtml(t('export:rep.allTakePart'))}</p>`;
  return `<h3>${escapeHtml(t('export:rep.heading'))}</h3><p>${escapeHtml(r.summary)}</p>${gaps}<div class="wide">${tables}</div>`;
}

/** SK5: the sector coverage table (one row per Annex C sector), headers and words in the document's language. */
function sectorTable(doc: PoaDocument, t: (key: string, params?: Record<string, unknown>) => string): string {
  const head = `<tr>${SECTOR_COLUMNS.map((k) => `<th scope="col">${escapeHtml(t(k))}</th>`).join('')}</tr>`;
  const body = doc.sectors
    .map((row) => `<tr>${sectorCells(row, t).map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : i < 7 ? `<td class="num">${escapeHtml(c)}</td>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<h3>${escapeHtml(t('export:sectors.heading'))}</h3><p>${escapeHtml(t('export:sectors.intro'))}</p><div class="wide"><table class="sectors"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

/** A merged goal/outcome/output cell. */
function spanTd(cell: PoaSpanCell | null, kind: 'goal' | 'outcome' | 'output', withIndicators: boolean, t: Words): string {
  if (!cell) return '';
  if (cell.id === '') return `<td class="level"><span class="empty">${escapeHtml(t('export:doc.none'))}</span></td>`;
  const span = cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '';
  const rollup = cell.rollup ? `<span class="rollup">${escapeHtml(cell.rollup)}</span>` : '';
  const [before, after] = t('export:doc.responsible', { name: '\u0000' }).split('\u0000') as [string, string];
  const resp = cell.responsible ? `<span class="rollup">${escapeHtml(before)}${user('span', cell.responsible)}${escapeHtml(after ?? '')}</span>` : '';
  const ind = withIndicators && cell.indicators.length ? `<ul class="lines">${cell.indicators.map((i) => user('li', i)).join('')}</ul>` : '';
  return `<td class="level"${span}><span class="code">${escapeHtml(t(`export:doc.kind.${kind}`))} ${escapeHtml(cell.code)}</span> ${user('span', cell.title, t('export:doc.untitled'))}${rollup}${resp}${ind}</td>`;
}

function colgroup(widths: readonly number[]): string {
  return `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
}

function matrixTable(doc: PoaDocument, t: Words): string {
  const m = doc.matrix;
  if (m.rows.length === 0) return `<p class="empty">${escapeHtml(t('export:matrix.none'))}</p>`;
  const activity = (a: PoaActivityCells): string => {
    const deps = a.dependencies ? `<span class="rollup">${escapeHtml(a.dependencies)}</span>` : '';
    return `<td><span class="code">${escapeHtml(a.short)}</span> ${user('span', a.title, t('export:doc.untitled'))}${deps}</td><td class="num">${escapeHtml(a.budget)}</td>${user('td', a.funding)}`;
  };
  const rest = (a: PoaActivityCells): string => `${user('td', a.verification)}${user('td', a.risks)}${user('td', a.responsible)}<td>${escapeHtml(a.timeframe)}</td>`;
  const body = m.rows
    .map((r) => {
      // Indicators belong to the output: its cell spans the output's rows like the output cell.
      const ind = r.output ? `<td${r.output.rowSpan > 1 ? ` rowspan="${r.output.rowSpan}"` : ''}>${r.output.indicators.length ? `<ul class="lines">${r.output.indicators.map((i) => user('li', i)).join('')}</ul>` : ''}</td>` : '';
      const cells = r.activity ? `${activity(r.activity)}${ind}${rest(r.activity)}` : `<td colspan="3"><span class="empty">${escapeHtml(t('export:doc.noActivities'))}</span></td>${ind}<td colspan="4"></td>`;
      return `<tr>${spanTd(r.goal, 'goal', true, t)}${spanTd(r.outcome, 'outcome', true, t)}${spanTd(r.output, 'output', false, t)}${cells}</tr>`;
    })
    .join('\n');
  const head = `<tr>${m.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  return `<div class="wide"><table class="matrix">${colgroup([10, 10, 11, 13, 7, 9, 11, 8, 8, 7, 6])}<thead>${head}</thead><tbody>${body}</tbody>
<tfoot><tr><th scope="row" colspan="3">${escapeHtml(t('export:doc.wholePlan'))}</th><td colspan="${m.columns.length - 3}">${escapeHtml(m.total)}</td></tr></tfoot></table></div>`;
}

function monitoringTable(doc: PoaDocument, t: Words): string {
  const m = doc.monitoring;
  if (!m.periodId) return `<p class="empty">${escapeHtml(t('export:monitoring.none'))}</p>`;
  const cells = (a: PoaMonitoringCells | null): string =>
    a
      ? `<td><span class="code">${escapeHtml(a.short)}</span> ${user('span', a.title, t('export:doc.untitled'))}</td><td class="num">${escapeHtml(a.planned)}</td><td class="num">${escapeHtml(a.expenditure)}</td>${user('td', a.result)}<td>${user('span', a.progress)}${a.indicators.length ? `<ul class="lines">${a.indicators.map((i) => user('li', i)).join('')}</ul>` : ''}</td>`
      : `<td colspan="5"><span class="empty">${escapeHtml(t('export:doc.noActivities'))}</span></td>`;
  const body = m.rows.map((r) => `<tr>${spanTd(r.goal, 'goal', true, t)}${spanTd(r.outcome, 'outcome', true, t)}${spanTd(r.output, 'output', true, t)}${cells(r.activity)}</tr>`).join('\n');
  const head = `<tr>${m.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  return `<p>${escapeHtml(t('export:monitoring.period'))} ${user('strong', m.period)}</p><div class="wide"><table class="matrix">${colgroup([12, 12, 14, 16, 8, 8, 15, 15])}<thead>${head}</thead><tbody>${body}</tbody>
<tfoot><tr><th scope="row" colspan="3">${escapeHtml(t('export:doc.wholePlan'))}</th><td colspan="${m.columns.length - 3}">${escapeHtml(m.total)}</td></tr></tfoot></table></div>`;
}

/** The funding part: rates used and notes, then one table per view (empty ones say so). */
function fundingPart(doc: PoaDocument, t: Words): string {
  const f = doc.funding;
  const rates = f.rates.length ? `<p>${escapeHtml(t('export:funding.rates', { rates: f.rates.join('; ') }))}</p>` : '';
  const notes = f.notes.map((n) => `<p class="empty">${escapeHtml(n)}</p>`).join('');
  const tables = f.tables
    .map((x) => {
      if (x.rows.length === 0) return `<h3>${escapeHtml(x.caption)}</h3><p class="empty">${escapeHtml(t('export:funding.empty'))}</p>`;
      const head = `<tr>${x.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
      const body = x.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? user('th', c, '', 'scope="row"') : `<td class="num">${escapeHtml(c)}</td>`)).join('')}</tr>`).join('');
      return `<h3>${escapeHtml(x.caption)}</h3><div class="wide"><table class="funding"><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
    })
    .join('\n');
  return `${rates}${notes}${tables}`;
}

/** The whole print view of `doc` as an HTML document (a string); headings and fixed texts in `lang` (L8), with its `lang` and `dir`. */
export function renderPoaHtml(doc: PoaDocument, lang: Locale = DEFAULT_LOCALE): string {
  const t = translator(lang);
  const title = doc.cover.title.trim() || t('export:untitled');
  return `<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('export:title', { title }))}</title>
<style>${CSS}</style>
</head>
<body>
<p class="hint">${escapeHtml(t('export:hint'))}</p>
${cover(doc, t)}
<section class="part" aria-labelledby="p1"><h2 id="p1">${escapeHtml(t('export:part.background'))}</h2>
${sections(doc.background, t('export:empty.background'), t)}
</section>
<section class="part" aria-labelledby="p2"><h2 id="p2">${escapeHtml(t('export:part.programmes'))}</h2>
${goals(doc, t)}
${ranking(doc, t)}
${representation(doc, t)}
${sectorTable(doc, t)}
</section>
<section class="part landscape" aria-labelledby="p3"><h2 id="p3">${escapeHtml(t('export:part.matrix'))}</h2>
${matrixTable(doc, t)}
</section>
<section class="part" aria-labelledby="pf"><h2 id="pf">${escapeHtml(t('export:part.funding'))}</h2>
${fundingPart(doc, t)}
</section>
<section class="part landscape" aria-labelledby="p4"><h2 id="p4">${escapeHtml(t('export:part.monitoring'))}</h2>
${monitoringTable(doc, t)}
</section>
<section class="part" aria-labelledby="p5"><h2 id="p5">${escapeHtml(t('export:part.annexes'))}</h2>
${sections(doc.annexes, t('export:empty.annexes'), t)}
</section>
${doc.consultations.length ? `<section class="part" aria-labelledby="p7"><h2 id="p7">${escapeHtml(t('export:part.consultations'))}</h2>\n${sections(doc.consultations, '', t)}\n</section>` : ''}
${doc.comments ? `<section class="part" aria-labelledby="p6"><h2 id="p6">${escapeHtml(t('export:part.comments'))}</h2>\n${sections(doc.comments, t('export:empty.comments'), t)}\n</section>` : ''}
</body>
</html>
`;
}

/** `export.html`: the print view, shown inline; `period` picks the monitoring matrix's review. */
export const HTML_EXPORT: ExportFormat = {
  name: 'html',
  contentType: 'text/html; charset=utf-8',
  disposition: 'inline',
  summary: 'Print view of the Plan of Action (cover, background, goals and ranking, the implementation matrix, funding by source, funder and fiscal year, the monitoring matrix, annexes): print it or save it as PDF from the browser',
  params: { period: { description: 'id of the review period whose Monitoring Implementation Matrix is shown (default: the latest)' }, comments: COMMENTS_PARAM, lang: LANG_PARAM },
  errorCodes: ['unknown_period'],
  render: ({ plan, snapshot, params, generatedAt, baselines }) => {
    const locale = exportLocale(plan, params);
    return renderPoaHtml(buildPoaDocument(planInLanguage(plan, locale), { snapshot, generatedAt, ...poaOptions(params, baselines), locale }), locale);
  },
};

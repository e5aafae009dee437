import { GCM_OBJECTIVES, codeName, hasCode, loadCodeNames, localCodeName, type CodelistName } from '../../shared/codelists/index.js';
import { effectiveLines, linesByActivity, type EffectiveLine } from '../../shared/domain/funding.js';
import { roundMoney } from '../../shared/domain/money.js';
import { indexNodes, nodeCodes } from '../../shared/domain/tree.js';
import type { Activity, Indicator, Money, NodeKind, PlanData, Review } from '../../shared/schema/types.js';
import { ExportError, type ExportFormat, type ExportSource } from './formats.js';
import { planNarratives, type Narrative, type PlanNarratives } from '../iati/narratives.js';

/**
 * IATI 2.03 export of a plan (SPEC I4-I8), valid against the official activity schema.
 *
 * - The plan is the parent activity (`hierarchy="1"`, identifier `<reporting org ref>-<plan id>`);
 *   every live matrix activity is one child activity (`hierarchy="2"`, identifier
 *   `<parent>-<activity id>`): activities are where the plan holds budgets, funders, dates and
 *   expenditure, so a child per activity loses nothing. Parent and children point at each other
 *   with related-activity types 2 and 1.
 * - Results and indicators (goal = impact 3, outcome = 2, output = 1) sit on the parent, with the
 *   baseline, a period carrying the target, and one period per review period carrying the actual.
 * - Budgets are per child, split into periods of at most 12 months, pro rata by days.
 * - Expenditure reported in a review period is a transaction of type 4 dated at the period's end;
 *   funding lines (FN1, and the line an old `funding` record implies, FN2) give the funders and
 *   transactions: committed lines type 2, disbursed lines type 3 from their funder (SPEC I10).
 * - Funders are participating-org role 1, responsible parties role 2 (goals, outcomes, outputs)
 *   and 4 (the activity's implementer); the reporting organisation is role 2 on the parent.
 * - DAC sectors use vocabulary 1 (an activity without its own inherits its goal's), SDG targets
 *   are tags of vocabulary 3, Global Compact objectives tags of vocabulary 99.
 * - Review periods are document-links (category A07) to their print view.
 * - What IATI has no element for (row ids and codes, risks and assumptions, means of
 *   verification, expected results, indicator details) is kept in the `rt:` extension namespace.
 */

/** The namespace of Roundtable's IATI extension elements. */
export const RT_NS = 'https://roundtable.example/iati-ext/1';
/** Where the Global Compact's objectives are defined (vocabulary-uri of their tags). */
export const GCM_URI = 'https://undocs.org/A/RES/73/195';

// ---------------------------------------------------------------------------------------------
// XML writing

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/F). */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text made safe as XML character data or an attribute value (escaped, illegal characters dropped). */
export function xmlText(s: string): string {
  return s
    .replace(ILLEGAL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = string | false | null | undefined;

/** One element: attributes with null/undefined left out, children already XML. */
function el(name: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): string {
  let open = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) open += ` ${k}="${xmlText(String(v))}"`;
  const body = children.flat().filter((c): c is string => typeof c === 'string' && c !== '').join('');
  return body ? `${open}>${body}</${name}>` : `${open}/>`;
}

const narrative = (s: string) => el('narrative', {}, xmlText(s));

// The server names codes in every language (SPEC L48): all three names files, loaded once with this module.
await Promise.all(['fr', 'es', 'ar'].map((l) => loadCodeNames(l)));

/**
 * L48: a code's narratives: its English name (the file's default language), then its name in
 * `lang` (the plan's language) with `xml:lang` where that language names it.
 */
const codeNarratives = (list: CodelistName, code: string, lang: string): string[] => {
  const own = lang === 'en' ? null : localCodeName(list, code, lang);
  return [narrative(codeName(list, code)), own && own.lang === lang ? el('narrative', { 'xml:lang': lang }, xmlText(own.name)) : ''];
};
/** An element holding one narrative (title, description...). */
const textEl = (name: string, s: string, attrs: Attrs = {}) => el(name, attrs, narrative(s));
/**
 * ML6: an element with one narrative per language (`xml:lang` on each); a lone English
 * version stays one bare narrative (the activity's default language).
 */
const langTextEl = (name: string, versions: readonly Narrative[], attrs: Attrs = {}) =>
  versions.length === 1 && versions[0]!.lang === 'en'
    ? textEl(name, versions[0]!.text, attrs)
    : el(name, attrs, versions.map((v) => el('narrative', { 'xml:lang': v.lang }, xmlText(v.text))));
/** An extension element holding plain text, left out when empty. */
const rtText = (name: string, s: string) => (s.trim() ? el(`rt:${name}`, {}, xmlText(s)) : '');

/** A decimal IATI accepts (no exponent, at most two decimals). */
function decimal(n: number): string {
  return roundMoney(n).toFixed(2).replace(/\.?0+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Dates and budget periods

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The day before the same date a year later: the last day of a 12-month period starting at `d`. */
function yearEnd(d: string): string {
  const t = new Date(ms(d));
  t.setUTCFullYear(t.getUTCFullYear() + 1);
  return iso(t.getTime() - DAY);
}

/** A budget period with its share of the amount. */
export interface BudgetPeriod {
  start: string;
  end: string;
  amount: number;
}

/**
 * Splits `amount` over `start`..`end` (inclusive) into consecutive periods of at most 12 months
 * (SPEC I5), each getting a share in proportion to its days, rounded to cents; the last period
 * takes the rounding remainder so the shares add up to the amount exactly.
 */
export function splitBudget(amount: number, start: string, end: string): BudgetPeriod[] {
  const out: BudgetPeriod[] = [];
  const total = (ms(end) - ms(start)) / DAY + 1;
  let given = 0;
  for (let s = start; ms(s) <= ms(end); ) {
    const e = ms(yearEnd(s)) < ms(end) ? yearEnd(s) : end;
    const last = e === end;
    const share = last ? roundMoney(amount - given) : roundMoney((amount * ((ms(e) - ms(s)) / DAY + 1)) / total);
    given = roundMoney(given + share);
    out.push({ start: s, end: e, amount: share });
    s = iso(ms(e) + DAY);
  }
  return out;
}

/** Equal percentages adding up to exactly 100 (the first takes the remainder). */
function percentages(n: number): string[] {
  if (n <= 1) return n === 1 ? ['100'] : [];
  const each = Math.floor(10_000 / n) / 100;
  const first = roundMoney(100 - each * (n - 1));
  return [decimal(first), ...Array<string>(n - 1).fill(decimal(each))];
}

// ---------------------------------------------------------------------------------------------
// The export

/** Activity status (IATI ActivityStatus) of a plan at a stage: pipeline until implementation. */
function activityStatus(plan: PlanData): string {
  return plan.stage === 'implementation' || plan.stage === 'monitoring-and-evaluation' ? '2' : '1';
}

const KIND_NAME: Record<NodeKind, string> = { goal: 'Goal', outcome: 'Outcome', output: 'Output', activity: 'Activity' };
/** IATI ResultType of indicators on each level. */
const RESULT_TYPE: Partial<Record<NodeKind, string>> = { output: '1', outcome: '2', goal: '3', activity: '9' };

/** What the document needs that the plan may lack; an export without it would not be valid IATI. */
function missing(plan: PlanData): string[] {
  const out: string[] = [];
  if (!plan.reportingOrgName.trim()) out.push('the reporting organisation\'s name');
  if (!plan.reportingOrgRef) out.push('the reporting organisation\'s IATI identifier');
  if (!plan.horizonStart || !plan.horizonEnd) out.push('the plan horizon (start and end)');
  else if (plan.horizonEnd < plan.horizonStart) out.push('a plan horizon that ends after it starts');
  return out;
}

/** The document-link base URL: an absolute http(s) URL without query or fragment, or ''. */
function baseUrl(params: Readonly<Record<string, string>>): string {
  const base = params.base;
  if (base === undefined) return '';
  let url: URL | null = null;
  try {
    url = new URL(base);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || base.length > 500) {
    throw new ExportError('invalid_iati_base', '"base" must be an absolute http(s) address without query, e.g. https://roundtable.example.org.');
  }
  return base.replace(/\/+$/, '');
}

/** Renders the plan as an `iati-activities` 2.03 document (see the module comment). */
export function renderIati(source: ExportSource): string {
  const { plan, generatedAt } = source;
  const gaps = missing(plan);
  if (gaps.length) {
    throw new ExportError('iati_plan_incomplete', `IATI needs ${gaps.join(', ')}: set ${gaps.length > 1 ? 'them' : 'it'} in the plan settings.`);
  }
  const base = baseUrl(source.params);
  const horizonStart = plan.horizonStart!;
  const horizonEnd = plan.horizonEnd!;
  const parentId = `${plan.reportingOrgRef}-${plan.id}`;
  const codes = nodeCodes(plan);
  const index = indexNodes(plan);
  const currency = plan.currency && hasCode('Currency', plan.currency) ? plan.currency : null;
  const country = plan.country && hasCode('Country', plan.country) ? plan.country : null;
  const status = activityStatus(plan);
  const lastUpdated = generatedAt.replace(/\.\d+Z$/, 'Z');
  const today = generatedAt.slice(0, 10);

  const reportingOrg = el('reporting-org', { ref: plan.reportingOrgRef, type: plan.reportingOrgType }, narrative(plan.reportingOrgName));
  const recipient = country ? el('recipient-country', { code: country, percentage: 100 }) : '';
  const liveActivities = plan.activities.filter((a) => codes.has(a.id)).sort((x, y) => compareCodes(codes.get(x.id)!.code, codes.get(y.id)!.code));
  const liveReviews = plan.reviews.filter((r) => !r.archived);
  // Each review's activity reports by activity id (one lookup per activity, not a scan).
  const reportsOf = liveReviews.map((r) => new Map(r.activities.map((x) => [x.activityId, x])));
  const goalOf = (activity: Activity) => {
    const output = index.get(activity.outputId);
    const outcome = output?.parentId ? index.get(output.parentId) : undefined;
    const goal = outcome?.parentId ? index.get(outcome.parentId) : undefined;
    return { output, outcome, goal };
  };

  const sectors = (dac: readonly string[]) => {
    const pct = percentages(dac.length);
    return dac.map((code, i) => el('sector', { vocabulary: '1', code, percentage: pct[i] }, codeNarratives('Sector', code, plan.language)));
  };
  const tags = (sdg: readonly string[], gcm: readonly number[]) => [
    ...sdg.map((code) => el('tag', { vocabulary: '3', code }, codeNarratives('UNSDG-Targets', code, plan.language))),
    ...gcm.map((n) => el('tag', { vocabulary: '99', 'vocabulary-uri': GCM_URI, code: `GCM-${n}` }, narrative(`Global Compact for Migration objective ${n}: ${GCM_OBJECTIVES[n - 1]}`))),
  ];
  const distinct = <T>(xs: T[]) => [...new Set(xs)];

  // ---- the parent activity: the plan
  const liveGoals = plan.goals.filter((g) => codes.has(g.id));
  const tongues = planNarratives(plan);
  const goalTitles = liveGoals.map((g) => ({ kind: 'goal' as const, id: g.id, original: g.title }));
  // ML6: English keeps its sentence; other languages list each goal's code and title.
  const goalLines = tongues.of(goalTitles, (lang, titleIn) =>
    liveGoals
      .map((g, i) => (lang === 'en' ? `Goal ${codes.get(g.id)!.code}: ${titleIn(goalTitles[i]!)}${g.objective.trim() ? ` (objective: ${g.objective.trim()})` : ''}` : `${codes.get(g.id)!.code} ${titleIn(goalTitles[i]!)}`))
      .join('\n'),
  );
  const accountable = distinct(liveGoals.flatMap((g) => g.responsibleParties).filter((p) => p.trim()));
  const byActivity = linesByActivity(plan.fundingLines ?? []);
  const linesOf = new Map(liveActivities.map((a) => [a.id, effectiveLines(a, byActivity.get(a.id))]));
  const funders = (acts: Activity[]) => funderOrgs(acts.flatMap((a) => linesOf.get(a.id)!));
  const implementers = distinct(liveActivities.map((a) => a.responsible.trim()).filter(Boolean));

  const reviewLinks = liveReviews.map((r) =>
    el(
      'document-link',
      { url: `${base}/plans/${encodeURIComponent(plan.id)}/print?review=${encodeURIComponent(r.id)}`, format: 'text/html' },
      textEl('title', reviewTitle(r)),
      el('category', { code: 'A07' }),
      el('language', { code: 'en' }),
      r.end || r.start ? el('document-date', { 'iso-date': r.end ?? r.start }) : '',
    ),
  );

  const results = resultsXml(plan, codes, index, liveReviews, horizonStart, horizonEnd, today, tongues);

  const parent = el(
    'iati-activity',
    { 'last-updated-datetime': lastUpdated, 'xml:lang': 'en', 'default-currency': currency, hierarchy: 1 },
    el('iati-identifier', {}, xmlText(parentId)),
    reportingOrg,
    textEl('title', plan.title || '(untitled plan)'),
    textEl('description', `National plan of action on migration and development${country ? ` (${codeName('Country', country)})` : ''}: ${plan.title}`, { type: '1' }),
    liveGoals.length ? langTextEl('description', goalLines, { type: '2' }) : '',
    el('participating-org', { ref: plan.reportingOrgRef, type: plan.reportingOrgType, role: '2' }, narrative(plan.reportingOrgName)),
    funders(liveActivities),
    accountable.filter((p) => p !== plan.reportingOrgName).map((p) => el('participating-org', { role: '2' }, narrative(p))),
    implementers.map((p) => el('participating-org', { role: '4' }, narrative(p))),
    el('activity-status', { code: status }),
    el('activity-date', { type: '1', 'iso-date': horizonStart }),
    el('activity-date', { type: '3', 'iso-date': horizonEnd }),
    recipient,
    sectors(distinct(liveGoals.flatMap((g) => g.dacSectors))),
    tags(distinct(liveGoals.flatMap((g) => g.sdgTargets)), distinct(liveGoals.flatMap((g) => g.gcmObjectives)).sort((a, b) => a - b)),
    reviewLinks,
    liveActivities.map((a) => el('related-activity', { ref: `${parentId}-${a.id}`, type: '2' })),
    results,
    planExtension(plan, codes, index),
  );

  // ---- one child per matrix activity
  const children = liveActivities.map((a) => {
    const { output, outcome, goal } = goalOf(a);
    const goalNode = goal?.kind === 'goal' ? plan.goals.find((g) => g.id === goal.node.id) : undefined;
    const code = codes.get(a.id)!.code;
    const start = a.start ?? horizonStart;
    const end = a.end && a.end >= start ? a.end : horizonEnd >= start ? horizonEnd : start;
    const pathNodes = [goal, outcome, output].filter((n) => n !== undefined);
    const own = { kind: 'activity' as const, id: a.id, original: a.title };
    const pathTitles = pathNodes.map((n) => ({ kind: n.kind, id: n.node.id, original: n.node.title }));
    // ML6: one title and one description narrative per language the activity's title is written in.
    const titles = tongues.of([own], (_, titleIn) => `${code} ${titleIn(own) || '(untitled activity)'}`);
    const descriptions = tongues.of([own], (lang, titleIn) =>
      [...pathNodes.map((n, i) => (lang === 'en' ? `${KIND_NAME[n.kind]} ` : '') + `${codes.get(n.node.id)?.code ?? ''}${lang === 'en' ? ':' : ''} ${titleIn(pathTitles[i]!)}`), lang === 'en' ? `Activity ${code}: ${titleIn(own)}` : `${code} ${titleIn(own)}`].join('\n'),
    );
    const accountableHere = distinct([output, outcome].map((n) => (n && 'responsible' in n.node ? n.node.responsible.trim() : '')).filter(Boolean));
    const lines = linesOf.get(a.id)!;
    const committed = lines.some((l) => l.status !== 'pledged' && l.amount !== null);
    const budgets = a.budget && a.budget.amount > 0 && hasCode('Currency', a.budget.currency) ? budgetXml(a.budget, start, end, committed) : [];
    const expenditure = liveReviews.flatMap((r, k) => {
      const report = reportsOf[k]!.get(a.id);
      if (!report?.expenditure || !hasCode('Currency', report.expenditure.currency)) return [];
      const date = r.end ?? r.start ?? today;
      return [
        el(
          'transaction',
          {},
          el('transaction-type', { code: '4' }),
          el('transaction-date', { 'iso-date': date }),
          el('value', { currency: report.expenditure.currency, 'value-date': date }, decimal(report.expenditure.amount)),
          textEl('description', `Expenditure reported in ${reviewTitle(r)}`),
        ),
      ];
    });
    // Money given or promised for sure is dated at the activity's start, never after the export day.
    const funding = lineTransactions(lines, start < today ? start : today);
    const ownSectors = a.dacSectors.length ? a.dacSectors : (goalNode?.dacSectors ?? []);
    const ownSdg = a.sdgTargets.length ? a.sdgTargets : (goalNode?.sdgTargets ?? []);
    const ownGcm = a.gcmObjectives.length ? a.gcmObjectives : (goalNode?.gcmObjectives ?? []);
    const orgs = [
      ...funderOrgs(lines),
      ...accountableHere.map((p) => el('participating-org', { role: '2' }, narrative(p))),
      a.responsible.trim() ? el('participating-org', { role: '4' }, narrative(a.responsible.trim())) : '',
    ].filter(Boolean);
    return el(
      'iati-activity',
      { 'last-updated-datetime': lastUpdated, 'xml:lang': 'en', 'default-currency': currency, hierarchy: 2 },
      el('iati-identifier', {}, xmlText(`${parentId}-${a.id}`)),
      reportingOrg,
      langTextEl('title', titles),
      langTextEl('description', descriptions, { type: '1' }),
      a.result.trim() ? textEl('description', `Expected result: ${a.result}`, { type: '2' }) : '',
      orgs.length ? orgs : el('participating-org', { ref: plan.reportingOrgRef, type: plan.reportingOrgType, role: '2' }, narrative(plan.reportingOrgName)),
      el('activity-status', { code: status }),
      el('activity-date', { type: '1', 'iso-date': start }),
      el('activity-date', { type: '3', 'iso-date': end }),
      recipient,
      sectors(ownSectors),
      tags(ownSdg, ownGcm),
      budgets,
      funding,
      expenditure,
      el('related-activity', { ref: parentId, type: '1' }),
      el(
        'rt:activity',
        { id: a.id, code, 'output-id': a.outputId },
        rtText('expected-result', a.result),
        rtText('risks', a.risks),
        rtText('verification', a.verification),
        a.funding ? el('rt:funding', { kind: a.funding.kind, modality: a.funding.modality, status: a.funding.status, funder: a.funding.funder }) : '',
        a.dependencies.map((d) => el('rt:dependency', { 'activity-id': d.activityId, type: d.type })),
      ),
    );
  });

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el(
      'iati-activities',
      { version: '2.03', 'generated-datetime': lastUpdated, 'xmlns:rt': RT_NS },
      parent,
      children,
      // The snapshot the document was made from: name, status (endorsed...) and checksum.
      source.snapshot ? el('rt:snapshot', { id: source.snapshot.id, name: source.snapshot.name, status: source.snapshot.status, sha256: source.snapshot.sha256 }) : '',
    ) +
    '\n'
  );
}

/**
 * The funders of some funding lines as participating-org role 1 (SPEC I10): one per distinct
 * funder name (trimmed; lines naming nobody are left out), in first-seen order, with the IATI
 * activity identifier of its first line that has one as `activity-id`.
 */
function funderOrgs(lines: readonly EffectiveLine[]): string[] {
  const seen = new Map<string, string>();
  for (const l of lines) {
    const name = l.funder.trim();
    if (!name) continue;
    if (!seen.has(name) || (!seen.get(name) && l.iatiActivityId)) seen.set(name, l.iatiActivityId);
  }
  return [...seen].map(([name, activityId]) => el('participating-org', { role: '1', 'activity-id': activityId || null }, narrative(name)));
}

/** IATI transaction type of a funding line's status; pledged money is no transaction (SPEC I10). */
const LINE_TRANSACTION: Record<EffectiveLine['status'], string | null> = { pledged: null, committed: '2', disbursed: '3' };

/**
 * Committed lines as commitments (type 2) and disbursed lines as disbursements (type 3), dated
 * `date`, in the line's currency, from the funder as provider-org with the donor's IATI activity
 * identifier as `provider-activity-id` (SPEC I10). Lines without an amount or with a currency
 * outside the codelist are left out.
 */
function lineTransactions(lines: readonly EffectiveLine[], date: string): string[] {
  return lines.flatMap((l) => {
    const type = LINE_TRANSACTION[l.status];
    if (!type || !l.amount || !hasCode('Currency', l.amount.currency)) return [];
    const funder = l.funder.trim();
    const what = `${l.status === 'committed' ? 'Committed' : 'Disbursed'}${funder ? ` by ${funder}` : ''}${l.source === 'national-budget' ? ` (national budget${l.budgetLine.trim() ? ` line ${l.budgetLine.trim()}` : ''})` : ''}`;
    return [
      el(
        'transaction',
        {},
        el('transaction-type', { code: type }),
        el('transaction-date', { 'iso-date': date }),
        el('value', { currency: l.amount.currency, 'value-date': date }, decimal(l.amount.amount)),
        textEl('description', what),
        funder || l.iatiActivityId ? el('provider-org', { 'provider-activity-id': l.iatiActivityId || null }, funder ? narrative(funder) : '') : '',
      ),
    ];
  });
}

/** "Mid-term review Year 1-2 (2026-01-01 to 2027-12-31)". */
function reviewTitle(r: Review): string {
  const kind = r.kind === 'mid-term' ? 'Mid-term review' : r.kind === 'final' ? 'Final review' : 'Yearly review';
  const dates = r.start || r.end ? ` (${r.start ?? '?'} to ${r.end ?? '?'})` : '';
  return `${kind}${r.label.trim() ? ` ${r.label.trim()}` : ''}${dates}`;
}

/** The budget of one activity as IATI budgets of at most 12 months each (SPEC I5). */
function budgetXml(budget: Money, start: string, end: string, committed: boolean): string[] {
  return splitBudget(budget.amount, start, end).map((p) =>
    el(
      'budget',
      { type: '1', status: committed ? '2' : '1' },
      el('period-start', { 'iso-date': p.start }),
      el('period-end', { 'iso-date': p.end }),
      el('value', { currency: budget.currency, 'value-date': p.start }, decimal(p.amount)),
    ),
  );
}

/** Results of the goals, outcomes and outputs that carry indicators, in matrix order. */
function resultsXml(
  plan: PlanData,
  codes: ReturnType<typeof nodeCodes>,
  index: ReturnType<typeof indexNodes>,
  reviews: Review[],
  horizonStart: string,
  horizonEnd: string,
  today: string,
  tongues: PlanNarratives,
): string[] {
  const byNode = new Map<string, Indicator[]>();
  for (const i of plan.indicators) {
    if (i.archived || !codes.has(i.nodeId)) continue;
    byNode.set(i.nodeId, [...(byNode.get(i.nodeId) ?? []), i]);
  }
  const nodes = [...byNode.keys()].sort((a, b) => compareCodes(codes.get(a)!.code, codes.get(b)!.code));
  return nodes.flatMap((nodeId) => {
    const entry = index.get(nodeId)!;
    const type = RESULT_TYPE[entry.kind];
    if (!type) return [];
    const title = { kind: entry.kind, id: nodeId, original: entry.node.title };
    const indicators = byNode.get(nodeId)!.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    return [
      el(
        'result',
        { type },
        langTextEl(
          'title',
          tongues.of([title], (lang, titleIn) => (lang === 'en' ? `${KIND_NAME[entry.kind]} ${codes.get(nodeId)!.code}: ${titleIn(title)}` : `${codes.get(nodeId)!.code} ${titleIn(title)}`)),
        ),
        indicators.map((i) => indicatorXml(i, reviews, horizonStart, horizonEnd, today)),
      ),
    ];
  });
}

/** The day after an ISO date. */
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * One indicator: baseline, the overall target period, one period per per-period target (SPEC IN3;
 * a target without a start runs from the day after the previous one, or from the baseline date or
 * the plan start), and a period with the actual of each review, plus one actual per disaggregated
 * part with its dimension (IN7). Qualitative indicators use IndicatorMeasure 5.
 */
function indicatorXml(i: Indicator, reviews: Review[], horizonStart: string, horizonEnd: string, today: string): string {
  const measure = i.measurement === 'qualitative' ? '5' : /%|percent/i.test(i.unit) ? '2' : '1';
  const baselineYear = Number((i.baseline?.date ?? horizonStart ?? today).slice(0, 4)) || Number(today.slice(0, 4));
  const targetStart = i.baseline?.date ?? horizonStart;
  const targetEnd = i.target?.date ?? horizonEnd;
  const periods: string[] = [];
  if (i.target && targetStart <= targetEnd) {
    periods.push(
      el('period', {}, el('period-start', { 'iso-date': targetStart }), el('period-end', { 'iso-date': targetEnd }), el('target', { value: String(i.target.value) })),
    );
  }
  let previous: string | null = null;
  for (const t of [...i.periodTargets].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0))) {
    const start = t.start ?? (previous ? dayAfter(previous) : targetStart);
    previous = t.end;
    if (start > t.end) continue;
    periods.push(el('period', {}, el('period-start', { 'iso-date': start }), el('period-end', { 'iso-date': t.end }), el('target', { value: String(t.value) })));
  }
  for (const r of reviews) {
    const reading = readingsOf(r).get(i.id);
    if (!reading || reading.value === null || !r.start || !r.end || r.end < r.start) continue;
    periods.push(
      el(
        'period',
        {},
        el('period-start', { 'iso-date': r.start }),
        el('period-end', { 'iso-date': r.end }),
        el('actual', { value: String(reading.value) }, reading.note.trim() ? el('comment', {}, narrative(reading.note)) : ''),
        reading.parts.map((p) => el('actual', { value: String(p.value) }, el('dimension', { name: p.dimension, value: p.category }))),
      ),
    );
  }
  const description = [i.unit.trim() ? `Unit: ${i.unit.trim()}` : '', i.source.trim() ? `Source: ${i.source.trim()}` : ''].filter(Boolean).join('. ');
  return el(
    'indicator',
    { measure },
    textEl('title', i.name || '(unnamed indicator)'),
    description ? textEl('description', description) : '',
    i.baseline ? el('baseline', { year: baselineYear > 0 ? baselineYear : 1, 'iso-date': i.baseline.date, value: String(i.baseline.value) }) : '',
    periods,
  );
}

const readingMaps = new WeakMap<Review, Map<string, Review['indicators'][number]>>();
/** A review's indicator readings by indicator id (built once per review). */
function readingsOf(r: Review): Map<string, Review['indicators'][number]> {
  let m = readingMaps.get(r);
  if (!m) readingMaps.set(r, (m = new Map(r.indicators.map((x) => [x.indicatorId, x]))));
  return m;
}

/** Compares full codes numerically part by part (1.10 after 1.9). */
function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? -1) - (pb[k] ?? -1);
    if (d) return d;
  }
  return 0;
}

/** The parent's extension: the matrix rows above activities and what IATI has no place for. */
function planExtension(plan: PlanData, codes: ReturnType<typeof nodeCodes>, index: ReturnType<typeof indexNodes>): string {
  const rows = [...index.entries()]
    .filter(([id, e]) => codes.has(id) && e.kind !== 'activity')
    .sort(([a], [b]) => compareCodes(codes.get(a)!.code, codes.get(b)!.code))
    .map(([id, e]) => el('rt:row', { kind: e.kind, id, code: codes.get(id)!.code, 'parent-id': e.parentId }, xmlText(e.node.title)));
  const indicators = plan.indicators
    .filter((i) => !i.archived && codes.has(i.nodeId))
    .map((i) =>
      el(
        'rt:indicator',
        { id: i.id, 'node-id': i.nodeId, kind: i.kind, level: i.level, unit: i.unit || null, measurement: i.measurement, frequency: i.frequency },
        rtText('verification', i.verification),
        rtText('source', i.source),
        i.disaggregation.map((d) => rtText('disaggregation', d)),
      ),
    );
  return el('rt:plan', { id: plan.id, country: plan.country, stage: plan.stage }, rows, indicators);
}

/** The `export.iati.xml` format (SPEC I4-I8). */
export const IATI_FORMAT: ExportFormat = {
  name: 'iati.xml',
  contentType: 'application/xml; charset=utf-8',
  disposition: 'attachment',
  summary: 'IATI 2.03 activity file: the plan as parent activity, one child per matrix activity (needs the reporting organisation and the plan horizon).',
  params: { base: { description: 'absolute http(s) address of this Roundtable, for the review periods\' document-links (default: links relative to the server)' } },
  errorCodes: ['iati_plan_incomplete', 'invalid_iati_base'],
  render: renderIati,
};

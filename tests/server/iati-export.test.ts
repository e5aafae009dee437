import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasCode, type CodelistName } from '../../shared/codelists/index.js';
import { ExportError } from '../../server/export/formats.js';
import { RT_NS, renderIati, splitBudget, xmlText } from '../../server/export/iati.js';
import type { PlanData } from '../../shared/schema/types.js';
import { SHARED_FOLDER_ABSENT, skipBecause } from '../helpers/skip.js';
import { auth } from '../helpers/test-server.js';
import { IATI_XSD, iatiPlan, importPlan, serverForFile, xsdProblems } from './iati-helpers.js';

const render = (plan: PlanData, params: Record<string, string> = {}) =>
  renderIati({ plan, snapshot: null, params, generatedAt: '2026-12-01T18:00:00.000Z' }) as string;

/** Every element with its attributes, in document order (the export writes no comments or CDATA). */
function elements(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const out: { name: string; attrs: Record<string, string>; text: string }[] = [];
  for (const m of xml.matchAll(/<([a-z:-]+)((?:\s+[a-z:-]+="[^"]*")*)\s*(\/?)>([^<]*)/g)) {
    const attrs = Object.fromEntries([...m[2]!.matchAll(/([a-z:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    out.push({ name: m[1]!, attrs, text: m[3] ? '' : m[4]! });
  }
  return out;
}

/** Which codelist each coded attribute of the export uses. */
const CODED: Record<string, [string, CodelistName][]> = {
  'reporting-org': [['type', 'OrganisationType']],
  'participating-org': [['role', 'OrganisationRole'], ['type', 'OrganisationType']],
  'activity-status': [['code', 'ActivityStatus']],
  'activity-date': [['type', 'ActivityDateType']],
  description: [['type', 'DescriptionType']],
  'recipient-country': [['code', 'Country']],
  sector: [['vocabulary', 'SectorVocabulary']],
  tag: [['vocabulary', 'TagVocabulary']],
  budget: [['type', 'BudgetType'], ['status', 'BudgetStatus']],
  value: [['currency', 'Currency']],
  'transaction-type': [['code', 'TransactionType']],
  category: [['code', 'DocumentCategory']],
  language: [['code', 'Language']],
  'related-activity': [['type', 'RelatedActivityType']],
  result: [['type', 'ResultType']],
  indicator: [['measure', 'IndicatorMeasure']],
  'iati-activity': [['default-currency', 'Currency']],
};

describe('IATI 2.03 export (server/export/iati.ts, SPEC I4-I8)', () => {
  it('[I4] the handbook example is valid against the official 2.03 schema (xmllint)', (ctx) => {
    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    const xml = render(iatiPlan());
    expect(xsdProblems(xml)).toBe('');
    // A plan with nothing but what IATI needs is valid too.
    const bare = iatiPlan();
    Object.assign(bare, { indicators: [], reviews: [], country: null, currency: null });
    expect(xsdProblems(render(bare))).toBe('');
  });

  it('[I4] every code the export uses exists in the official codelists', () => {
    const els = elements(render(iatiPlan()));
    let checked = 0;
    for (const e of els) {
      for (const [attr, list] of CODED[e.name] ?? []) {
        if (e.attrs[attr] === undefined) continue;
        expect(hasCode(list, e.attrs[attr]!), `${e.name}@${attr}="${e.attrs[attr]}" in ${list}`).toBe(true);
        checked++;
      }
      if (e.name === 'sector' && e.attrs.vocabulary === '1') expect(hasCode('Sector', e.attrs.code!)).toBe(true);
      if (e.name === 'tag' && e.attrs.vocabulary === '3') expect(hasCode('UNSDG-Targets', e.attrs.code!)).toBe(true);
    }
    expect(checked).toBeGreaterThan(50);
    expect(els.filter((e) => e.name === 'sector' && e.attrs.code === '15190').length).toBeGreaterThan(1);
  });

  it('[I4] the plan is the parent activity and every live matrix activity a child, linked both ways', () => {
    const els = elements(render(iatiPlan()));
    const activities = els.filter((e) => e.name === 'iati-activity');
    expect(activities.map((a) => a.attrs.hierarchy)).toEqual(['1', ...Array(7).fill('2')]);
    const ids = els.filter((e) => e.name === 'iati-identifier').map((e) => e.text);
    expect(ids[0]).toBe('XM-DAC-47066-plan-1');
    expect(ids.slice(1)).toEqual(['a11', 'a12', 'a13', 'a14', 'a21', 'a22', 'a23'].map((a) => `XM-DAC-47066-plan-1-${a}`));
    const related = els.filter((e) => e.name === 'related-activity');
    expect(related.filter((r) => r.attrs.type === '2').map((r) => r.attrs.ref)).toEqual(ids.slice(1));
    expect(related.filter((r) => r.attrs.type === '1').every((r) => r.attrs.ref === ids[0])).toBe(true);
    // Titles carry the full row code.
    expect(render(iatiPlan())).toContain('<title><narrative>1.1.1.1 Conduct consultations with Government and other stakeholders</narrative></title>');
  });

  it('[I5] budgets are split into periods of at most 12 months that add up to the activity budget; output 1 = 39,000 USD', () => {
    const periods = splitBudget(10_000, '2026-03-01', '2028-12-31');
    expect(periods.map((p) => [p.start, p.end])).toEqual([
      ['2026-03-01', '2027-02-28'],
      ['2027-03-01', '2028-02-29'],
      ['2028-03-01', '2028-12-31'],
    ]);
    expect(periods.reduce((s, p) => s + p.amount, 0)).toBeCloseTo(10_000, 6);
    expect(splitBudget(1_000, '2026-01-01', '2026-12-31')).toEqual([{ start: '2026-01-01', end: '2026-12-31', amount: 1_000 }]);
    const xml = render(iatiPlan());
    const children = xml.split('<iati-activity ').slice(2);
    const output1 = children.filter((c) => /<rt:activity [^>]*output-id="op1"/.test(c));
    expect(output1).toHaveLength(4);
    const total = output1.flatMap((c) => [...c.matchAll(/<budget [^>]*>.*?<value currency="USD"[^>]*>([0-9.]+)<\/value><\/budget>/g)].map((m) => Number(m[1]))).reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(39_000, 6);
    // Activity 1.1.1.1 runs 18 months: two periods, the second of six months.
    expect([...output1[0]!.matchAll(/<period-start iso-date="([^"]+)"\/><period-end iso-date="([^"]+)"\/>/g)].map((m) => `${m[1]}..${m[2]}`)).toEqual([
      '2026-03-01..2027-02-28',
      '2027-03-01..2027-08-31',
    ]);
  });

  it('[I6] [I10] expenditure is a transaction of type 4, secured funding (an old record, FN2) a commitment from its funder (role 1)', () => {
    const child = render(iatiPlan()).split('<iati-activity ')[2]!;
    expect(child).toContain('<transaction><transaction-type code="4"/><transaction-date iso-date="2027-02-28"/><value currency="USD" value-date="2027-02-28">9000</value>');
    expect(child).toContain('<transaction><transaction-type code="2"/><transaction-date iso-date="2026-03-01"/>');
    expect(child).toContain('<provider-org><narrative>IOM</narrative></provider-org>');
    expect(child).toContain('<participating-org role="1"><narrative>IOM</narrative></participating-org>');
    expect(child).toContain('<participating-org role="2"><narrative>Central bank</narrative></participating-org>');
    expect(child).toContain('<participating-org role="4"><narrative>Ministry of Finance</narrative></participating-org>');
    const parent = render(iatiPlan()).split('<iati-activity ')[1]!;
    expect(parent).toContain('<participating-org role="2"><narrative>Ministry of Labour</narrative></participating-org>');
  });

  it('[I7] results carry baseline, the target period and the actual of each review; reviews are document-links', () => {
    const parent = render(iatiPlan(), { base: 'https://rt.example.org/' }).split('<iati-activity ')[1]!;
    expect(parent).toContain('<result type="1"><title><narrative>Output 1.1.1: Government policy on remittances and development adopted and launched</narrative></title>');
    expect(parent).toContain('<indicator measure="2"><title><narrative>Policy adopted</narrative></title>');
    expect(parent).toContain('<baseline year="2026" iso-date="2026-01-01" value="0"/>');
    expect(parent).toContain('<period><period-start iso-date="2026-01-01"/><period-end iso-date="2028-12-31"/><target value="100"/></period>');
    expect(parent).toContain('<period><period-start iso-date="2026-03-01"/><period-end iso-date="2027-02-28"/><actual value="40"><comment><narrative>draft adopted by cabinet</narrative></comment></actual></period>');
    expect(parent).toContain('<document-link url="https://rt.example.org/plans/plan-1/print?review=rv1" format="text/html"><title><narrative>Yearly review Year 1 (2026-03-01 to 2027-02-28)</narrative></title><category code="A07"/>');
    expect(() => render(iatiPlan(), { base: 'javascript:alert(1)' })).toThrow(ExportError);
  });

  it('[IN3] [IN7] [IN1] per-period targets, actuals per disaggregation and activity indicators are valid IATI results', (ctx) => {
    const plan = iatiPlan();
    plan.indicators[0]!.periodTargets = [{ start: null, end: '2026-12-31', value: 30 }, { start: null, end: '2027-12-31', value: 60 }];
    plan.reviews[0]!.indicators[0]!.parts = [{ dimension: 'sex', category: 'female', value: 25 }, { dimension: 'sex', category: 'male', value: 15 }];
    // IN1: an activity's indicator (the handbook puts four in activity 1.1's row), qualitative.
    plan.indicators.push({
      id: 'i2', nodeId: 'a11', name: 'Map of stakeholders completed', kind: null, level: 'input', unit: '',
      baseline: null, target: { value: 1, date: '2026-12-31' }, disaggregation: [], verification: 'The map', source: '', order: 'i', archived: false,
      measurement: 'qualitative', frequency: 'end-of-plan', periodTargets: [],
    });
    const xml = render(plan);
    const parent = xml.split('<iati-activity ')[1]!;
    expect(parent).toContain('<period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><target value="30"/></period>');
    expect(parent).toContain('<period><period-start iso-date="2027-01-01"/><period-end iso-date="2027-12-31"/><target value="60"/></period>');
    expect(parent).toContain('<actual value="25"><dimension name="sex" value="female"/></actual><actual value="15"><dimension name="sex" value="male"/></actual></period>');
    expect(parent).toContain('<result type="9"><title><narrative>Activity 1.1.1.1: ');
    expect(parent).toContain('<indicator measure="5"><title><narrative>Map of stakeholders completed</narrative></title>');
    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(xsdProblems(xml)).toBe('');
  });

  it('[I8] risks, means of verification and row ids go into the rt: extension; user text is escaped', (ctx) => {
    const xml = render(iatiPlan());
    expect(xml).toContain(`xmlns:rt="${RT_NS}"`);
    expect(xml).toContain('<rt:risks>Elections delay &lt;consultations&gt; &amp; more</rt:risks>');
    expect(xml).toContain('<rt:verification>Minutes of the consultations</rt:verification>');
    expect(xml).toContain('<rt:indicator id="i1" node-id="op1" kind="direct" level="output" unit="%" measurement="quantitative" frequency="yearly"><rt:verification>Official gazette</rt:verification>');
    expect(xml).toContain('<narrative>Moldova M&amp;D plan &lt;2026&gt; &amp; &quot;beyond&quot;</narrative>');
    expect(xmlText('a\u0000b\uD800c"\'<&>')).toBe('abc&quot;&apos;&lt;&amp;&gt;');
    if (!fs.existsSync(IATI_XSD)) skipBecause(ctx, SHARED_FOLDER_ABSENT);
    expect(xsdProblems(xml)).toBe('');
  });

  it('[I4] a plan without reporting organisation or horizon is refused with what is missing', () => {
    const p = iatiPlan();
    Object.assign(p, { reportingOrgRef: null, horizonEnd: null });
    expect(() => render(p)).toThrow(/reporting organisation's IATI identifier, the plan horizon/);
    try {
      render(p);
    } catch (e) {
      expect((e as ExportError).code).toBe('iati_plan_incomplete');
    }
  });
});

describe('GET /api/plans/:id/export.iati.xml', () => {
  const server = serverForFile();

  it('[I4] an observer downloads the IATI file; an incomplete plan answers 400 with what is missing', async () => {
    const id = await importPlan(server(), iatiPlan());
    const res = await fetch(`${server().url}/api/plans/${id}/export.iati.xml`, { headers: auth(id, 'observer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${id}.iati.xml"`);
    const xml = await res.text();
    expect(xml).toContain(`<iati-identifier>XM-DAC-47066-${id}</iati-identifier>`);
    // A snapshot's file names the snapshot and its checksum.
    const snap = await fetch(`${server().url}/api/plans/${id}/snapshots`, {
      method: 'POST',
      headers: { ...auth(id, 'facilitator'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Endorsed plan', status: 'endorsed' }),
    });
    const meta = (await snap.json()) as { id: string; sha256: string };
    const fromSnapshot = await (await fetch(`${server().url}/api/plans/${id}/snapshots/${meta.id}/export.iati.xml`, { headers: auth(id, 'observer') })).text();
    expect(fromSnapshot).toContain(`<rt:snapshot id="${meta.id}" name="Endorsed plan" status="endorsed" sha256="${meta.sha256}"/>`);
    const bare = iatiPlan();
    Object.assign(bare, { reportingOrgName: '', reportingOrgRef: null });
    const incomplete = await importPlan(server(), bare);
    const refused = await fetch(`${server().url}/api/plans/${incomplete}/export.iati.xml`, { headers: auth(incomplete, 'observer') });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'iati_plan_incomplete' });
  });
});

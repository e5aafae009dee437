import { describe, expect, it } from 'vitest';
import { buildPoaDocument, poaOptions } from '../../../server/export/poa-model.js';
import { renderPoaHtml } from '../../../server/export/html.js';
import { checkParams } from '../../../server/export/formats.js';
import { HTML_EXPORT } from '../../../server/export/html.js';
import { ExportError } from '../../../server/export/formats.js';
import type { SnapshotMeta } from '../../../shared/versions.js';
import { fullPlan, handbookMatrix, handbookScoring } from '../../shared/helpers/fixtures.js';

const AT = '2026-12-01T12:00:00.000Z';

describe('Plan of Action document model', () => {
  it('lays the handbook matrix out with merged goal, outcome and output cells and roll-ups (output 1 = 39,000 USD)', () => {
    const doc = buildPoaDocument(handbookMatrix(), { snapshot: null, generatedAt: AT });
    const rows = doc.matrix.rows;
    // 4 + 3 activities under outputs 1 and 2, and one blank row for each of the 7 other outputs.
    expect(rows).toHaveLength(4 + 3 + 7);
    expect(rows[0]!.goal).toMatchObject({ code: '1', title: 'Increased developmental impact of remittances', rowSpan: 14, rollup: expect.stringContaining('Planned 39,000 USD') });
    expect(rows[0]!.outcome).toMatchObject({ code: '1.1', rowSpan: 3 + 4 + 1 });
    expect(rows[0]!.output).toMatchObject({ code: '1.1.1', title: 'Government policy on remittances and development adopted and launched', rowSpan: 4, rollup: 'Planned 39,000 USD; funding gap 39,000 USD' });
    expect(rows[0]!.activity).toMatchObject({ code: '1.1.1.1', short: '1.1', budget: '10,000 USD' });
    expect(rows.slice(1, 4).every((r) => r.goal === null && r.outcome === null && r.output === null)).toBe(true);
    expect(rows.slice(0, 4).map((r) => r.activity?.short)).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(rows[4]!.output).toMatchObject({ code: '1.1.2', rowSpan: 3, rollup: 'Planned: not costed' });
    expect(rows.slice(4, 7).map((r) => r.activity?.short)).toEqual(['2.1', '2.2', '2.3']);
    expect(rows[7]).toMatchObject({ goal: null, outcome: null, activity: null, output: { code: '1.1.3', rowSpan: 1 } });
    expect(rows[8]!.outcome).toMatchObject({ code: '1.2', rowSpan: 3 });
    // Every row is covered by exactly one goal, outcome and output cell.
    for (const level of ['goal', 'outcome', 'output'] as const) {
      expect(rows.reduce((n, r) => n + (r[level]?.rowSpan ?? 0), 0)).toBe(rows.length);
    }
    expect(doc.matrix.total).toBe('Planned 39,000 USD (3 of 7 activities not costed); funding gap 39,000 USD');
    expect(doc.matrix.columns).toContain('Means of verification');
  });

  it('gives the handbook ranking (B 8 first, A 7 second) with totals, and no named scores by default', () => {
    const doc = buildPoaDocument(handbookScoring(), { snapshot: null, generatedAt: AT });
    expect(doc.ranking.criteria).toEqual(['Rallies most stakeholder groups', 'Serves a major national priority', 'No major institutional change needed', 'Does not wait on other goals']);
    expect(doc.ranking.rows.map((r) => [r.rank, r.title, r.total, r.imc])).toEqual([
      ['1', 'Support refugees, returnees and IDPs', '8 of 8', '8'],
      ['2', 'Facilitate diaspora investment in increasing access to potable water in rural areas', '7 of 8', '7'],
    ]);
    expect(doc.ranking.rows[1]!.scores).toEqual(['1', '2', '2', '2']);
    expect(doc.ranking.named).toBeNull();
    const agreed = buildPoaDocument(handbookScoring('agreed'), { snapshot: null, generatedAt: AT });
    expect(agreed.ranking.rows[0]!.scores[0]).toBe('2 (agreed)');
  });

  it('[L102] the ranking warnings of a document are in its language, worded from their codes', () => {
    const tied = handbookScoring();
    for (const sc of tied.scores) sc.value = 2;
    const en = buildPoaDocument(tied, { snapshot: null, generatedAt: AT });
    expect(en.ranking.warnings).toEqual(['SC6: 2 goals share the total 8; the committee needs to order them']);
    const fr = buildPoaDocument(tied, { snapshot: null, generatedAt: AT, locale: 'fr' });
    expect(fr.ranking.warnings).toEqual(['SC6\u202f: 2 objectifs ont le même total, 8\u202f; le comité doit les départager']);
    const es = buildPoaDocument(tied, { snapshot: null, generatedAt: AT, locale: 'es' });
    expect(es.ranking.warnings[0]).not.toMatch(/goals share/);
  });

  it('shows individual named scores only when the facilitator turned exportNamedScores on', () => {
    const plan = { ...handbookScoring(), exportNamedScores: true };
    const doc = buildPoaDocument(plan, { snapshot: null, generatedAt: AT });
    expect(doc.ranking.named?.rows).toEqual([
      { participant: 'National focal point', group: 'IMC', goal: '1 Facilitate diaspora investment in increasing access to potable water in rural areas', scores: ['1', '2', '2', '2'] },
      { participant: 'National focal point', group: 'IMC', goal: '2 Support refugees, returnees and IDPs', scores: ['2', '2', '2', '2'] },
    ]);
  });

  it('fills the cover, goal fields, background, annexes and the monitoring matrix of the latest review', () => {
    const snapshot: SnapshotMeta = { id: 'snap1', planId: 'plan-1', name: 'Cabinet text', note: '', status: 'endorsed', author: 'NFP', createdAt: '2026-11-30T10:00:00.000Z', changedAt: null, sha256: 'ab'.repeat(32), bytes: 10 };
    const doc = buildPoaDocument(fullPlan(), { snapshot, generatedAt: AT });
    expect(doc.cover).toMatchObject({ title: 'Test plan', country: 'Senegal (SN)', status: 'Endorsed version "Cabinet text"', horizon: '2025-01-01 to 2029-12-31', frameworks: 'PRSP, UNDAF' });
    expect(doc.cover.snapshot).toMatchObject({ endorsed: true, sha256: 'ab'.repeat(32) });
    expect(doc.background).toEqual([{ title: 'Trends', body: 'Long text' }]);
    expect(doc.annexes).toEqual([]); // the only annex is archived
    const goal = doc.goals[0]!;
    expect(goal).toMatchObject({ code: '1', title: 'Remittances for development' });
    expect(goal.fields).toContainEqual({ label: 'Overall objective', value: 'To contribute to rural growth' });
    expect(goal.fields).toContainEqual({ label: 'Resource mobilisation target', value: '500,000 USD' });
    expect(goal.requirements).toEqual([{ label: 'Policy change', value: 'Lower transfer fees' }, { label: 'Research and data', value: 'Survey' }]);
    const [first, second] = doc.matrix.rows;
    expect(first!.activity).toMatchObject({ funding: 'IOM — External, project, secured', verification: 'Meeting minutes', timeframe: '2025-02-01 to 2025-04-30' });
    expect(first!.output!.indicators).toEqual(['# of consultations held; baseline 0 meetings (2025-01-01); target 12 meetings (2025-06-30); verified by Minutes']);
    expect(second!.activity!.dependencies).toBe('chronological with 1.1.1.1');
    expect(doc.monitoring).toMatchObject({ periodId: 'rv1', period: 'Yearly review 2025 (2025-01-01 to 2025-12-31)' });
    expect(doc.monitoring.rows[0]!.activity).toMatchObject({ expenditure: '9,500 USD', result: 'Done', progress: 'On track\nRisks materialised: None' });
    expect(doc.monitoring.rows[0]!.output!.indicators[0]).toMatch(/^# of consultations held: 9 meetings \(three more planned\)/);
    expect(doc.monitoring.total).toContain('spent in the period 9,500 USD');
    // The monitoring matrix names activities like the implementation matrix (short code inside the merged output cell).
    expect(doc.monitoring.rows.map((r) => r.activity?.short)).toEqual(doc.matrix.rows.map((r) => r.activity?.short));
    expect(doc.monitoring.rows[0]!.activity).toMatchObject({ code: '1.1.1.1', short: '1.1' });
    // IN3, IN4, IN7: the period's target, progress to it and the parts read beside the reading.
    expect(doc.monitoring.rows[0]!.output!.indicators[0]).toContain('period target 12 meetings by 2025-06-30, 75% of target, by sex: female=5, male=4');
  });

  it('refuses a review period the plan does not have, naming the ones it has', () => {
    expect(() => buildPoaDocument(fullPlan(), { snapshot: null, generatedAt: AT, periodId: 'nope' })).toThrow(ExportError);
    expect(() => buildPoaDocument(fullPlan(), { snapshot: null, generatedAt: AT, periodId: 'nope' })).toThrow(/rv1 \(2025\)/);
    expect(buildPoaDocument(handbookMatrix(), { snapshot: null, generatedAt: AT }).monitoring).toMatchObject({ periodId: null, rows: [] });
  });

  it('keeps user text as it is typed (each renderer escapes it)', () => {
    const plan = handbookMatrix();
    plan.goals[0]!.title = '<img src=x onerror=alert(1)>';
    expect(buildPoaDocument(plan, { snapshot: null, generatedAt: AT }).goals[0]!.title).toBe('<img src=x onerror=alert(1)>');
  });

  it('[CM10] the discussion annex only when asked: each thread under its item, open or resolved, replies after it, deleted comments left out', () => {
    const plan = fullPlan();
    plan.comments.push({ ...plan.comments[1]!, id: 'cm3', body: 'gone', deleted: true, createdAt: '2026-03-01T12:00:00.000Z' });
    expect(buildPoaDocument(plan, { snapshot: null, generatedAt: AT }).comments).toBeNull();
    const opts = poaOptions({ comments: '1' });
    const doc = buildPoaDocument(plan, { snapshot: null, generatedAt: AT, ...opts });
    expect(doc.comments).toHaveLength(1);
    const [thread] = doc.comments!;
    expect(thread!.title).toMatch(/^On activity [\d.]+ ".+" \(resolved by Fatou on 2026-03-02 09:00 UTC\)$/);
    expect(thread!.body.split('\n\n')).toEqual([
      'Edem (observer), 2026-03-01 10:00 UTC: Is 15,000 enough for three languages?',
      'Reply: Fatou (facilitator), 2026-03-01 11:00 UTC, edited: Yes: printing is shared with IOM.',
    ]);
    const html = renderPoaHtml(doc);
    expect(html).toContain('Annex: Comments');
    expect(html).toContain('Is 15,000 enough for three languages?');
    expect(html).not.toContain('>gone<');
    expect(renderPoaHtml(buildPoaDocument(plan, { snapshot: null, generatedAt: AT }))).not.toContain('Annex: Comments');
    expect(checkParams(HTML_EXPORT, { comments: '1' })).toBeNull();
    expect(checkParams(HTML_EXPORT, { comments: 'yes' })).toMatch(/must be one of: 0, 1/);
  });
});

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/access.js';
import { setIndicatorField } from '../../../shared/commands/indicators.js';
import { setNodeField } from '../../../shared/commands/nodes.js';
import { setReviewField } from '../../../shared/commands/reviews.js';
import type { PlanData } from '../../../shared/schema/types.js';
import { ME } from '../../helpers/plan-content.js';
import { openProvider, waitSynced } from '../../helpers/provider.js';
import { auth, rememberLinks, serverForTests, syncUrl, tokenFor } from '../../helpers/test-server.js';

/** One activity (1,000 USD) with an indicator (target 40) read at 20 in review 2026. */
const PLAN = {
  format: 'roundtable-plan/1',
  title: 'Bound review',
  currency: 'USD',
  goals: [{ id: 'g', title: 'Safer labour migration' }],
  outcomes: [{ id: 'oc', goalId: 'g', title: 'Officers know the law' }],
  outputs: [{ id: 'op', outcomeId: 'oc', title: 'Training run' }],
  activities: [{ id: 'a1', outputId: 'op', title: 'Train labour officers', budget: { amount: 1_000, currency: 'USD' } }],
  indicators: [{ id: 'i1', nodeId: 'a1', name: 'Officers trained', target: { value: 40, date: '2026-12-31' } }],
  reviews: [{ id: 'rv1', kind: 'yearly', label: '2026', start: '2026-01-01', end: '2026-12-31', reporting: 'period', indicators: [{ indicatorId: 'i1', value: 20 }] }],
};

describe('exports of a review bound to an agreed version (RV4)', () => {
  const suite = serverForTests();

  it('measure the monitoring matrix against the agreed targets and budgets, not the live ones changed since', async () => {
    const url = suite.server.url;
    const res = await fetch(`${url}/api/plans/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PLAN) });
    const created = (await res.json()) as { id: string; links: Record<Role, string> };
    expect(res.status, JSON.stringify(created)).toBe(201);
    rememberLinks(created);
    const id = created.id;
    const snap = await fetch(`${url}/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...auth(id, 'facilitator'), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Agreed 2026', status: 'final' }) });
    const sid = ((await snap.json()) as { id: string }).id;
    expect(snap.status).toBe(201);

    // Bind the review to the agreed version, then change the live target (40 -> 80) and budget (1,000 -> 5,000 USD).
    const doc = new Y.Doc();
    const provider = openProvider(syncUrl(suite.server), id, doc, tokenFor(id, 'facilitator'));
    try {
      await waitSynced(provider);
      expect(setReviewField(doc, 'rv1', 'baselineSnapshotId', sid, ME).ok).toBe(true);
      expect(setIndicatorField(doc, 'i1', 'target', { value: 80, date: '2026-12-31' }, ME).ok).toBe(true);
      expect(setNodeField(doc, 'a1', 'budget', { amount: 5_000, currency: 'USD' }, ME).ok).toBe(true);
      // The server has the changes once its plan says so.
      for (let applied = false; !applied; ) {
        const live = (await (await fetch(`${url}/api/plans/${id}/export.json`, { headers: auth(id, 'observer') })).json()) as PlanData;
        applied = live.reviews[0]?.baselineSnapshotId === sid && live.indicators[0]?.target?.value === 80 && live.activities[0]?.budget?.amount === 5_000;
      }
    } finally {
      provider.destroy();
    }
    const get = async (path: string) => {
      const r = await fetch(`${url}/api/plans/${id}/${path}`, { headers: auth(id, 'observer') });
      expect(r.status, path).toBe(200);
      return r;
    };

    // Print view: the implementation matrix shows the live plan, the monitoring matrix the agreed one.
    const html = await (await get('export.html')).text();
    const implementation = html.slice(html.indexOf('id="p3"'), html.indexOf('id="pf"'));
    const monitoring = html.slice(html.indexOf('id="p4"'), html.indexOf('id="p5"'));
    expect(implementation).toContain('5,000 USD');
    expect(monitoring).toContain(`measured against the agreed version ${sid}`);
    expect(monitoring).toContain('target 40 (2026-12-31)');
    expect(monitoring).toContain('50% of target');
    expect(monitoring).toContain('<td class="num">1,000 USD</td>');
    expect(monitoring).not.toContain('target 80');
    expect(monitoring).not.toContain('5,000 USD');

    // Word: the same monitoring matrix.
    const xml = await (await JSZip.loadAsync(new Uint8Array(await (await get('export.docx')).arrayBuffer()))).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    const wordMonitoring = text.slice(text.indexOf('Monitoring Implementation Matrix'));
    expect(wordMonitoring).toContain('target 40 (2026-12-31)');
    expect(wordMonitoring).not.toContain('target 80');

    // Excel: the Monitoring sheet plans 1,000 USD for the activity; the Matrix sheet 5,000 USD.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await get('export.xlsx')).arrayBuffer()) as ArrayBuffer);
    const plannedOf = (sheet: string) => {
      const ws = wb.getWorksheet(sheet)!;
      const headers = ws.getRow(4).values as unknown[];
      const header = headers.indexOf('Planned budget (USD)');
      const code = headers.indexOf('Code');
      let value: unknown;
      ws.eachRow((row) => {
        // The activity's row comes first; its indicator rows repeat the code below it.
        if (row.getCell(code).value === '1.1.1.1' && value === undefined) value = row.getCell(header).value;
      });
      return value;
    };
    expect(plannedOf('Monitoring 2026')).toBe(1_000);
    expect(plannedOf('Matrix')).toBe(5_000);

    // CSV of the monitoring sheet: likewise.
    const csv = await (await get('export.csv?sheet=monitoring')).text();
    expect(csv.split('\r\n').find((l) => l.includes('1.1.1.1'))).toContain(',1000,');
  });
});

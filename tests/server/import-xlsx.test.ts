import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderWorkbook } from '../../server/export/xlsx.js';
import { csvFormat } from '../../server/export/csv.js';
import { checkZip } from '../../server/import/zip-guard.js';
import type { Role } from '../../shared/access.js';
import { nodeCodes, type PlanData } from '../../shared/model.js';
import { auth, createPlan, rememberLinks, serverForTests } from '../helpers/test-server.js';
import { fullPlan, handbookMatrix, handbookScoring } from '../shared/helpers/fixtures.js';

const running = serverForTests();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const render = async (plan: PlanData): Promise<Uint8Array> => renderWorkbook({ plan, snapshot: null, params: {}, generatedAt: '2026-12-01T10:00:00.000Z' });

/** POSTs a workbook; the status and JSON body (remembering the links of a created plan). */
async function upload(path: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await running.server.app.request(path, { method: 'POST', headers: { 'content-type': XLSX, ...headers }, body: Buffer.from(bytes) });
  const body = (await res.json()) as any;
  if (res.status === 201) rememberLinks(body as { id: string; links: Record<Role, string> });
  return { status: res.status, body };
}

const exported = async (id: string): Promise<PlanData> =>
  (await (await running.server.app.request(`/api/plans/${id}/export.json`, { headers: auth(id, 'observer') })).json()) as PlanData;

/**
 * What a workbook round trip keeps, comparable across plans: the plan's title, country and
 * currency; the live matrix rows by full code with the fields the Matrix sheet holds (parents
 * and dependencies by code, no ids or order keys); indicators by row code with every field.
 */
function workbookContent(p: PlanData) {
  const codes = new Map([...nodeCodes(p)].map(([id, c]) => [id, c.code]));
  const byCode = <T extends { id: string }>(items: T[], pick: (x: T) => object) =>
    items.filter((x) => codes.has(x.id)).map((x) => ({ code: codes.get(x.id), ...pick(x) })).sort((a, b) => a.code!.localeCompare(b.code!));
  return {
    title: p.title,
    country: p.country,
    currency: p.currency,
    goals: byCode(p.goals, (g) => ({ title: g.title, status: g.status, responsibleParties: g.responsibleParties, start: g.start, end: g.end })),
    ...scoringContent(p, codes),
    outcomes: byCode(p.outcomes, (o) => ({ title: o.title, responsible: o.responsible })),
    outputs: byCode(p.outputs, (o) => ({ title: o.title, responsible: o.responsible })),
    activities: byCode(p.activities, ({ id, order, outputId, dependencies, ...rest }) => ({ ...rest, dependencies: dependencies.map((d) => ({ ...d, activityId: codes.get(d.activityId) })) })),
    indicators: p.indicators
      .filter((i) => !i.archived && codes.has(i.nodeId))
      .map(({ id, order, nodeId, ...rest }) => ({ node: codes.get(nodeId), ...rest }))
      .sort((a, b) => `${a.node} ${a.name}`.localeCompare(`${b.node} ${b.name}`)),
    // RV1, RV4, IN7: review periods with their entries, activities by code and indicators by row code and name.
    reviews: p.reviews
      .filter((r) => !r.archived)
      .map(({ id, activities, indicators, ...rest }) => ({
        ...rest,
        activities: activities.map(({ activityId, ...e }) => ({ code: codes.get(activityId), ...e })),
        indicators: indicators.map(({ indicatorId, ...e }) => {
          const i = p.indicators.find((x) => x.id === indicatorId)!;
          return { indicator: `${codes.get(i.nodeId)} ${i.name}`, ...e };
        }),
      })),
  };
}

/**
 * What the score sheets carry (SPEC XL1-XL3), comparable across plans: live criteria in order,
 * agreed scores by goal code and criterion title, and individual scores with their scorer's
 * details only where the plan lets exports name them (`exportNamedScores`, not anonymous).
 */
function scoringContent(p: PlanData, codes: Map<string, string>) {
  const criteria = p.criteria.filter((c) => !c.archived).sort((a, b) => a.order.localeCompare(b.order));
  const title = new Map(criteria.map((c) => [c.id, c.title]));
  const people = new Map(p.participants.filter((x) => !x.archived).map((x) => [x.id, x]));
  const named = p.exportNamedScores && !p.anonymousScoring;
  const live = (s: { goalId: string; criterionId: string }) => codes.has(s.goalId) && title.has(s.criterionId);
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    criteria: criteria.map((c) => ({ title: c.title, description: c.description })),
    agreedScores: sorted(p.agreedScores.filter(live).map(({ goalId, criterionId, ...rest }) => ({ goal: codes.get(goalId), criterion: title.get(criterionId), ...rest }))),
    scores: named
      ? sorted(
          p.scores
            .filter((s) => live(s) && people.has(s.participantId))
            .map(({ goalId, criterionId, participantId, ...rest }) => {
              const { name, organisation, group, committee } = people.get(participantId)!;
              return { goal: codes.get(goalId), criterion: title.get(criterionId), by: { name, organisation, group, committee }, ...rest };
            }),
        )
      : [],
  };
}

/** The whole plan as JSON with every id replaced by a stable label (cells sorted after), the plan id left out. */
function relabelled(p: PlanData): string {
  const { id: _, ...rest } = p;
  let text = JSON.stringify(rest);
  for (const [id, c] of nodeCodes(p)) text = text.replaceAll(`"${id}"`, `"node ${c.code}"`);
  p.indicators.forEach((i, n) => (text = text.replaceAll(`"${i.id}"`, `"indicator ${n}"`)));
  p.reviews.forEach((r, n) => (text = text.replaceAll(`"${r.id}"`, `"review ${n}"`)));
  p.criteria.forEach((c, n) => (text = text.replaceAll(`"${c.id}"`, `"criterion ${n}"`)));
  p.participants.forEach((x, n) => (text = text.replaceAll(`"${x.id}"`, `"participant ${n}"`)));
  // Score cells are listed by key (ids): sort them again once the ids are labels.
  const back = JSON.parse(text) as Record<string, unknown[]>;
  for (const list of ['scores', 'agreedScores']) back[list] = back[list]!.map((x) => JSON.stringify(x)).sort();
  return JSON.stringify(back);
}

/** A workbook exported from `plan`, changed by `edit`, as bytes. */
async function edited(plan: PlanData, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await render(plan)) as unknown as ArrayBuffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A one-entry zip archive whose directory declares `declared` bytes for `content`. */
function zipOf(content: Buffer, declared = content.length): Buffer {
  const data = zlib.deflateRawSync(content);
  const name = Buffer.from('xl/workbook.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirStart = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirStart, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

/** Uploads a workbook that must be refused as 400 invalid_workbook; its listed problems. */
async function refusedProblems(bytes: Uint8Array): Promise<unknown[]> {
  const res = await upload('/api/plans/import.xlsx', bytes);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_workbook');
  return res.body.error.problems;
}

/** Plan folders on disk: a refused import must leave none behind. */
const planCount = (): number => running.server.store.list().length;

describe('POST /api/plans/import.xlsx: a workbook becomes a plan', () => {
  it('round trip: export, import, export again gives the same plan', async () => {
    const original = { ...fullPlan(), title: 'Plan d’action — Sénégal' };
    const first = await upload('/api/plans/import.xlsx', await render(original));
    expect(first.status).toBe(201);
    expect(first.body.title).toBe('Plan d’action — Sénégal');
    const imported = await exported(first.body.id);
    // [XL5] the review was bound to snapshot snap-1, which the new plan does not have.
    expect(imported.reviews[0]!.baselineSnapshotId).toBeNull();
    expect(first.body.notes).toContain('Review "2025" was measured against snapshot snap-1, which this plan does not have: it is now measured against the live plan.');
    const unbound = { ...original, reviews: original.reviews.map((r) => ({ ...r, baselineSnapshotId: null })) };
    expect(workbookContent(imported)).toEqual(workbookContent(unbound));
    // [XL1] the workbook's live criterion replaces the default criteria; its agreed score comes back with its note.
    expect(imported.criteria.map((c) => [c.title, c.description])).toEqual([['Priority', 'Serves a national priority']]);
    expect(imported.agreedScores).toEqual([{ goalId: imported.goals[0]!.id, criterionId: imported.criteria[0]!.id, value: 1, note: 'agreed in March' }]);
    expect(imported.goals[0]!.status).toBe('selected');
    // [XL3] named scores were not allowed, so none were exported and none come back.
    expect(imported.scores).toEqual([]);
    expect(imported.participants).toEqual([]);
    // Its one criterion has an agreed score, so nothing was lost and nothing more is said.
    expect(first.body.notes).toHaveLength(1);
    // [L27] the same note as a code and parameters, for the reader's language.
    expect(first.body.importNotes).toEqual([{ code: 'reviewUnbound', params: { review: '2025', snapshot: 'snap-1' }, message: first.body.notes[0] }]);

    // The imported plan's own workbook imports to the very same plan (ids aside).
    const again = await running.server.app.request(`/api/plans/${first.body.id}/export.xlsx`, { headers: auth(first.body.id, 'observer') });
    const second = await upload('/api/plans/import.xlsx', new Uint8Array(await again.arrayBuffer()));
    expect(second.status).toBe(201);
    expect(relabelled(await exported(second.body.id))).toBe(relabelled(imported));
  });

  it('round trips the handbook matrix: output 1 costs 39,000 USD again', async () => {
    const created = await upload('/api/plans/import.xlsx', await render(handbookMatrix()));
    expect(created.status).toBe(201);
    const budget = (await (await running.server.app.request(`/api/plans/${created.body.id}/budget`, { headers: auth(created.body.id, 'observer') })).json()) as any;
    expect(budget.outputs[0]).toMatchObject({ code: '1.1.1', planned: [{ amount: 39_000, currency: 'USD' }] });
    expect(workbookContent(await exported(created.body.id))).toEqual(workbookContent(handbookMatrix()));
  });

  it('reads a plain sheet with the matrix columns (no title rows, any sheet name)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.addRow(['Level', 'Code', 'Title', 'Planned budget (EUR)', 'Funding kind', 'Funding status']);
    ws.addRow(['goal', '1', 'Diaspora investment']);
    ws.addRow(['outcome', '1.1', 'More investment']);
    ws.addRow(['output', '1.1.1', 'Fund set up']);
    ws.addRow(['Activity', '1.1.1.1', 'Design the fund', 1200.5, 'external', 'Pledged']);
    const created = await upload('/api/plans/import.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('Imported plan');
    const plan = await exported(created.body.id);
    expect(plan.activities[0]).toMatchObject({ title: 'Design the fund', budget: { amount: 1200.5, currency: 'EUR' }, funding: { kind: 'external', status: 'pledged', modality: null, funder: '' } });
  });

  it('lists every problem of a bad workbook by sheet, row and column, and creates nothing', async () => {
    const before = planCount();
    const bad = await edited(handbookMatrix(), (wb) => {
      const ws = wb.getWorksheet('Matrix')!;
      for (let r = 5; r <= ws.rowCount; r++) {
        if (ws.getCell(r, 5).value === '1.1.1.2') ws.getCell(r, 10).value = 'ten thousand';
        if (ws.getCell(r, 5).value === '1.1.2.3') ws.getCell(r, 5).value = '1.1.9.1';
      }
    });
    expect(await refusedProblems(bad)).toEqual([
      { sheet: 'Matrix', row: 9, column: 'J', message: '"Planned budget (USD)" must be a number, not "ten thousand".', code: 'notNumber', params: { column: 'Planned budget (USD)', columnKey: 'planned', columnCurrency: 'USD', value: 'ten thousand' } },
      { sheet: 'Matrix', row: 15, column: 'E', message: 'This activity (1.1.9.1) is under output 1.1.9, which is not in the sheet.', code: 'noParent', params: { kind: 'activity', code: '1.1.9.1', parentKind: 'output', parentCode: '1.1.9' } },
    ]);
    expect(planCount()).toBe(before);
  });

  it('[RV1] [IN7] bad review rows are listed by sheet, row and column too, and nothing is created', async () => {
    const before = planCount();
    const bad = await edited(fullPlan(), (wb) => {
      const mon = wb.getWorksheet('Monitoring 2025')!;
      const header = mon.getRow(4).values as unknown[];
      const parts = header.indexOf('Actual by disaggregation');
      const value = header.indexOf('Indicator value');
      for (let r = 5; r <= mon.rowCount; r++) {
        if (mon.getCell(r, 1).value === 'indicator') {
          mon.getCell(r, parts).value = 'sex female 5';
          mon.getCell(r, value).value = 'nine';
        }
      }
      const rev = wb.getWorksheet('Reviews')!;
      rev.getCell(5, 5).value = 'weekly';
    });
    const res = await upload('/api/plans/import.xlsx', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: { sheet: string; message: string }) => `${p.sheet}: ${p.message}`)).toEqual([
      'Reviews: "Reporting" must be one of period, cumulative, not "weekly".',
      'Monitoring 2025: "Actual by disaggregation": "sex female 5" is not a breakdown such as "sex: female=5, male=4".',
      'Monitoring 2025: "Indicator value" must be a number, not "nine".',
    ]);
    expect(planCount()).toBe(before);
  });

  it('refuses a workbook without a matrix sheet, a non-zip, a zip bomb and a 50 MB file, creating nothing', async () => {
    const before = planCount();
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Notes').addRow(['Anything', 'else']);
    const missing = await upload('/api/plans/import.xlsx', new Uint8Array(await other.xlsx.writeBuffer()));
    expect(missing.status).toBe(400);
    expect(missing.body.error.problems[0]).toMatchObject({ sheet: null, row: null, column: null, code: 'noMatrixSheet', params: { columns: '"Level", "Code", "Title"', columnsKey: 'level,code,title' } });
    expect(missing.body.error.problems[0].message).toContain('no "Matrix" sheet');

    const text = await upload('/api/plans/import.xlsx', new TextEncoder().encode('Level,Code,Title\ngoal,1,Water\n'));
    expect(text.status).toBe(400);
    expect(text.body.error.problems[0].message).toContain('not an Excel workbook');

    const bomb = await upload('/api/plans/import.xlsx', zipOf(Buffer.alloc(1000), 1_000_000_000));
    expect(bomb.status).toBe(413);
    expect(bomb.body.error).toMatchObject({ code: 'too_large' });
    expect(bomb.body.error.message).toContain('unzips to more than');

    const huge = await upload('/api/plans/import.xlsx', new Uint8Array(50 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('too_large');
    expect(planCount()).toBe(before);
  });

  it('checks zip entries against their declared sizes before exceljs unzips them', () => {
    const limits = { maxUnzippedBytes: 10_000, maxEntries: 10 };
    expect(checkZip(zipOf(Buffer.from('<workbook/>')), limits)).toBeNull();
    // Declares 10 bytes, inflates to 5,000: caught at byte 11.
    expect(checkZip(zipOf(Buffer.alloc(5_000), 10), limits)).toMatchObject({ kind: 'too-large' });
    expect(checkZip(zipOf(Buffer.alloc(20_000)), limits)).toMatchObject({ kind: 'too-large' });
    expect(checkZip(zipOf(Buffer.alloc(100), 99), limits)).toMatchObject({ kind: 'not-zip' });
    expect(checkZip(Buffer.from('PK\u0003\u0004 but cut'), limits)).toMatchObject({ kind: 'not-zip' });
  });
});

describe('POST /api/plans/:id/import.xlsx: a workbook fills an empty plan', () => {
  it('fills the empty matrix of a plan with the edit right, once; refuses observers and non-empty matrices', async () => {
    const id = await createPlan(running.server, 'Empty plan');
    const bytes = await render(handbookMatrix());
    expect((await upload(`/api/plans/${id}/import.xlsx`, bytes, auth(id, 'observer'))).status).toBe(403);
    const bad = await upload(`/api/plans/${id}/import.xlsx`, new TextEncoder().encode('not a workbook'), auth(id, 'editor'));
    expect(bad.status).toBe(400);
    expect((await exported(id)).goals).toEqual([]);

    const ok = await upload(`/api/plans/${id}/import.xlsx`, bytes, auth(id, 'editor'));
    expect(ok.status).toBe(200);
    expect(ok.body.imported).toEqual({ goals: 1, outcomes: 3, outputs: 9, activities: 7, indicators: 0, reviews: 0 });
    const plan = await exported(id);
    expect(plan.title).toBe('Empty plan');
    expect(workbookContent(plan).activities).toEqual(workbookContent(handbookMatrix()).activities);

    const twice = await upload(`/api/plans/${id}/import.xlsx`, bytes, auth(id, 'editor'));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('matrix_not_empty');
    expect((await exported(id)).activities).toHaveLength(7);
  });
});

describe('XL: goal scores come back from the workbook', () => {
  /** The handbook's scoring table as one participant's named scores (allowed), plus one agreed score. */
  const handbookNamed = (): PlanData => {
    const p = handbookScoring();
    p.participants[0]!.group = 'government';
    p.participants[0]!.organisation = 'Ministry of Labour';
    return { ...p, exportNamedScores: true, agreedScores: [{ goalId: 'refugees', criterionId: 'rally', value: 2, note: 'agreed in plenary' }] };
  };
  const ranking = async (id: string) =>
    ((await (await running.server.app.request(`/api/plans/${id}/ranking`, { headers: auth(id, 'observer') })).json()) as { goals: { title: string; total: number; rank: number }[] }).goals.map((g) => [g.title, g.total, g.rank]);

  it('[XL1] [XL2] [XL3] the handbook scores (7 and 8) come back with criteria, named and agreed scores; export -> import -> export gives the same plan', async () => {
    const original = handbookNamed();
    const first = await upload('/api/plans/import.xlsx', await render(original));
    expect(first.status).toBe(201);
    expect(first.body.notes).toBeUndefined();
    expect(first.body.importNotes).toBeUndefined();
    const imported = await exported(first.body.id);
    expect(workbookContent(imported)).toEqual(workbookContent(original));
    expect(imported.exportNamedScores).toBe(true);
    expect(imported.participants).toMatchObject([{ name: 'National focal point', organisation: 'Ministry of Labour', group: 'government', committee: 'imc' }]);
    expect(imported.scores.find((x) => x.note)).toMatchObject({ value: 2, note: 'if access to potable water figures high on the development agenda' });
    expect(await ranking(first.body.id)).toEqual([
      ['Support refugees, returnees and IDPs', 8, 1],
      ['Facilitate diaspora investment in increasing access to potable water in rural areas', 7, 2],
    ]);

    const again = await running.server.app.request(`/api/plans/${first.body.id}/export.xlsx`, { headers: auth(first.body.id, 'observer') });
    const second = await upload('/api/plans/import.xlsx', new Uint8Array(await again.arrayBuffer()));
    expect(second.status).toBe(201);
    const twice = await exported(second.body.id);
    expect(twice.scores).toHaveLength(8);
    expect(relabelled(twice)).toBe(relabelled(imported));
  });

  it('[XL3] without named scores only the agreed scores come back, and the answer says so', async () => {
    const created = await upload('/api/plans/import.xlsx', await render(handbookScoring('agreed')));
    expect(created.status).toBe(201);
    expect(created.body.notes).toBeUndefined();
    const imported = await exported(created.body.id);
    expect(imported.exportNamedScores).toBe(false);
    expect(imported.scores).toEqual([]);
    expect(imported.agreedScores).toHaveLength(8);
    expect((await ranking(created.body.id)).map(([, total]) => total)).toEqual([8, 7]);

    // A plan with individual scores and named scores not allowed: its goals come back unscored.
    const hidden = await upload('/api/plans/import.xlsx', await render(handbookScoring()));
    expect(hidden.body.notes).toEqual([
      '8 scores in the Scores sheet are means of individual scores, which this workbook does not name (named scores were not allowed where it was exported): no individual scores or participants were imported, and goals count their agreed scores only.',
    ]);
    expect(hidden.body.importNotes).toEqual([{ code: 'meansOnly', params: { count: 8 }, message: hidden.body.notes[0] }]);
    expect((await exported(hidden.body.id)).scores).toEqual([]);
    expect((await ranking(hidden.body.id)).map(([, total]) => total)).toEqual([null, null]);
  });

  it('[XL4] bad score cells are listed by sheet, row and column, and nothing is created', async () => {
    const before = planCount();
    const bad = await edited(handbookNamed(), (wb) => {
      wb.getWorksheet('Agreed scores')!.getCell('E5').value = 'high';
      wb.getWorksheet('Named scores')!.getCell('G5').value = 3;
      wb.getWorksheet('Named scores')!.getCell('I6').value = '9';
      wb.getWorksheet('Named scores')!.getCell('J7').value = 5;
      wb.getWorksheet('Scores')!.getCell('C5').value = 'maybe';
    });
    expect(await refusedProblems(bad)).toEqual([
      { sheet: 'Scores', row: 5, column: 'C', message: '"Status" must be one of candidate, selected, rejected, not "maybe".', code: 'notOneOf', params: { column: 'Status', columnKey: 'status', allowed: 'candidate, selected, rejected', value: 'maybe' } },
      { sheet: 'Agreed scores', row: 5, column: 'E', message: '"Score" must be a number, not "high".', code: 'notNumber', params: { column: 'Score', columnKey: 'score', value: 'high' } },
      { sheet: 'Named scores', row: 5, column: 'G', message: '"Score" must be 0, 1 or 2 (do not agree, agree, strongly agree), not 3.', code: 'notScore', params: { column: 'Score', columnKey: 'score', value: 3 } },
      { sheet: 'Named scores', row: 6, column: 'I', message: '"9" is not the code of a goal in the Matrix sheet.', code: 'notGoalCode', params: { code: '9' } },
      { sheet: 'Named scores', row: 7, column: 'J', message: '"5" is not the number of a criterion in the Criteria sheet.', code: 'notCriterion', params: { value: '5' } },
    ]);
    expect(planCount()).toBe(before);
  });

  it('[XL5] a review bound to a snapshot the plan has keeps its binding; one bound elsewhere loses it (JSON import too)', async () => {
    const id = await createPlan(running.server, 'Plan with a version');
    const snap = await running.server.app.request(`/api/plans/${id}/snapshots`, { method: 'POST', headers: { ...auth(id, 'editor'), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Agreed' }) });
    const sid = ((await snap.json()) as { id: string }).id;
    const bound = fullPlan();
    bound.reviews[0]!.baselineSnapshotId = sid;
    const filled = await upload(`/api/plans/${id}/import.xlsx`, await render(bound), auth(id, 'editor'));
    expect(filled.status).toBe(200);
    expect(filled.body.notes).toEqual([
      "The workbook's agreed scores were not imported: this plan keeps its own criteria, participants and scores (import the workbook as a new plan to bring them).",
    ]);
    expect(filled.body.importNotes).toEqual([{ code: 'agreedScoresKept', params: {}, message: filled.body.notes[0] }]);
    expect((await exported(id)).reviews[0]!.baselineSnapshotId).toBe(sid);

    const json = await running.server.app.request('/api/plans/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullPlan()) });
    const body = (await json.json()) as any;
    expect(json.status).toBe(201);
    rememberLinks(body);
    expect(body.notes).toEqual(['Review "2025" was measured against snapshot snap-1, which this plan does not have: it is now measured against the live plan.']);
    expect((await exported(body.id)).reviews[0]!.baselineSnapshotId).toBeNull();
  });
});

describe('[L11] [L12] workbooks in French and Arabic', () => {
  /** The handbook scores with named scores allowed, so the Named scores sheet is written and read too. */
  const named = (): PlanData => {
    const p = handbookScoring();
    p.participants[0]!.group = 'government';
    return { ...p, country: 'JO', currency: 'JOD', exportNamedScores: true, agreedScores: [{ goalId: 'refugees', criterionId: 'rally', value: 2, note: 'متفق عليه في الجلسة العامة' }] };
  };
  const cases = [
    { lang: 'fr', plan: () => ({ ...fullPlan(), language: 'fr' as const }), matrix: 'Matrice', level: 'Niveau', scores: 'Notes' },
    { lang: 'ar', plan: () => ({ ...named(), language: 'ar' as const }), matrix: 'المصفوفة', level: 'المستوى', scores: 'الدرجات' },
  ];
  it.each(cases)('a $lang workbook (sheet names and headings in $lang) imports to the same plan, and its own export imports to the very same plan again', async ({ lang, plan, matrix, level, scores }) => {
    const original = plan();
    const bytes = await renderWorkbook({ plan: original, snapshot: null, params: {}, generatedAt: '2026-12-01T10:00:00.000Z' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    // The plan's language decides (L8): no English sheet name or heading is left where the import reads.
    expect(wb.worksheets[0]!.name).toBe(matrix);
    expect(wb.worksheets[0]!.getCell('D4').value).toBe(level);
    expect(wb.getWorksheet('Matrix')).toBeUndefined();
    expect(wb.getWorksheet(scores)).toBeDefined();

    const first = await upload('/api/plans/import.xlsx', bytes);
    expect(first.status).toBe(201);
    const imported = await exported(first.body.id);
    const unbound = { ...original, reviews: original.reviews.map((r) => ({ ...r, baselineSnapshotId: null })) };
    // Country and currency come back from the translated context line; the matrix, indicators, reviews and scores from translated sheets.
    expect(workbookContent(imported)).toEqual(workbookContent(unbound));
    expect(imported.goals.map((g) => g.status)).toEqual(original.goals.filter((g) => !g.archived).map((g) => g.status));

    // Export again over HTTP in the same language (?lang=), import again: the very same plan (ids aside).
    const again = await running.server.app.request(`/api/plans/${first.body.id}/export.xlsx?lang=${lang}`, { headers: auth(first.body.id, 'observer') });
    expect(again.status).toBe(200);
    const second = await upload('/api/plans/import.xlsx', new Uint8Array(await again.arrayBuffer()));
    expect(second.status).toBe(201);
    expect(relabelled(await exported(second.body.id))).toBe(relabelled(imported));
  });

  it('reads a plain Spanish sheet whose columns were moved, and names its problems by the cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hoja 1');
    ws.addRow(['Título', 'Código', 'Nivel', 'Presupuesto previsto (EUR)', 'Tipo de financiación', 'Estado de la financiación']);
    ws.addRow(['Inversión de la diáspora', '1', 'goal']);
    ws.addRow(['Más inversión', '1.1', 'outcome']);
    ws.addRow(['Fondo creado', '1.1.1', 'output']);
    ws.addRow(['Diseñar el fondo', '1.1.1.1', 'activity', 1200.5, 'external', 'pledged']);
    const created = await upload('/api/plans/import.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(created.status).toBe(201);
    const plan = await exported(created.body.id);
    expect(plan.activities[0]).toMatchObject({ title: 'Diseñar el fondo', budget: { amount: 1200.5, currency: 'EUR' }, funding: { kind: 'external', status: 'pledged' } });
    ws.getCell('C3').value = 'resultado';
    expect(await refusedProblems(new Uint8Array(await wb.xlsx.writeBuffer()))).toEqual([
      { sheet: 'Hoja 1', row: 3, column: 'C', message: '"Level" must be one of goal, outcome, output, activity, not "resultado".', code: 'notOneOf', params: { column: 'Nivel', columnKey: 'level', allowed: 'goal, outcome, output, activity', value: 'resultado' } },
      { sheet: 'Hoja 1', row: 4, column: 'B', message: 'This output (1.1.1) is under outcome 1.1, which is not in the sheet.', code: 'noParent', params: { kind: 'output', code: '1.1.1', parentKind: 'outcome', parentCode: '1.1' } },
    ]);
  });
});

describe('[ML9] [ML10] translated titles in a workbook, and back', () => {
  /** The handbook matrix (English) with a French goal and activity title, and an output written in French. */
  const translated = (): PlanData => {
    const p = handbookMatrix();
    const rec = (id: string, targetKind: 'goal' | 'output' | 'activity', targetId: string, original: 'fr' | null, fr: string) => ({ id, targetKind, targetId, field: 'title' as const, original, en: '', fr, es: '', ar: '' });
    p.outputs[0]!.title = 'Politique gouvernementale sur les transferts adoptée';
    return {
      ...p,
      translations: [
        rec('t1', 'goal', 'g1', null, 'Impact accru des envois de fonds sur le développement'),
        rec('t2', 'activity', 'a11', null, 'Mener des consultations avec le gouvernement et les parties prenantes'),
        rec('t3', 'output', 'op1', 'fr', ''),
      ],
    };
  };
  /** The French workbook of `plan` (`?lang=fr`), changed by `edit`. */
  const french = async (plan: PlanData, edit: (ws: ExcelJS.Worksheet, at: (code: string, heading: string) => ExcelJS.Cell) => void = () => {}): Promise<Uint8Array> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderWorkbook({ plan, snapshot: null, params: { lang: 'fr' }, generatedAt: '2026-12-01T10:00:00.000Z' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Matrice')!;
    const heads = (ws.getRow(4).values as unknown[]).map(String);
    const at = (code: string, heading: string): ExcelJS.Cell => {
      let row = 0;
      ws.eachRow((r, n) => (r.getCell(5).value === code ? (row = n) : undefined));
      expect(row, code).toBeGreaterThan(4);
      expect(heads.indexOf(heading), heading).toBeGreaterThan(0);
      return ws.getCell(row, heads.indexOf(heading));
    };
    edit(ws, at);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  const titleOf = (p: PlanData, id: string) => [...p.goals, ...p.outputs, ...p.activities].find((x) => x.id === id)?.title;
  const codeId = (p: PlanData, code: string) => [...nodeCodes(p)].find(([, c]) => c.code === code)![0];
  const translationOf = (p: PlanData, code: string) => {
    const id = codeId(p, code);
    return p.translations.filter((t) => t.targetId === id).map(({ id: _, targetId, ...rest }) => rest);
  };

  it('[ML9] the French workbook shows French titles where translated, marks them, and keeps the originals beside them', async () => {
    await french(translated(), (ws, at) => {
      // The goal: its French translation in Intitulé (italic, with a note naming both languages), the English original beside it.
      expect(at('1', 'Intitulé').value).toBe('Impact accru des envois de fonds sur le développement');
      expect(at('1', 'Intitulé').font?.italic).toBe(true);
      expect(at('1', 'Intitulé').note).toBe('Traduction (FR) de l’original (EN)\u202f: Increased developmental impact of remittances');
      expect(at('1', 'Intitulé original').value).toBe('Increased developmental impact of remittances');
      expect(at('1', 'Langue de l’original').value).toBe('en');
      expect(at('1', 'Objectif stratégique').value).toBe('1 Impact accru des envois de fonds sur le développement');
      // An English original without French: shown as written, its language named, no original column.
      expect(at('1.1', 'Intitulé').value).toBe('Productive investment of remittances increased');
      expect(at('1.1', 'Intitulé').note).toBeUndefined();
      expect(at('1.1', 'Intitulé original').value).toBeNull();
      expect(at('1.1', 'Langue de l’original').value).toBe('en');
      // An output written in French: the original, nothing to mark.
      expect(at('1.1.1', 'Intitulé').value).toBe('Politique gouvernementale sur les transferts adoptée');
      expect(at('1.1.1', 'Langue de l’original').value).toBeNull();
      expect(at('1.1.1.1', 'Intitulé').value).toBe('Mener des consultations avec le gouvernement et les parties prenantes');
    });
    // The other sheets and the CSV files show the same French titles.
    const csv = csvFormat.render({ plan: translated(), snapshot: null, generatedAt: '2026-12-01T10:00:00.000Z', params: { sheet: 'budget', lang: 'fr' } }) as string;
    expect(csv).toContain('Impact accru des envois de fonds sur le développement');
    const matrixCsv = csvFormat.render({ plan: translated(), snapshot: null, generatedAt: '2026-12-01T10:00:00.000Z', params: { sheet: 'matrix', lang: 'fr' } }) as string;
    expect(matrixCsv.split('\r\n')[0]).toContain('Intitulé original,Langue de l’original');
    expect(matrixCsv).toContain('Impact accru des envois de fonds sur le développement,,,goal,1,Impact accru des envois de fonds sur le développement');
  });

  it('[ML10] importing it keeps every original; an edited translated cell updates the French translation only', async () => {
    const same = await upload('/api/plans/import.xlsx', await french(translated()));
    expect(same.status).toBe(201);
    const plan = await exported(same.body.id);
    // Most originals are English: the new plan is English, its titles the originals, the French ones translations.
    expect(plan.language).toBe('en');
    expect(titleOf(plan, codeId(plan, '1'))).toBe('Increased developmental impact of remittances');
    expect(titleOf(plan, codeId(plan, '1.1.1.1'))).toBe('Conduct consultations with Government and other stakeholders');
    expect(translationOf(plan, '1')).toEqual([{ targetKind: 'goal', field: 'title', original: null, en: '', fr: 'Impact accru des envois de fonds sur le développement', es: '', ar: '' }]);
    expect(translationOf(plan, '1.1.1')).toEqual([{ targetKind: 'output', field: 'title', original: 'fr', en: '', fr: '', es: '', ar: '' }]);
    expect(translationOf(plan, '1.1')).toEqual([]);

    // A tired officer edits the French goal title in Excel: the translation changes, the English original does not.
    const edited = await upload('/api/plans/import.xlsx', await french(translated(), (_, at) => (at('1', 'Intitulé').value = 'Des envois de fonds au service du développement')));
    expect(edited.status).toBe(201);
    const after = await exported(edited.body.id);
    expect(titleOf(after, codeId(after, '1'))).toBe('Increased developmental impact of remittances');
    expect(translationOf(after, '1')[0]!.fr).toBe('Des envois de fonds au service du développement');
    // Exported in French again, the edited workbook round trips to the same titles and translations.
    const again = await running.server.app.request(`/api/plans/${edited.body.id}/export.xlsx?lang=fr`, { headers: auth(edited.body.id, 'observer') });
    const second = await exported((await upload('/api/plans/import.xlsx', new Uint8Array(await again.arrayBuffer()))).body.id);
    expect(workbookContent(second)).toEqual(workbookContent(after));
    expect(second.language).toBe('en');
    const byCode = (p: PlanData) => ['1', '1.1.1', '1.1.1.1'].map((c) => translationOf(p, c));
    expect(byCode(second)).toEqual(byCode(after));

    // Into a live plan's empty matrix: the same originals and translations, judged by that plan's language.
    const id = await createPlan(running.server, 'Plan vide');
    expect((await upload(`/api/plans/${id}/import.xlsx`, await french(translated()), auth(id, 'editor'))).status).toBe(200);
    const live = await exported(id);
    expect(titleOf(live, codeId(live, '1'))).toBe('Increased developmental impact of remittances');
    expect(byCode(live)).toEqual(byCode(plan));
  });

  it('[ML10] refuses a workbook that would make a translation the original, naming the cell, and creates nothing', async () => {
    const before = planCount();
    // The original cleared (or its column deleted) while the Title is still marked as a translation.
    expect(await refusedProblems(await french(translated(), (_, at) => (at('1', 'Intitulé original').value = null)))).toEqual([
      { sheet: 'Matrice', row: 5, column: 'F', message: expect.stringContaining('would make the translation the original'), code: 'translationNoOriginal', params: { column: 'Intitulé original', columnKey: 'originalTitle' } },
    ]);
    expect(await refusedProblems(await french(translated(), (ws, at) => ws.spliceColumns(Number(at('1', 'Intitulé original').col), 2)))).toHaveLength(2);
    // An original with no other language named, or a language that is none of the four.
    expect(await refusedProblems(await french(translated(), (_, at) => (at('1.1.1.1', 'Langue de l’original').value = null)))).toEqual([
      { sheet: 'Matrice', row: 8, column: expect.any(String), message: expect.stringContaining('must name its language (not fr'), code: 'originalSameLanguage', params: { column: 'Intitulé original', columnKey: 'originalTitle', language: 'Langue de l’original', languageKey: 'originalLanguage', value: 'fr', allowed: 'en, es, ar' } },
    ]);
    expect(await refusedProblems(await french(translated(), (_, at) => (at('1.1', 'Langue de l’original').value = 'english')))).toEqual([
      { sheet: 'Matrice', row: 6, column: expect.any(String), message: '"Original language" must be one of en, fr, es, ar, not "english".', code: 'notOneOf', params: { column: 'Langue de l’original', columnKey: 'originalLanguage', allowed: 'en, fr, es, ar', value: 'english' } },
    ]);
    expect(planCount()).toBe(before);
  });
});

import type ExcelJS from 'exceljs';
import { newId } from '../../shared/ids.js';
import { COMMITTEES, GOAL_STATUSES, GROUPS, type NodeKind } from '../../shared/model.js';
import { keysAfter } from '../../shared/domain/order.js';
import { HEADER_ROW, SCORE_HEADERS } from '../export/tables.js';
import { RowReader, findHeader, norm, plain, sheetOf, type Origin, type Problems } from './xlsx-cells.js';
import { EVERYONE } from '../export/xlsx-text.js';
import { importNote } from './notes.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';

type Item = Record<string, unknown> & { id: string };

/** What the score sheets of a workbook give back (SPEC XL1-XL4). */
export interface ImportedScoring {
  /** Criteria from the Criteria sheet, in its order; null when the workbook has none (a new plan keeps the default criteria). */
  criteria: Item[] | null;
  participants: Item[];
  scores: Record<string, unknown>[];
  agreedScores: Record<string, unknown>[];
  /** Goal status by goal id, from the Scores sheet. */
  status: Map<string, string>;
  /** True when the workbook carried named scores (the facilitators had allowed them): the new plan keeps that setting. */
  exportNamedScores: boolean;
  /** What the import left out and why, for the answer's `notes`. */
  notes: ImportNote[];
}

/** Goal rows of the Matrix sheet by full code. */
export type GoalsByCode = ReadonlyMap<string, { kind: NodeKind; id: string }>;

/**
 * Reads the scoring sheets `export.xlsx` writes: goal statuses from the Scores sheet (its
 * "Everyone" rows, goal by code; the means, totals, ranks and group rows are derived and
 * ignored), the criteria from the Criteria sheet, the committees' agreed scores from the Agreed
 * scores sheet and individual scores with their participants from the Named scores sheet
 * (present only when the facilitators allowed named scores). `withScores` false (filling a live
 * plan, which has its own criteria and participants) reads only the goal statuses. A score must
 * be 0, 1 or 2 (SC1) and name a goal of the Matrix sheet and a criterion of the Criteria sheet;
 * problems go to `problems` by sheet, row and column.
 */
export function readScoring(wb: ExcelJS.Workbook, goals: GoalsByCode, problems: Problems, origins: Map<string, Origin>, withScores: boolean): ImportedScoring {
  const out: ImportedScoring = { criteria: null, participants: [], scores: [], agreedScores: [], status: new Map(), exportNamedScores: false, notes: [] };
  const H = SCORE_HEADERS;
  const goalOf = (r: RowReader, header: string): string | null => {
    const code = r.text(header);
    const g = goals.get(code);
    if (g?.kind === 'goal') return g.id;
    r.problem(header, `"${code}" is not the code of a goal in the Matrix sheet.`, { code: 'notGoalCode', params: { code } });
    return null;
  };

  // Cells of the ranking that show a score ("goal code:criterion no."), to say what did not come back.
  const shown = new Set<string>();
  const scores = sheetOf(wb, 'scores');
  if (scores) {
    const header = findHeader(scores, [H.scoresOf, H.status]);
    if (!header || !header.cols.has(H.code.toLowerCase())) out.notes.push(importNote('scoresNoCode', { column: H.code }));
    else {
      const first = header.cols.get(H.scoresOf.toLowerCase())! + 1;
      const total = header.cols.get('total') ?? first;
      for (let row = header.row + 1; row <= scores.rowCount; row++) {
        const r = new RowReader(scores, header, row, problems);
        // A goal's own row says "Everyone (agreed or mean)" in the workbook's language; group rows are derived.
        if (!EVERYONE.has(norm(r.text(H.scoresOf)))) continue;
        const id = goalOf(r, H.code);
        const status = r.oneOf(H.status, GOAL_STATUSES);
        if (!id) continue;
        if (out.status.has(id)) r.problem(H.code, `Goal ${r.text(H.code)} has two rows of everyone's scores.`, { code: 'goalTwice', params: { code: r.text(H.code) } });
        else if (status) out.status.set(id, status);
        for (let c = first; c < total; c++) if (typeof plain(scores.getCell(row, c).value) === 'number') shown.add(`${r.text(H.code)}:${c - first + 1}`);
      }
    }
  }
  const rowsIn = (ws: ExcelJS.Worksheet | undefined): boolean => !!ws && ws.rowCount > HEADER_ROW;

  if (!withScores) {
    const agreed = rowsIn(sheetOf(wb, 'agreedScores'));
    const named = rowsIn(sheetOf(wb, 'namedScores'));
    if (agreed || named) out.notes.push(importNote(agreed && named ? 'allScoresKept' : agreed ? 'agreedScoresKept' : 'namedScoresKept'));
    return out;
  }

  // Criteria, numbered 1.. in sheet order by their "No." column.
  const byNo = new Map<string, string>();
  const criteria = sheetOf(wb, 'criteria');
  if (criteria) {
    const header = findHeader(criteria, [H.number, H.criterion]);
    if (!header) problems.noHeader(criteria.name, [H.number, H.criterion], `The sheet has no header row with the columns "${H.number}" and "${H.criterion}".`);
    else {
      out.criteria = [];
      for (let row = header.row + 1; row <= criteria.rowCount; row++) {
        const r = new RowReader(criteria, header, row, problems);
        const no = r.text(H.number);
        const title = r.text(H.criterion);
        const description = r.text(H.description);
        if (!no && !title && !description) continue;
        if (!/^[1-9]\d{0,3}$/.test(no)) {
          r.problem(H.number, `"${H.number}" must be the criterion's number (1, 2, ...), not "${no}".`, { code: 'notCriterionNumber', params: { ...r.column(H.number), value: no } });
          continue;
        }
        if (byNo.has(no)) {
          r.problem(H.number, `Criterion ${no} is listed twice.`, { code: 'criterionTwice', params: { number: no } });
          continue;
        }
        const id = newId();
        byNo.set(no, id);
        origins.set(id, { sheet: criteria.name, row });
        out.criteria.push({ id, title, description });
      }
      const orders = keysAfter(null, out.criteria.length);
      out.criteria.forEach((c, i) => (c['order'] = orders[i]));
    }
  }
  const criterionOf = (r: RowReader): string | null => {
    const no = r.text(H.criterionNo);
    const id = byNo.get(no);
    if (!id) {
      if (criteria) r.problem(H.criterionNo, `"${no}" is not the number of a criterion in the Criteria sheet.`, { code: 'notCriterion', params: { value: no } });
      else r.problem(H.criterionNo, 'Scores name their criterion by number; this workbook has no Criteria sheet.', { code: 'noCriteriaSheet', params: {} });
    }
    return id ?? null;
  };
  /** A score cell: 0, 1 or 2 (SC1), else a problem. */
  const valueOf = (r: RowReader): number | null => {
    const v = r.number(H.score);
    if (v === null) {
      if (!r.text(H.score)) r.problem(H.score, `"${H.score}" is empty; a score is 0, 1 or 2.`, { code: 'emptyScore', params: { ...r.column(H.score) } });
      return null;
    }
    if (v !== 0 && v !== 1 && v !== 2) {
      r.problem(H.score, `"${H.score}" must be 0, 1 or 2 (do not agree, agree, strongly agree), not ${v}.`, { code: 'notScore', params: { ...r.column(H.score), value: v } });
      return null;
    }
    return v;
  };

  const agreed = sheetOf(wb, 'agreedScores');
  if (agreed) {
    const header = findHeader(agreed, [H.code, H.criterionNo, H.score]);
    if (!header) problems.noHeader(agreed.name, [H.code, H.criterionNo, H.score], `The sheet has no header row with the columns "${H.code}", "${H.criterionNo}" and "${H.score}".`);
    else {
      const seen = new Map<string, number>();
      for (let row = header.row + 1; row <= agreed.rowCount; row++) {
        const r = new RowReader(agreed, header, row, problems);
        if (!r.text(H.code) && !r.text(H.criterionNo) && !r.text(H.score)) continue;
        const goalId = goalOf(r, H.code);
        const criterionId = criterionOf(r);
        const value = valueOf(r);
        if (!goalId || !criterionId || value === null) continue;
        const key = `${goalId}:${criterionId}`;
        if (seen.has(key)) {
          r.problem(H.criterionNo, `Goal ${r.text(H.code)} already has an agreed score for criterion ${r.text(H.criterionNo)} on row ${seen.get(key)}.`, { code: 'agreedTwice', params: { code: r.text(H.code), criterion: r.text(H.criterionNo), row: seen.get(key)! } });
          continue;
        }
        seen.set(key, row);
        shown.delete(`${r.text(H.code)}:${r.text(H.criterionNo)}`);
        const note = r.text(H.note);
        out.agreedScores.push({ goalId, criterionId, value, ...(note ? { note } : {}) });
      }
    }
  }

  const named = sheetOf(wb, 'namedScores');
  if (!named) {
    if (shown.size) {
      out.notes.push(importNote('meansOnly', { count: shown.size }));
    }
    return out;
  }
  const header = findHeader(named, [H.code, H.criterionNo, H.participant, H.score]);
  if (!header) {
    problems.noHeader(named.name, [H.code, H.criterionNo, H.participant, H.score], `The sheet has no header row with the columns "${H.code}", "${H.criterionNo}", "${H.participant}" and "${H.score}".`);
    return out;
  }
  out.exportNamedScores = true;
  const people = new Map<string, { item: Item; row: number; same: string }>();
  const seen = new Map<string, number>();
  for (let row = header.row + 1; row <= named.rowCount; row++) {
    const r = new RowReader(named, header, row, problems);
    const name = r.text(H.participant);
    if (!r.text(H.code) && !r.text(H.criterionNo) && !name && !r.text(H.score)) continue;
    const goalId = goalOf(r, H.code);
    const criterionId = criterionOf(r);
    const value = valueOf(r);
    if (!name) r.problem(H.participant, 'A named score needs the participant’s name.', { code: 'noParticipantName', params: {} });
    const details = { name, organisation: r.text(H.organisation), group: r.oneOf(H.group, GROUPS), committee: r.oneOf(H.committee, COMMITTEES) ?? 'none' };
    if (!goalId || !criterionId || value === null || !name) continue;
    const key = r.text(H.participantNo) || `${name}\u0000${details.organisation}`;
    const same = JSON.stringify(details);
    let person = people.get(key);
    if (!person) {
      person = { item: { id: newId(), ...details }, row, same };
      origins.set(person.item.id, { sheet: named.name, row });
      people.set(key, person);
      out.participants.push(person.item);
    } else if (person.same !== same) {
      r.problem(H.participant, `Participant ${r.text(H.participantNo) || name} is described differently on row ${person.row} (name, organisation, group and committee must match).`, { code: 'participantDiffers', params: { participant: r.text(H.participantNo) || name, row: person.row } });
      continue;
    }
    const cell = `${goalId}:${criterionId}:${person.item.id}`;
    if (seen.has(cell)) {
      r.problem(H.score, `${name} already scored goal ${r.text(H.code)} on criterion ${r.text(H.criterionNo)} on row ${seen.get(cell)}.`, { code: 'scoredTwice', params: { name, code: r.text(H.code), criterion: r.text(H.criterionNo), row: seen.get(cell)! } });
      continue;
    }
    seen.set(cell, row);
    const note = r.text(H.note);
    out.scores.push({ goalId, criterionId, participantId: person.item.id, value, ...(note ? { note } : {}) });
  }
  return out;
}

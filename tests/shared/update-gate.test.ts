import { describe, expect, it } from 'vitest';
import { checkChange, checkPlanSize, foreignClient, incomplete, MAX_PLAN_BYTES, type Change, type GateState, type Put, type Writer } from '../../shared/rules/update-gate.js';
import { LIMITS } from '../../shared/schema/values.js';

const editor: Writer = { canFacilitate: false, participantId: 'pEd' };
const facilitator: Writer = { canFacilitate: true, participantId: 'pFac' };
const open: GateState = { criteriaLocked: false };
const locked: GateState = { criteriaLocked: true };

const value = (v: unknown): Put => ({ kind: 'value', value: v });
const set = (path: string[], put: Put): Change => ({ op: 'set', path, put });
const rule = (w: Writer, s: GateState, c: Change) => checkChange(w, s, c)?.rule ?? null;

describe('update gate rules (shared/rules/update-gate.ts)', () => {
  it('[G1] only plan places: known roots, id keys, registry fields, cell keys, plain text in text fields', () => {
    expect(rule(editor, open, set(['evil', 'x'], value(1)))).toBe('G1');
    expect(rule(editor, open, set(['meta', 'unknownKey'], value(1)))).toBe('G1');
    expect(rule(editor, open, set(['criteria', 'c1', 'colour'], value('red')))).toBe('G1');
    expect(rule(editor, open, set(['criteria', '__proto__'], { kind: 'map' }))).toBe('G1');
    expect(rule(editor, open, set(['nodes', 'g1', 'title', 'deeper'], { kind: 'text' }))).toBe('G1');
    expect(rule(facilitator, open, set(['agreed', 'only-one-id'], value({ value: 1 })))).toBe('G1');
    expect(rule(editor, open, { op: 'insert', path: ['nodes', 'g1', 'status'], length: 1, plain: true })).toBe('G1');
    expect(rule(editor, open, { op: 'insert', path: ['sections', 's1', 'body'], length: 1, plain: false })).toBe('G1');
    // What the commands write passes.
    expect(rule(editor, open, set(['nodes', 'g1'], { kind: 'map' }))).toBeNull();
    expect(rule(editor, open, set(['nodes', 'g1', 'title'], { kind: 'text' }))).toBeNull();
    expect(rule(editor, open, set(['nodes', 'g1', 'kind'], value('goal')))).toBeNull();
    expect(rule(editor, open, set(['nodes', 'o1', 'placement'], value({ parentId: 'g1', order: 'i' })))).toBeNull();
    expect(rule(editor, open, set(['nodes', 'g1', 'requirements'], { kind: 'map' }))).toBeNull();
    expect(rule(editor, open, set(['nodes', 'g1', 'requirements', 'r1'], value({ kind: 'other', description: 'x', order: 'i' })))).toBeNull();
    expect(rule(editor, open, set(['indicators', 'i1', 'nodeId'], value('g1')))).toBeNull();
    expect(rule(editor, open, set(['activityReports', 'rv1:a1'], value({ expenditure: { amount: 5, currency: 'XOF' } })))).toBeNull();
    expect(rule(editor, open, { op: 'insert', path: ['meta', 'title'], length: 10, plain: true })).toBeNull();
  });

  it('[G2] an incomplete update is refused with its own rule and code', () => {
    expect(incomplete('a gap')).toMatchObject({ rule: 'G2', code: 'incomplete' });
  });

  it('[G3] only facilitators write or remove the lock flags', () => {
    expect(rule(editor, open, set(['meta', 'criteriaAgreedByImc'], value(true)))).toBe('G3');
    expect(rule(editor, open, { op: 'delete', path: ['meta', 'criteriaAgreedByNcc'], inText: false })).toBe('G3');
    expect(rule(facilitator, open, set(['meta', 'criteriaAgreedByImc'], value(true)))).toBeNull();
    expect(rule(facilitator, open, set(['meta', 'criteriaAgreedByImc'], value('yes')))).toBe('G8');
  });

  it('[G12] only facilitators change who sees individual named scores', () => {
    expect(rule(editor, open, set(['meta', 'exportNamedScores'], value(true)))).toBe('G12');
    expect(rule(editor, open, { op: 'delete', path: ['meta', 'exportNamedScores'], inText: false })).toBe('G12');
    expect(rule(facilitator, open, set(['meta', 'exportNamedScores'], value(true)))).toBeNull();
    expect(rule(facilitator, open, set(['meta', 'exportNamedScores'], value('yes')))).toBe('G8');
  });

  it('[L8] [G12] only facilitators set the plan\'s export language, to one of the four locales', () => {
    expect(rule(editor, open, set(['meta', 'language'], value('fr')))).toBe('G12');
    expect(rule(editor, open, { op: 'delete', path: ['meta', 'language'], inText: false })).toBe('G12');
    expect(rule(facilitator, open, set(['meta', 'language'], value('ar')))).toBeNull();
    expect(rule(facilitator, open, set(['meta', 'language'], value('de')))).toBe('G8');
  });

  it('[G4] id, schema version and the title container are the server\'s, for facilitators too', () => {
    expect(rule(facilitator, open, set(['meta', 'schemaVersion'], value(999)))).toBe('G4');
    expect(rule(facilitator, open, set(['meta', 'id'], value('other')))).toBe('G4');
    expect(rule(facilitator, open, set(['meta', 'title'], { kind: 'text' }))).toBe('G4');
    expect(rule(facilitator, open, { op: 'delete', path: ['meta', 'title'], inText: false })).toBe('G4');
    expect(rule(editor, open, { op: 'delete', path: ['meta', 'title'], inText: true })).toBeNull();
    expect(rule(editor, open, { op: 'delete', path: ['meta', 'handful'], inText: false })).toBeNull(); // an overwrite's old value
  });

  it('[G5] while the criteria are locked only facilitators change them', () => {
    const edits: Change[] = [
      { op: 'insert', path: ['criteria', 'c1', 'title'], length: 5, plain: true },
      { op: 'delete', path: ['criteria', 'c1', 'title'], inText: true },
      set(['criteria', 'c1', 'archived'], value(true)),
      set(['criteria', 'c9'], { kind: 'map' }),
    ];
    for (const c of edits) {
      expect(rule(editor, locked, c)).toBe('G5');
      expect(rule(editor, open, c)).toBeNull();
      expect(rule(facilitator, locked, c)).toBeNull();
    }
  });

  it('[G6] a connection writes only its own participant\'s score cells', () => {
    expect(rule(editor, open, set(['scores', 'g1:c1:pFac'], value({ value: 1 })))).toBe('G6');
    expect(rule(editor, open, { op: 'delete', path: ['scores', 'g1:c1:pFac'], inText: false })).toBe('G6');
    expect(rule({ canFacilitate: true, participantId: null }, open, set(['scores', 'g1:c1:pFac'], value({ value: 1 })))).toBe('G6');
    expect(rule(editor, open, set(['scores', 'g1:c1:pEd'], value({ value: 1, note: 'why' })))).toBeNull();
    expect(rule(editor, open, { op: 'delete', path: ['scores', 'g1:c1:pEd'], inText: false })).toBeNull();
  });

  it('[G7] only facilitators write or clear agreed scores', () => {
    expect(rule(editor, open, set(['agreed', 'g1:c1'], value({ value: 2 })))).toBe('G7');
    expect(rule(editor, open, { op: 'delete', path: ['agreed', 'g1:c1'], inText: false })).toBe('G7');
    expect(rule(facilitator, open, set(['agreed', 'g1:c1'], value({ value: 2 })))).toBeNull();
  });

  it('[G8] values stay in their field\'s domain (registry checks)', () => {
    for (const v of [99, -5, 1e15, 7, '2', null]) expect(rule(editor, open, set(['scores', 'g1:c1:pEd'], value({ value: v })))).toBe('G8');
    expect(rule(editor, open, set(['scores', 'g1:c1:pEd'], value({ note: 'no value' })))).toBe('G8');
    expect(rule(editor, open, set(['scores', 'g1:c1:pEd'], value({ value: 1, extra: true })))).toBe('G8');
    expect(rule(facilitator, open, set(['agreed', 'g1:c1'], value({ value: 7 })))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'a1', 'budget'], value({ amount: 1e16, currency: 'USD' })))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'a1', 'budget'], value({ amount: 5, currency: 'usd' })))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'g1', 'status'], value('crowned')))).toBe('G8');
    expect(rule(facilitator, open, set(['meta', 'stage'], value('nowhere')))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'g1', 'title'], value('a string, not a text')))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'g1'], value({})))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'g1', 'kind'], value('ministry')))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'o1', 'placement'], value({ parentId: '../x', order: 'i' })))).toBe('G8');
    expect(rule(editor, open, set(['nodes', 'a1', 'budget'], value({ amount: 5, currency: 'USD' })))).toBeNull();
  });

  it('[G9] texts stay within their field\'s limit', () => {
    expect(rule(editor, open, { op: 'insert', path: ['meta', 'title'], length: 150_000, plain: true })).toBe('G9');
    expect(rule(editor, open, { op: 'insert', path: ['nodes', 'g1', 'title'], length: LIMITS.shortText + 1, plain: true })).toBe('G9');
    expect(rule(editor, open, { op: 'insert', path: ['sections', 's1', 'body'], length: LIMITS.longText, plain: true })).toBeNull();
    expect(rule(editor, open, { op: 'insert', path: ['sections', 's1', 'body'], length: LIMITS.longText + 1, plain: true })).toBe('G9');
  });

  it('[G10] the plan may not grow past its cap', () => {
    expect(checkPlanSize(MAX_PLAN_BYTES - 10, 10)).toBeNull();
    expect(checkPlanSize(MAX_PLAN_BYTES - 10, 11)?.rule).toBe('G10');
    expect(checkPlanSize(100, 50, 120)).toMatchObject({ rule: 'G10', code: 'plan-too-large' });
  });

  it('[G11] content under another connection\'s client id is refused with its own rule', () => {
    expect(foreignClient(42)).toMatchObject({ rule: 'G11', code: 'foreign-client' });
  });
});

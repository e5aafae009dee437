import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editText, getText, setCriteriaAgreement, setText } from '../../shared/model.js';
import { initPlan } from '../../shared/schema/init.js';
import { ME } from './helpers/fixtures.js';

describe('editText (TX1)', () => {
  it('TX1: applies one delete and insert at the given place, in one transaction', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan', title: 'aa' });
    const ref = { kind: 'plan', field: 'title' } as const;
    const deltas: unknown[] = [];
    getText(doc, ref)!.observe((e) => deltas.push(e.delta));
    expect(editText(doc, ref, { index: 1, remove: 0, insert: 'a' }, ME).ok).toBe(true);
    expect(editText(doc, ref, { index: 0, remove: 2, insert: 'b' }, ME).ok).toBe(true);
    expect(getText(doc, ref)!.toString()).toBe('ba');
    expect(deltas).toEqual([[{ retain: 1 }, { insert: 'a' }], [{ delete: 2 }, { insert: 'b' }]]);
  });

  it('TX1: refuses a range outside the text, a split character, a text over its limit and locked criteria', () => {
    const doc = new Y.Doc();
    initPlan(doc, { id: 'plan', title: 'x\u{1F600}y' });
    const ref = { kind: 'plan', field: 'title' } as const;
    expect(editText(doc, ref, { index: 5, remove: 0, insert: 'a' }, ME).ok).toBe(false);
    expect(editText(doc, ref, { index: 0, remove: -1, insert: 'a' }, ME).ok).toBe(false);
    expect(editText(doc, ref, { index: 2, remove: 0, insert: 'a' }, ME).ok).toBe(false); // inside the emoji
    expect(editText(doc, ref, { index: 1, remove: 1, insert: '' }, ME).ok).toBe(false); // half of it
    expect(editText(doc, ref, { index: 0, remove: 0, insert: 'a'.repeat(100_000) }, ME).ok).toBe(false);
    expect(getText(doc, ref)!.toString()).toBe('x\u{1F600}y');
    const crit = { kind: 'criterion', id: [...doc.getMap('criteria').keys()][0]!, field: 'title' } as const;
    expect(setCriteriaAgreement(doc, 'imc', true, ME).ok && setCriteriaAgreement(doc, 'ncc', true, ME).ok).toBe(true);
    expect(editText(doc, crit, { index: 0, remove: 0, insert: 'a' }, ME).ok).toBe(false);
    expect(setText(doc, crit, 'a', ME).ok).toBe(false);
  });
});

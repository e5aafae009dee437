import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keepOwnDeliverableTexts, startDeliverable } from '../../shared/commands/stages.js';
import { getText, setText } from '../../shared/commands/text.js';
import { localOrigin } from '../../shared/schema/origins.js';

/** Exchanges updates both ways until both docs hold the same state. */
function sync(a: Y.Doc, b: Y.Doc): void {
  for (let i = 0; i < 4; i++) {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  }
}

/** Two peers who each start the scoping ToR and type into it before they see each other's start. */
function race(heal: boolean): { a: Y.Doc; b: Y.Doc } {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = 1;
  b.clientID = 2;
  if (heal) {
    keepOwnDeliverableTexts(a, localOrigin('ana'));
    keepOwnDeliverableTexts(b, localOrigin('ben'));
  }
  expect(startDeliverable(a, 'scoping-tor', localOrigin('ana')).ok).toBe(true);
  expect(startDeliverable(b, 'scoping-tor', localOrigin('ben')).ok).toBe(true);
  expect(setText(a, { kind: 'deliverable', id: 'scoping-tor', field: 'body' }, 'Ana: objectives of the scoping', localOrigin('ana')).ok).toBe(true);
  expect(setText(b, { kind: 'deliverable', id: 'scoping-tor', field: 'body' }, 'Ben: who sits on the team', localOrigin('ben')).ok).toBe(true);
  sync(a, b);
  return { a, b };
}

const body = (d: Y.Doc) => getText(d, { kind: 'deliverable', id: 'scoping-tor', field: 'body' })?.toString() ?? '';
const title = (d: Y.Doc) => getText(d, { kind: 'deliverable', id: 'scoping-tor', field: 'title' })?.toString() ?? '';

describe('two people starting the same handbook deliverable at once', () => {
  it('[ST5] without the guard, one start wins and the other person’s words are gone (the failure ST5 prevents)', () => {
    const { a, b } = race(false);
    expect(body(a)).toBe(body(b));
    expect([body(a).includes('Ana'), body(a).includes('Ben')].filter(Boolean)).toHaveLength(1);
  });

  it('[ST5] with the guard, both starts converge and each person’s words are kept once', () => {
    const { a, b } = race(true);
    expect(body(a)).toBe(body(b));
    expect(body(a)).toContain('Ana: objectives of the scoping');
    expect(body(a)).toContain('Ben: who sits on the team');
    expect(body(a).split('Ana:').length).toBe(2);
    expect(body(a).split('Ben:').length).toBe(2);
    // The catalogue title both starts wrote is not doubled.
    expect(title(a)).toBe(title(b));
    expect(title(a)).toBe('Scoping terms of reference');
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  });

  it('[ST5] a third peer that only watched restores nothing, and a lone start keeps its text untouched', () => {
    const a = new Y.Doc();
    const watcher = new Y.Doc();
    keepOwnDeliverableTexts(watcher, localOrigin('eve'));
    keepOwnDeliverableTexts(a, localOrigin('ana'));
    startDeliverable(a, 'scoping-tor', localOrigin('ana'));
    setText(a, { kind: 'deliverable', id: 'scoping-tor', field: 'body' }, 'Only Ana', localOrigin('ana'));
    sync(a, watcher);
    expect(body(watcher)).toBe('Only Ana');
    expect(body(a)).toBe('Only Ana');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guardSending, precheckTransaction, transactionChanges } from '../../client/sync/precheck.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';
import { judgeUpdate } from '../../server/sync/hooks/update-gate.js';
import { addNode, addParticipant, initPlan, setAgreedScore, setCriteriaAgreement, setScore, setText } from '../../shared/model.js';
import { criteriaLocked } from '../../shared/commands/criteria.js';
import type { Refusal, Writer } from '../../shared/rules/update-gate.js';
import { metaMap, criteriaMap } from '../../shared/schema/roots.js';

/**
 * The browser's pre-check (client/sync/precheck.ts) judges a local change with the shared gate
 * rules before it leaves (SPEC G1, G3-G9). For each case the same change is also judged by the
 * server's gate (judgeUpdate on the doc before it), and both must give the same verdict.
 */
const ME = { source: 'local', userId: 'tester' } as const;
const SERVER = { source: 'server', reason: 'test' } as const;
const CRIT = 'crit-national-priority';
const EDITOR: Writer = { canFacilitate: false, participantId: 'p1' };
const FACILITATOR: Writer = { canFacilitate: true, participantId: 'pf' };

/** A plan with one goal and two participants, as the server would hold it. */
function plan(locked = false): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, { id: 'plan1', title: 'Plan' });
  doc.transact(() => {
    addNode(doc, { kind: 'goal', id: 'g1', title: 'Goal' }, SERVER);
    addParticipant(doc, { id: 'p1', name: 'Amina' }, SERVER);
    addParticipant(doc, { id: 'p2', name: 'Bruno' }, SERVER);
    if (locked) {
      setCriteriaAgreement(doc, 'imc', true, SERVER);
      setCriteriaAgreement(doc, 'ncc', true, SERVER);
    }
  });
  return doc;
}

/**
 * Runs `edit` on a replica of `base` (a browser's copy) and judges it both ways: the pre-check
 * on the applied transaction, the server's gate on the update against `base`.
 */
function judge(base: Y.Doc, writer: Writer, edit: (doc: Y.Doc) => void): { client: Refusal | null; server: Refusal | null } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  let client: Refusal | null | undefined;
  let update: Uint8Array | null = null;
  const locked = criteriaLocked(doc);
  doc.on('update', (u: Uint8Array, _origin: unknown, _d: Y.Doc, tr: Y.Transaction) => {
    update = u;
    client = precheckTransaction(writer, { criteriaLocked: locked }, tr);
  });
  edit(doc);
  if (!update || client === undefined) throw new Error('the edit changed nothing');
  return { client, server: judgeUpdate(base, writer, update) };
}

const rule = (r: Refusal | null) => r && `${r.rule} ${r.code}`;

describe('the pre-check judges local changes as the server gate does (G1, G3-G9)', () => {
  const cases: [string, Writer, boolean, (doc: Y.Doc) => void, string | null][] = [
    ['G6 an editor scores as their own participant', EDITOR, false, (d) => setScore(d, { goalId: 'g1', criterionId: CRIT, participantId: 'p1', value: 2 }, ME), null],
    ['G6 an editor writes another participant\'s score', EDITOR, false, (d) => setScore(d, { goalId: 'g1', criterionId: CRIT, participantId: 'p2', value: 2 }, ME), 'G6 foreign-score'],
    ['G7 an editor writes an agreed score', EDITOR, false, (d) => setAgreedScore(d, { goalId: 'g1', criterionId: CRIT, value: 1 }, ME), 'G7 agreed-score'],
    ['G7 a facilitator writes an agreed score', FACILITATOR, false, (d) => setAgreedScore(d, { goalId: 'g1', criterionId: CRIT, value: 1 }, ME), null],
    ['G3 an editor agrees the criteria', EDITOR, false, (d) => setCriteriaAgreement(d, 'imc', true, ME), 'G3 lock-flag'],
    ['G3 a facilitator agrees the criteria', FACILITATOR, false, (d) => setCriteriaAgreement(d, 'imc', true, ME), null],
    ['G5 an editor renames a locked criterion', EDITOR, true, (d) => (criteriaMap(d).get(CRIT) as Y.Map<Y.Text>).get('title')!.insert(0, 'New '), 'G5 criteria-locked'],
    ['G5 a facilitator renames a locked criterion', FACILITATOR, true, (d) => (criteriaMap(d).get(CRIT) as Y.Map<Y.Text>).get('title')!.insert(0, 'New '), null],
    ['G1 a scratch root', EDITOR, false, (d) => d.getText('t').insert(0, 'scratch'), 'G1 unknown-place'],
    ['G1 an unknown meta key', EDITOR, false, (d) => metaMap(d).set('colour', 'red'), 'G1 unknown-place'],
    ['G4 the schema version', FACILITATOR, false, (d) => metaMap(d).set('schemaVersion', 999), 'G4 server-key'],
    ['G8 a score out of domain', EDITOR, false, (d) => d.getMap('scores').set(`g1:${CRIT}:p1`, { value: 99 }), 'G8 out-of-domain'],
    ['G9 a title past its limit', EDITOR, false, (d) => (d.getMap('nodes').get('g1') as Y.Map<Y.Text>).get('title')!.insert(0, 'x'.repeat(2_001)), 'G9 too-long'],
    ['G9 a title edited within its limit, with a deletion', EDITOR, false, (d) => setText(d, { kind: 'node', id: 'g1', field: 'title' }, 'Goal one', ME), null],
    ['an editor adds an outcome under the goal', EDITOR, false, (d) => addNode(d, { kind: 'outcome', parentId: 'g1', title: 'Outcome' }, ME), null],
  ];
  for (const [name, writer, locked, edit, expected] of cases) {
    it(`${name}: ${expected ?? 'accepted'}`, () => {
      const { client, server } = judge(plan(locked), writer, edit);
      expect(rule(server)).toBe(expected);
      expect(rule(client)).toBe(expected);
    });
  }

  it('names each change by its place: map keys set and removed, texts with their length afterwards', () => {
    const base = plan();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
    let changes: unknown = null;
    doc.on('update', (_u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => (changes = transactionChanges(tr)));
    doc.transact(() => {
      setText(doc, { kind: 'node', id: 'g1', field: 'title' }, 'Go', ME);
      (doc.getMap('nodes').get('g1') as Y.Map<unknown>).delete('status');
    });
    expect(changes).toEqual(
      expect.arrayContaining([
        { op: 'delete', path: ['nodes', 'g1', 'status'], inText: false },
        { op: 'delete', path: ['nodes', 'g1', 'title'], inText: true },
        { op: 'insert', path: ['nodes', 'g1', 'title'], length: 2, plain: true },
      ]),
    );
  });
});

describe('the pre-check between a real provider and the real server', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A real server with one plan, an editor's provider, an observer's watching it, and a barrier: another editor's goal that reaches the watcher after anything sent before it. */
  async function editorAndWatcher() {
    const dir = tempDir();
    const server = await startTestServer(dir);
    cleanups.push(() => removeDir(dir), () => server.close());
    const id = await createPlan(server);
    const editor = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, 'editor'));
    const watcher = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, 'observer'));
    cleanups.push(() => editor.destroy(), () => watcher.destroy());
    const barrier = async (goalId: string) => {
      const other = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, 'editor'));
      cleanups.push(() => other.destroy());
      await waitSynced(other);
      addNode(other.doc, { kind: 'goal', id: goalId, title: 'Barrier' }, ME);
      await waitFor(() => watcher.doc.getMap('nodes').has(goalId), 'the barrier reached the watcher');
    };
    return { editor, watcher, barrier };
  }

  it('an editor\'s agreed score is not sent (no 4422 close), the person is told why, and nothing after it leaves', async () => {
    const { editor, watcher, barrier } = await editorAndWatcher();
    const refusals: Refusal[] = [];
    guardSending(editor, () => ({ canFacilitate: false, participantId: null }), () => true, (r) => refusals.push(r));
    const closes: number[] = [];
    editor.on('connection-close', (e: { code: number } | null) => e && closes.push(e.code));
    await Promise.all([waitSynced(editor), waitSynced(watcher)]);
    // An honest edit goes through.
    addNode(editor.doc, { kind: 'goal', id: 'g1', title: 'Goal' }, ME);
    await waitFor(() => watcher.doc.getMap('nodes').has('g1'), 'the watcher has the goal');
    // The agreed score is judged before it leaves: refused with G7, never sent.
    expect(setAgreedScore(editor.doc, { goalId: 'g1', criterionId: CRIT, value: 1 }, ME).ok).toBe(true);
    expect(refusals.map(rule)).toEqual(['G7 agreed-score']);
    // Nothing after it is sent either (this copy no longer matches what the server accepts).
    addNode(editor.doc, { kind: 'goal', id: 'g2', title: 'Later' }, ME);
    // A barrier: an edit from another editor reaches the watcher after anything the first sent.
    await barrier('g3');
    expect(watcher.doc.getMap('agreed').size).toBe(0);
    expect(watcher.doc.getMap('nodes').has('g2')).toBe(false);
    expect(closes).toEqual([]);
    expect(editor.wsconnected).toBe(true);
  });

  it('[MP7] after paint: the updates of one frame leave as one merged message; what was accepted before a refusal leaves at once, the refused one never', async () => {
    const { editor, watcher, barrier } = await editorAndWatcher();
    // Every update the provider sends, as it hands it to its socket and the other tabs.
    const sent: Uint8Array[] = [];
    const send = editor._updateHandler;
    const counted = (u: Uint8Array, origin: unknown) => {
      if (origin !== editor) sent.push(u);
      send(u, origin);
    };
    editor.doc.off('update', send);
    editor.doc.on('update', counted);
    editor._updateHandler = counted;
    const refusals: Refusal[] = [];
    const guard = guardSending(editor, () => ({ canFacilitate: false, participantId: null }), () => true, (r) => refusals.push(r), { afterPaint: true });
    await Promise.all([waitSynced(editor), waitSynced(watcher)]);
    // Three edits in one go (one frame): nothing leaves before the frame, then one message with all three.
    for (const g of ['g1', 'g2', 'g3']) addNode(editor.doc, { kind: 'goal', id: g, title: g }, ME);
    expect(sent.length).toBe(0);
    await waitFor(() => watcher.doc.getMap('nodes').has('g3'), 'the watcher has the three goals');
    expect(sent.length).toBe(1);
    expect(['g1', 'g2'].every((g) => watcher.doc.getMap('nodes').has(g))).toBe(true);
    // flush() hands on what is held at once.
    addNode(editor.doc, { kind: 'goal', id: 'g4', title: 'Held' }, ME);
    guard.flush();
    expect(sent.length).toBe(2);
    // An honest edit and a refused one in the same frame: the honest one leaves at the refusal, the refused one never.
    addNode(editor.doc, { kind: 'goal', id: 'g5', title: 'Honest' }, ME);
    expect(setAgreedScore(editor.doc, { goalId: 'g1', criterionId: CRIT, value: 1 }, ME).ok).toBe(true);
    expect(refusals.map(rule)).toEqual(['G7 agreed-score']);
    expect(sent.length).toBe(3);
    addNode(editor.doc, { kind: 'goal', id: 'g6', title: 'Later' }, ME);
    await barrier('g7');
    expect(['g4', 'g5'].every((g) => watcher.doc.getMap('nodes').has(g))).toBe(true);
    expect(watcher.doc.getMap('agreed').size).toBe(0);
    expect(watcher.doc.getMap('nodes').has('g6')).toBe(false);
    expect(sent.length).toBe(3);
  });
});

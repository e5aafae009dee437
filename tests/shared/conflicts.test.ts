import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as cmd from '../../shared/model.js';
import { conflictsOf, describePlace, mapWritesOf, placeText, placeWords, watchConflicts, type Conflict, type MapWrite } from '../../shared/domain/conflicts.js';
import { valueText } from '../../shared/domain/diff.js';
import { formatDate, formatMoney, formatNumber } from '../../shared/i18n/format.js';
import { intlTag, type Locale } from '../../shared/i18n/locales.js';
import { translator } from '../../server/i18n.js';
import { initPlan } from '../../shared/schema/init.js';
import { ME } from './helpers/fixtures.js';
import { addActivityChain } from '../helpers/plan-content.js';

const REMOTE = { source: 'remote' } as const;

const usd = (amount: number) => ({ amount, currency: 'USD' });

/** A plan with one activity, shared by a phone (client 1) and a facilitator (client 2). */
function twoPeople(phoneClient = 1, facilitatorClient = 2) {
  const origin = new Y.Doc();
  initPlan(origin, { id: 'plan', title: 'Plan', currency: 'USD' });
  const { activity } = addActivityChain(origin, { budget: usd(10_000) });
  const base = Y.encodeStateAsUpdate(origin);
  const phone = new Y.Doc();
  phone.clientID = phoneClient;
  const facilitator = new Y.Doc();
  facilitator.clientID = facilitatorClient;
  Y.applyUpdate(phone, base, REMOTE);
  Y.applyUpdate(facilitator, base, REMOTE);
  return { phone, facilitator, activity };
}

/** Collects the conflicts every remote transaction of `doc` brings. */
function collect(doc: Y.Doc): Conflict[] {
  const out: Conflict[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => out.push(...conflictsOf(tr)));
  return out;
}

/** Sends everything `from` has that `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
}

/** Both send what the other lacks at the same moment (a reconnect: each answers the other's sync step 1). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB, REMOTE);
  Y.applyUpdate(a, toA, REMOTE);
}

const budgetOf = (doc: Y.Doc, activity: string) => cmd.readPlan(doc).activities.find((a) => a.id === activity)?.budget;

describe('conflict notices (CF)', () => {
  for (const [label, phoneClient, facilitatorClient] of [
    ['the offline value wins the merge', 9, 2],
    ['the online value wins the merge', 1, 9],
  ] as const) {
    it(`CF1: an offline budget set without seeing the online one is a conflict on both sides (${label})`, () => {
      const { phone, facilitator, activity } = twoPeople(phoneClient, facilitatorClient);
      const onPhone = collect(phone);
      const onFacilitator = collect(facilitator);
      // The phone is offline: 13,000. The facilitator, online, then types 14,000.
      expect(cmd.setNodeField(phone, activity, 'budget', usd(13_000), ME).ok).toBe(true);
      expect(cmd.setNodeField(facilitator, activity, 'budget', usd(14_000), ME).ok).toBe(true);
      exchange(phone, facilitator);
      const shown = budgetOf(phone, activity);
      expect(budgetOf(facilitator, activity)).toEqual(shown);
      for (const found of [onPhone, onFacilitator]) {
        expect(found).toHaveLength(1);
        const c = found[0]!;
        expect(c).toMatchObject({ root: 'nodes', entity: 'activity', id: activity, field: 'budget' });
        expect(c.kept).toMatchObject({ value: shown, known: true });
        expect(c.lost.known).toBe(true);
        expect(c.lost.value).toEqual(shown!.amount === 13_000 ? usd(14_000) : usd(13_000));
        const winner = shown!.amount === 13_000 ? phoneClient : facilitatorClient;
        expect(c.kept.client).toBe(winner);
        expect(c.lost.client).toBe(winner === phoneClient ? facilitatorClient : phoneClient);
      }
      // The one who wrote blind is the other side in each doc.
      expect(onPhone[0]!.blindWriter).toBe(facilitatorClient);
      expect(onFacilitator[0]!.blindWriter).toBe(phoneClient);
    });
  }

  it('CF1: a losing value that reaches me already discarded (the peer merged first) is still a conflict, its value unknown', () => {
    const { phone, facilitator, activity } = twoPeople(9, 2);
    const onPhone = collect(phone);
    cmd.setNodeField(phone, activity, 'budget', usd(13_000), ME);
    cmd.setNodeField(facilitator, activity, 'budget', usd(14_000), ME);
    sync(phone, facilitator); // the facilitator merges first: the phone's 13,000 wins, 14,000 is dropped
    sync(facilitator, phone);
    expect(budgetOf(phone, activity)).toEqual(usd(13_000));
    expect(onPhone).toHaveLength(1);
    expect(onPhone[0]!.kept).toEqual({ client: 9, value: usd(13_000), known: true });
    expect(onPhone[0]!.lost).toEqual({ client: 2, value: null, known: false });
  });

  it('CF1: a change made after seeing the previous value is no conflict', () => {
    const { phone, facilitator, activity } = twoPeople();
    const onPhone = collect(phone);
    const onFacilitator = collect(facilitator);
    cmd.setNodeField(phone, activity, 'budget', usd(13_000), ME);
    sync(phone, facilitator);
    cmd.setNodeField(facilitator, activity, 'budget', usd(14_000), ME);
    sync(facilitator, phone);
    expect(budgetOf(phone, activity)).toEqual(usd(14_000));
    expect(onPhone).toEqual([]);
    expect(onFacilitator).toEqual([]);
  });

  it('CF1: a first value on an empty field, and several changes in one update, are no conflict', () => {
    const { phone, facilitator, activity } = twoPeople();
    const onFacilitator = collect(facilitator);
    cmd.setNodeField(phone, activity, 'responsible', 'Ministry of Labour', ME);
    cmd.setNodeField(phone, activity, 'responsible', 'Ministry of Labour and Social Affairs', ME);
    cmd.setNodeField(phone, activity, 'budget', usd(1), ME);
    cmd.setNodeField(phone, activity, 'budget', usd(2), ME);
    sync(phone, facilitator);
    expect(onFacilitator).toEqual([]);
  });

  it('CF2: the same value set by both is no conflict', () => {
    const { phone, facilitator, activity } = twoPeople();
    const onPhone = collect(phone);
    cmd.setNodeField(phone, activity, 'budget', usd(12_000), ME);
    cmd.setNodeField(facilitator, activity, 'budget', usd(12_000), ME);
    sync(facilitator, phone);
    expect(onPhone).toEqual([]);
  });

  it('CF1: whole-value cells (a score cell) conflict like fields, with the cell key as id', () => {
    const { phone, facilitator } = twoPeople();
    const plan = cmd.readPlan(phone);
    // Two devices of the same person score the same cell while apart.
    const goal = plan.goals[0]!.id;
    const criterion = plan.criteria[0]!.id;
    for (const d of [phone, facilitator]) expect(cmd.addParticipant(d, { id: 'amina', name: 'Amina' }, ME).ok).toBe(true);
    sync(phone, facilitator);
    sync(facilitator, phone);
    const onPhone = collect(phone);
    cmd.setScore(phone, { goalId: goal, criterionId: criterion, participantId: 'amina', value: 2 }, ME);
    cmd.setScore(facilitator, { goalId: goal, criterionId: criterion, participantId: 'amina', value: 0 }, ME);
    sync(facilitator, phone);
    expect(onPhone).toHaveLength(1);
    expect(onPhone[0]).toMatchObject({ root: 'scores', entity: 'score', id: `${goal}:${criterion}:amina`, field: null });
  });

  it('CF3, CF4: watchConflicts tells only about conflicts in which one value is mine; local changes never conflict', () => {
    const { phone, facilitator, activity } = twoPeople(1, 2);
    const third = new Y.Doc();
    third.clientID = 3;
    sync(phone, third);
    const told: Record<string, Conflict[]> = { phone: [], third: [] };
    const stopPhone = watchConflicts(phone, (c) => c === phone.clientID, (c) => told.phone!.push(...c));
    watchConflicts(third, (c) => c === third.clientID, (c) => told.third!.push(...c));
    cmd.setNodeField(phone, activity, 'budget', usd(13_000), ME);
    cmd.setNodeField(facilitator, activity, 'budget', usd(14_000), ME);
    sync(facilitator, third);
    sync(phone, third);
    exchange(facilitator, phone);
    expect(told.phone).toHaveLength(1);
    expect(told.third).toEqual([]);
    // Taking the other value is an ordinary local change: no notice for it.
    const other = told.phone![0]!.lost.value;
    cmd.setNodeField(phone, activity, 'budget', other, ME);
    expect(told.phone).toHaveLength(1);
    stopPhone();
    cmd.setNodeField(phone, activity, 'budget', usd(1), ME);
    cmd.setNodeField(facilitator, activity, 'budget', usd(2), ME);
    sync(facilitator, phone);
    expect(told.phone).toHaveLength(1);
  });

  it('CF5: a conflict is named in the plan\'s terms: row kind, full code, title and field; scores by whose, goal and criterion', () => {
    const { phone, activity } = twoPeople();
    const plan = cmd.readPlan(phone);
    expect(describePlace(plan, { root: 'nodes', entity: 'activity', id: activity, field: 'budget' })).toBe('activity 1.1.1.1 "Print leaflets": budget');
    expect(describePlace(plan, { root: 'nodes', entity: 'activity', id: activity, field: 'responsibleParties' })).toContain('responsible parties');
    const goal = plan.goals[0]!;
    const criterion = plan.criteria[0]!;
    expect(describePlace(plan, { root: 'agreed', entity: 'agreedScore', id: `${goal.id}:${criterion.id}`, field: null })).toBe(`agreed score for goal "${goal.title}" on "${criterion.title}"`);
    expect(describePlace(plan, { root: 'meta', entity: 'meta', id: '', field: 'currency' })).toBe('plan currency');
    expect(describePlace(plan, { root: 'criteria', entity: 'criterion', id: criterion.id, field: 'order' })).toBe(`criterion "${criterion.title}": order`);
  });
});

describe('conflict notices in the reader\'s language (L70)', () => {
  const inLocale = (l: Locale) => ({ tr: translator(l), f: { number: (n: number) => formatNumber(l, n), date: (iso: string) => formatDate(l, iso), money: (n: number, c: string) => formatMoney(l, n, c) } });
  it('L70: a place is data (placeWords) worded per language; English is describePlace; values are the diff\'s words in the locale', () => {
    const { phone, activity } = twoPeople();
    const plan = cmd.readPlan(phone);
    const goal = plan.goals[0]!;
    const criterion = plan.criteria[0]!;
    const places = [
      { root: 'nodes', entity: 'activity', id: activity, field: 'budget' },
      { root: 'agreed', entity: 'agreedScore', id: `${goal.id}:${criterion.id}`, field: null },
      { root: 'meta', entity: 'meta', id: '', field: 'currency' },
      { root: 'criteria', entity: 'criterion', id: criterion.id, field: 'title' },
    ] as const;
    const en = inLocale('en');
    for (const p of places) expect(placeText(placeWords(plan, p), en.tr, en.f)).toBe(describePlace(plan, p));
    const fr = inLocale('fr');
    expect(placeText(placeWords(plan, places[0]), fr.tr, fr.f)).toBe('activité 1.1.1.1 «\u202fPrint leaflets\u202f»\u202f: budget');
    expect(placeText(placeWords(plan, places[1]), fr.tr, fr.f)).toBe(`note convenue pour l’objectif «\u202f${goal.title}\u202f» sur «\u202f${criterion.title}\u202f»`);
    expect(placeText(placeWords(plan, places[2]), fr.tr, fr.f)).toBe('devise du plan');
    // [L100] the amounts of a notice are money as Intl writes it in the reader's locale, never "13,000 USD" made in shared/.
    for (const l of ['fr', 'es', 'ar'] as const) {
      const { tr, f } = inLocale(l);
      expect(valueText(usd(13_000), tr, f)).toBe(new Intl.NumberFormat(intlTag(l), { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(13_000));
    }
    expect(valueText(usd(13_000), fr.tr, fr.f)).not.toBe(`${formatNumber('fr', 13_000)} USD`);
    // No English word is left in the other languages' places (the titles are the plan's own, as typed).
    for (const l of ['fr', 'es', 'ar'] as const) {
      const { tr, f } = inLocale(l);
      for (const p of places) {
        const text = placeText(placeWords(plan, p), tr, f);
        for (const word of ['activity', 'agreed score', 'plan currency', 'criterion', ': title', 'budget', ' for goal ']) {
          if (l === 'fr' && word === 'budget') continue; // « budget » is French too
          expect(text, `${l}: ${text}`).not.toContain(word);
        }
      }
      for (const k of ['you', 'someone', 'unknown', 'notHere'] as const) expect(tr(`diff:conflict.${k}`)).not.toBe(translator('en')(`diff:conflict.${k}`));
      // [L101] a place is a bare label ("activité 1.1 « … » : budget"): the notice and its announcement never put it after a preposition.
      const place = placeText(placeWords(plan, places[0]), tr, f);
      for (const key of ['collab:conflict.to', 'a11y:live.conflict']) {
        const line = tr(key, { place, time: '14:02' });
        expect(line, `${l} ${key}`).toContain(place);
        expect(line, `${l} ${key}`).not.toMatch(new RegExp(`(?:^|\\s)(?:sur|en|à|a|de|في|على)\\s${place.slice(0, 4)}`));
      }
    }
  });
});

describe('field writes for the change journal (FH1)', () => {
  it('FH1: each value written into an existing field or cell, with the value before, kept or not; first values of a new entity are not changes', () => {
    const { phone, facilitator, activity } = twoPeople(9, 2);
    // A doc that has not asked for the roots yet (as a server room before any reader): still seen.
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(facilitator), REMOTE);
    const writes: MapWrite[] = [];
    server.on('afterTransaction', (tr: Y.Transaction) => writes.push(...mapWritesOf(tr)));
    const plan = cmd.readPlan(phone);
    cmd.addParticipant(phone, { id: 'amina', name: 'Amina' }, ME);
    cmd.setScore(phone, { goalId: plan.goals[0]!.id, criterionId: plan.criteria[0]!.id, participantId: 'amina', value: 2 }, ME);
    cmd.setNodeField(phone, activity, 'budget', usd(13_000), ME);
    cmd.setNodeField(facilitator, activity, 'budget', usd(14_000), ME);
    sync(facilitator, server);
    sync(phone, server);
    const budget = writes.filter((w) => w.field === 'budget');
    expect(budget).toEqual([
      { root: 'nodes', entity: 'activity', id: activity, field: 'budget', from: usd(10_000), to: usd(14_000), kept: true, client: 2 },
      { root: 'nodes', entity: 'activity', id: activity, field: 'budget', from: usd(14_000), to: usd(13_000), kept: true, client: 9 },
    ]);
    const score = writes.filter((w) => w.entity === 'score');
    expect(score).toHaveLength(1);
    expect(score[0]).toMatchObject({ root: 'scores', field: null, from: null, to: { value: 2 }, kept: true, client: 9 });
    expect(writes.filter((w) => w.entity === 'participant')).toEqual([]);
  });
});

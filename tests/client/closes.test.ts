// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../client/i18n.js';
import fs from 'node:fs';
import path from 'node:path';
import { fmt } from '../../client/i18n.js';
import { refusalText } from '../../client/sync/connect.js';
import { resolveAccess } from '../../client/state/api.js';
import { updateHeld } from '../../client/state/access.js';
import { precheckText } from '../../client/sync/precheck.js';
import { checkChange, checkPlanSize, foreignClient, incomplete, type Change, type Refusal } from '../../shared/rules/update-gate.js';
import { ROOT } from '../../shared/schema/roots.js';
import type { Messages } from '../../shared/i18n/types.js';
import en from '../../shared/i18n/en/index.js';
import fr from '../../shared/i18n/fr/index.js';
import es from '../../shared/i18n/es/index.js';
import ar from '../../shared/i18n/ar/index.js';

const CATALOGUES = { en, fr, es, ar } as const;

afterEach(async () => {
  await setLocale('en', false);
});

describe('socket closes in the reader\'s language (L26)', () => {
  it('[L26] 4401, 4403, 4404 and other codes are worded from the catalogue in every locale', async () => {
    for (const lng of ['fr', 'es', 'ar', 'en'] as const) {
      await setLocale(lng, false);
      const closes = CATALOGUES[lng].shell.closes;
      expect(refusalText(4401)).toBe(closes.wrongToken);
      expect(refusalText(4403)).toBe(closes.revoked);
      expect(refusalText(4404)).toBe(closes.noPlan);
      expect(refusalText(4400)).toBe(closes.other.replace('{{code}}', '4400'));
      expect(refusalText(4499, 'slow down')).toBe(closes.otherReason.replace('{{code}}', '4499').replace('{{reason}}', 'slow down'));
      if (lng !== 'en') for (const key of ['wrongToken', 'revoked', 'noPlan', 'unknownRole', 'unchecked'] as const) expect(closes[key]).not.toBe(en.shell.closes[key]);
    }
  });

  it('[L26] checking an invite link: a role this page does not know is explained in the reader\'s language', async () => {
    await setLocale('es', false);
    updateHeld('p9', (p) => {
      p.pending = 'a'.repeat(32);
    });
    const answer = (async () => new Response(JSON.stringify({ id: 'p9', title: 'Nine', updatedAt: 'x', role: 'emperor' }), { status: 200 })) as typeof fetch;
    expect(await resolveAccess('p9', answer)).toEqual({ kind: 'error', message: es.shell.closes.unknownRole });
  });
});

const editor = { canFacilitate: false, participantId: 'p1' };
const boss = { canFacilitate: true, participantId: 'p1' };
const open = { criteriaLocked: false };
const set = (path: string[], put: Change extends infer C ? (C extends { op: 'set'; put: infer P } ? P : never) : never): Change => ({ op: 'set', path, put });
const value = (v: unknown) => ({ kind: 'value' as const, value: v });

/** One refusal of every path of the gate, found as the browser's precheck finds them (or as the server does). */
function everyRefusal(): Refusal[] {
  const judged: [typeof editor, Change][] = [
    [editor, set(['zzz', 'x'], value(1))],
    [editor, set(['criteria', 'c1', 'nope'], value(1))],
    [editor, { op: 'insert', path: ['criteria', 'c1', 'order'], length: 1, plain: true }],
    [editor, set(['meta', 'title'], { kind: 'text' })],
    [editor, { op: 'delete', path: ['meta', 'id'], inText: false }],
    [editor, set(['meta', 'criteriaAgreedByImc'], value(true))],
    [editor, set(['criteria', 'c1', 'title'], value('x'))],
    [editor, set(['criteria', 'c1'], value(1))],
    [boss, set(['agreed', 'g1:c1'], value({ nonsense: 1 }))],
    [editor, set(['nodes', 'g1', 'requirements', 'r1'], value(1))],
    [editor, { op: 'insert', path: ['criteria', 'c1', 'title'], length: 10_000_000, plain: true }],
    [editor, set(['meta', 'anonymousScoring'], value(true))],
    [editor, set(['meta', 'exportNamedScores'], value(true))],
    [editor, set(['meta', 'language'], value('fr'))],
    [editor, set(['meta', 'stageMovers'], value('editors'))],
    [editor, set(['meta', 'stage'], value('goals'))],
    [editor, set(['scores', 'g1:c1:p2'], value({ value: 1 }))],
    [editor, set(['agreed', 'g1:c1'], value({ value: 1 }))],
    [editor, set(['comments', 'x'], { kind: 'map' })],
    [editor, set(['recommendations', 'x'], { kind: 'map' })],
    [editor, set(['consultRounds', 'x'], { kind: 'map' })],
  ];
  const out = judged.map(([w, c]) => checkChange(w, open, c));
  out.push(checkChange(editor, { criteriaLocked: true }, set(['criteria', 'c1', 'weight'], value(1))));
  out.push(checkPlanSize(10, 10, 15), incomplete('a gap'), foreignClient(7));
  expect(out).not.toContain(null);
  return out as Refusal[];
}

const keyOf = (r: Refusal) => `${r.rule}.${r.code}${r.words ? `_${r.words.variant}` : ''}`;
const lookup = (table: Messages, dotted: string): unknown => {
  const [rule, ...rest] = dotted.split('.');
  return (table[rule!] as Messages | undefined)?.[rest.join('.')];
};

describe('the update gate\'s reasons in the reader\'s language (L25)', () => {
  it('[L25] every refuse(rule, code) pair of update-gate.ts, and every variant the gate gives, has a message in all four catalogues', () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../shared/rules/update-gate.ts'), 'utf8');
    const pairs = new Set([...source.matchAll(/refuse\(\s*'(\w+)',\s*'([\w-]+)'/g)].map((m) => `${m[1]}.${m[2]}`));
    expect(pairs.size).toBeGreaterThanOrEqual(17);
    const refusals = everyRefusal();
    // The crafted changes reach every pair the source names, and every variant in the catalogue.
    expect(new Set(refusals.map((r) => `${r.rule}.${r.code}`))).toEqual(pairs);
    const used = new Set([...pairs, ...refusals.map(keyOf)]);
    const enKeys = Object.entries(en.gate).flatMap(([rule, codes]) => (['places', 'imports', 'problems', 'problemPlace', 'problemWords'].includes(rule) ? [] : Object.keys(codes).map((c) => `${rule}.${c}`)));
    expect(new Set(enKeys)).toEqual(used);
    for (const [lng, cat] of Object.entries(CATALOGUES)) {
      for (const key of used) expect(typeof lookup(cat.gate as Messages, key), `${lng} gate:${key}`).toBe('string');
      for (const root of Object.values(ROOT)) expect(typeof (cat.gate.places as Messages)[root], `${lng} gate:places.${root}`).toBe('string');
    }
    // Each parameter a refusal gives is used by its message.
    for (const r of refusals) for (const p of Object.keys(r.words?.params ?? {})) expect(lookup(en.gate as Messages, keyOf(r)), keyOf(r)).toContain(`{{${p}}}`);
  });

  it('[L25] the precheck words a refusal with its place, field and limit in French; a server close <rule> <code> in Arabic; unknown rules stay English', async () => {
    const tooLong = checkChange(editor, open, { op: 'insert', path: ['criteria', 'c1', 'title'], length: 10_000_000, plain: true })!;
    expect(tooLong).toMatchObject({ rule: 'G9', code: 'too-long', words: { variant: 'field', params: { place: 'criteria', field: 'title' } } });
    await setLocale('fr', false);
    const limit = fmt.number(tooLong.words!.params!['limit'] as number);
    expect(limit).toMatch(/^2\s000$/);
    const reason = `un critère\u202f: «\u202f${fr.diff.field.title}\u202f» ne peut dépasser ${limit} caractères`;
    expect(precheckText(tooLong)).toBe(fr.shell.refusals.precheck.replace('{{rule}}', 'G9').replace('{{reason}}', reason));
    expect(precheckText(checkPlanSize(1_500_000, 10, 1_500_000)!)).toContain(`${fmt.number(1_500_000)} octets`);

    await setLocale('ar', false);
    expect(refusalText(4422, 'G5 criteria-locked')).toBe(ar.shell.refusals.server.replace('{{reason}}', `G5: ${ar.gate.G5['criteria-locked']}`));
    expect(refusalText(4422, 'CO1 facilitator-only')).toContain(ar.gate.CO1['facilitator-only']);
    // A rule this client does not know keeps the server's words inside the translated frame.
    expect(refusalText(4422, 'Z9 new-rule')).toBe(ar.shell.refusals.server.replace('{{reason}}', 'Z9: Z9 new-rule'));
  });
});

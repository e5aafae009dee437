import { describe, expect, it } from 'vitest';
import { acceptablePresenceJson, parsePresence, PRESENCE_LIMITS } from '../../shared/presence.js';

const good = { user: { id: 'p123', name: 'Amina', color: '#1f5fbf', group: 'diaspora' }, view: 'Goals and scoring', focus: '' };
const withUser = (patch: Record<string, unknown>) => ({ ...good, user: { ...good.user, ...patch } });

describe('presence rules', () => {
  it('[PR2] the state the browser shares is well shaped, and comes back typed', () => {
    expect(parsePresence(good)).toEqual(good);
    expect(parsePresence(withUser({ group: null }))).not.toBeNull();
  });

  it('[PR2] a colour is #rrggbb and nothing else (no CSS can ride in it)', () => {
    for (const color of ['red;position:fixed;inset:0;background-image:url(https://evil.example/x)', 'red', '#fff', '#1f5fbf;', 'url(x)', ' #1f5fbf', 12]) {
      expect(parsePresence(withUser({ color }))).toBeNull();
    }
  });

  it('[PR2] names, ids, groups, labels and keys are bounded and known', () => {
    expect(parsePresence(withUser({ name: 'x'.repeat(PRESENCE_LIMITS.maxNameLength + 1) }))).toBeNull();
    expect(parsePresence(withUser({ name: '' }))).toBeNull();
    expect(parsePresence(withUser({ name: 'a\u0000b' }))).toBeNull();
    expect(parsePresence(withUser({ id: '../x' }))).toBeNull();
    expect(parsePresence(withUser({ group: 'admins' }))).toBeNull();
    expect(parsePresence(withUser({ extra: 1 }))).toBeNull();
    expect(parsePresence({ ...good, view: 'v'.repeat(PRESENCE_LIMITS.maxLabelLength + 1) })).toBeNull();
    expect(parsePresence({ ...good, cursor: { x: 1 } })).toBeNull();
    expect(parsePresence({ ...good, focus: 3 })).toBeNull();
    expect(parsePresence(null)).toBeNull();
    expect(parsePresence([good])).toBeNull();
  });

  it('[PR1] an encoded state is small and well shaped, or null (a removal)', () => {
    expect(acceptablePresenceJson(JSON.stringify(good))).toBe(true);
    expect(acceptablePresenceJson('null')).toBe(true);
    expect(acceptablePresenceJson('{}')).toBe(true);
    expect(acceptablePresenceJson('{"name":"Amina"}')).toBe(false);
    expect(acceptablePresenceJson('{')).toBe(false);
    const padded = JSON.stringify(good).replace('"p123"', `"p123"${' '.repeat(PRESENCE_LIMITS.maxStateChars)}`);
    expect(JSON.parse(padded)).toEqual(good);
    expect(acceptablePresenceJson(padded)).toBe(false);
  });
});

describe('caret in presence (PR10)', () => {
  const who = { user: { id: 'amina', name: 'Amina', color: '#aa2244', group: null }, view: 'Plan of Action', focus: 'section text' };
  const pos = (item: [number, number] | null, assoc: 0 | -1 = -1) => ({ item, assoc });
  it('PR10: a caret with a text key and two relative positions is accepted, and bounded; anything else refuses the state', () => {
    const caret = { text: 'section:bg-trends:body', anchor: pos([123456, 7]), head: pos(null, 0) };
    expect(parsePresence({ ...who, caret })).toEqual({ ...who, caret });
    expect(parsePresence({ ...who, caret: null })).toEqual({ ...who, caret: null });
    expect(parsePresence({ ...who, caret: { ...caret, text: 'plan::title' } })?.caret?.text).toBe('plan::title');
    for (const bad of [
      { ...caret, text: '<img>' },
      { ...caret, text: `section:${'x'.repeat(65)}:body` },
      { ...caret, anchor: pos([2 ** 32, 1]) },
      { ...caret, anchor: pos([1, -1]) },
      { ...caret, anchor: pos([1, 1.5]) },
      { ...caret, anchor: { item: [1, 2], assoc: 1 } },
      { ...caret, head: { item: [1, 2, 3], assoc: 0 } },
      { ...caret, extra: 1 },
      { ...caret, head: { ...pos(null), color: 'red' } },
      'section:bg-trends:body',
    ]) {
      expect(parsePresence({ ...who, caret: bad }), JSON.stringify(bad)).toBeNull();
      expect(acceptablePresenceJson(JSON.stringify({ ...who, caret: bad }))).toBe(false);
    }
    expect(acceptablePresenceJson(JSON.stringify({ ...who, caret }))).toBe(true);
  });
});

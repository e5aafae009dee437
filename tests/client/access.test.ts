// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  dropToken,
  heldPlan,
  heldPlans,
  holdLinks,
  parseInvite,
  strongest,
  takeTokenFromUrl,
  updateHeld,
} from '../../client/state/access.js';
import { planHeaders, resolveAccess, setActorName } from '../../client/state/api.js';

const T = (c: string) => c.repeat(32);
const links = (id: string) => ({
  facilitator: `http://x/plans/${id}?token=${T('f')}`,
  editor: `http://x/plans/${id}?token=${T('e')}`,
  observer: `http://x/plans/${id}?token=${T('o')}`,
});

beforeEach(() => localStorage.clear());
afterEach(() => setActorName(''));

describe('invite links held in this browser', () => {
  it('parses invite links and refuses anything else', () => {
    expect(parseInvite(`https://rt.example/plans/abc123?token=${T('a')}`)).toEqual({ planId: 'abc123', token: T('a') });
    expect(parseInvite(`/plans/abc123?token=${T('a')}`, 'http://localhost')).toEqual({ planId: 'abc123', token: T('a') });
    expect(parseInvite('https://rt.example/plans/abc123')).toBeNull();
    expect(parseInvite(`https://rt.example/other/abc123?token=${T('a')}`)).toBeNull();
    expect(parseInvite('https://rt.example/plans/abc123?token=short')).toBeNull();
    expect(parseInvite('not a link at all')).toBeNull();
  });

  it('keeps the three tokens of a created plan; the strongest is the facilitator one', () => {
    holdLinks({ id: 'p1', title: 'Plan one', links: links('p1') });
    const p = heldPlan('p1')!;
    expect(p.tokens).toEqual({ facilitator: T('f'), editor: T('e'), observer: T('o') });
    expect(strongest(p)).toEqual({ token: T('f'), role: 'facilitator' });
    dropToken('p1', T('f'));
    expect(strongest(heldPlan('p1'))).toEqual({ token: T('e'), role: 'editor' });
    expect(heldPlans().map((x) => x.title)).toEqual(['Plan one']);
  });

  it('takes the token out of the address bar and keeps it pending', () => {
    history.replaceState(null, '', `/plans/p2?token=${T('z')}#implementation`);
    expect(takeTokenFromUrl('p2')).toBe(T('z'));
    expect(location.search).toBe('');
    expect(location.pathname + location.hash).toBe('/plans/p2#implementation');
    expect(heldPlan('p2')!.pending).toBe(T('z'));
  });

  it('sends the strongest token and a Latin-1 pseudonym (other names are left out of headers)', () => {
    holdLinks({ id: 'p3', links: { editor: `http://x/plans/p3?token=${T('e')}` } });
    setActorName('Amína');
    expect(planHeaders('p3')).toEqual({ authorization: `Bearer ${T('e')}`, 'x-actor-name': 'Amína' });
    setActorName('Łucja');
    expect(planHeaders('p3')).toEqual({ authorization: `Bearer ${T('e')}` });
  });

  it('resolveAccess confirms a pending token, learns its role and drops refused ones', async () => {
    updateHeld('p4', (p) => {
      p.pending = T('n');
      p.tokens.facilitator = T('f');
    });
    const seen: string[] = [];
    const fake = (async (_url: string, init?: RequestInit) => {
      const auth = (init?.headers as Record<string, string>)['authorization'] ?? '';
      seen.push(auth.slice(7, 8));
      if (auth === `Bearer ${T('n')}`) return new Response(JSON.stringify({ id: 'p4', title: 'Four', updatedAt: 'x', role: 'observer' }), { status: 200 });
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }), { status: 401 });
    }) as typeof fetch;
    const r = await resolveAccess('p4', fake);
    // The pending observer token is confirmed; the facilitator token is refused and forgotten.
    expect(r).toMatchObject({ kind: 'ok', role: 'observer', token: T('n'), title: 'Four' });
    expect(seen).toEqual(['n', 'f']);
    expect(heldPlan('p4')!.tokens).toEqual({ observer: T('n') });
  });

  it('resolveAccess says "none" without a link, "not-found" for an unknown plan and "invalid" for a refused link', async () => {
    const status = (code: number) => (async () => new Response('{}', { status: code })) as unknown as typeof fetch;
    expect(await resolveAccess('p5', status(401))).toEqual({ kind: 'none' });
    expect(await resolveAccess('p5', status(404))).toEqual({ kind: 'not-found' });
    updateHeld('p5', (p) => void (p.pending = T('w')));
    expect(await resolveAccess('p5', status(401))).toEqual({ kind: 'invalid' });
  });

  it('offline, the strongest token held is used with the role last confirmed', async () => {
    holdLinks({ id: 'p6', links: { editor: `http://x/plans/p6?token=${T('e')}` } });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await resolveAccess('p6', offline)).toMatchObject({ kind: 'ok', role: 'editor', offline: true });
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { html, render } from 'lit';
import { renderDiff, type DiffResult } from '../../client/components/rt-versions.js';
import { setLocale } from '../../client/i18n.js';
import { RtSince, loadSinceWords } from '../../client/components/rt-since.js';
import { sinceLastSeen } from '../../shared/domain/last-seen.js';
import { handbookMatrix } from '../shared/helpers/fixtures.js';
import { mount } from './helpers.js';
import { intlTag, type Locale } from '../../shared/i18n/locales.js';

/** Intl's own words for an amount in `l` (L100), spaces folded as the assertions fold them. */
const intl = (l: Locale, n: number, fold = true) => {
  const s = new Intl.NumberFormat(intlTag(l), { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(n);
  return fold ? s.replace(/\s/g, ' ') : s;
};

afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

const diff: DiffResult = {
  from: 's1',
  to: 'live',
  counts: { added: 0, removed: 0, changed: 1, moved: 0 },
  changes: [
    {
      kind: 'changed',
      entity: { kind: 'activity', id: 'a', label: 'activity 1.1 "Wells"' },
      code: 'changed',
      params: { entity: { form: 'row', kind: 'activity', id: 'a', code: '1.1', name: 'Wells' }, field: 'budget' },
      field: 'budget',
      from: { amount: 15000, currency: 'USD' },
      to: { amount: 12000, currency: 'USD' },
      summary: 'activity 1.1 "Wells" budget 15,000 -> 12,000 USD',
      by: ['Awa', 'Bruno'],
    },
  ],
};

const shown = () => {
  const host = document.createElement('div');
  render(html`${renderDiff(diff)}`, host);
  return host;
};

describe('the diff in the reader language (L6)', () => {
  it('[L6] builds each line from its code and params with the locale numbers, arrows pointing the reading way', async () => {
    await setLocale('fr', false);
    let host = shown();
    expect(host.querySelector('.summary')!.textContent!.replace(/\s/g, ' ')).toBe(`activité 1.1 « Wells » — budget : ${intl('fr', 15_000)} → ${intl('fr', 12_000)}`);
    expect(host.querySelector('h3')!.textContent).toContain('Modifications');
    expect(host.querySelector('.by')!.textContent).toBe('par Awa et Bruno');
    await setLocale('ar', false);
    host = shown();
    // L103: a typed title sits in a first-strong isolate in a right-to-left line.
    expect(host.querySelector('.summary')!.textContent).toBe(`نشاط 1.1 «\u2068Wells\u2069» — الميزانية: ${intl('ar', 15_000, false)} ← ${intl('ar', 12_000, false)}`);
    expect(host.querySelector('.summary')!.getAttribute('dir')).toBe('auto');
    await setLocale('en', false);
    host = shown();
    expect(host.querySelector('.summary')!.textContent).toBe(`activity 1.1 "Wells" budget ${intl('en', 15_000, false)} → ${intl('en', 12_000, false)}`);
  });

  it('[L6] an answer without a code (an older server) shows its English summary', () => {
    const old = { ...diff, changes: [{ ...diff.changes[0]!, code: undefined, params: undefined }] } as unknown as DiffResult;
    const host = document.createElement('div');
    render(html`${renderDiff(old)}`, host);
    expect(host.querySelector('.summary')!.textContent).toBe('activity 1.1 "Wells" budget 15,000 → 12,000 USD');
  });

  it('[L15] "since you were last here" words its lines from the diff codes in the reader language (French), its own lines too', async () => {
    const seen = handbookMatrix();
    const now = structuredClone(seen);
    now.activities.find((x) => x.id === 'a12')!.budget = { amount: 12_000, currency: 'USD' };
    now.goals[0]!.status = 'selected';
    now.criteriaAgreedByImc = true;
    const since = sinceLastSeen(seen, now)!;
    // Each line carries its change's code and parameters; its English summary stays for logs.
    expect(since.lines.every((l) => typeof l.change.code === 'string' && l.change.params)).toBe(true);
    await setLocale('fr', false);
    await loadSinceWords();
    const el = new RtSince();
    el.summary = { seenAt: '2026-03-01T10:00:00.000Z', ...since };
    await mount(el);
    const lines = [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.trim().replace(/\s/g, ' '));
    expect(lines).toContain(`activité 1.1.1.2 « Hold stakeholder workshop to develop draft strategy » — budget : ${intl('fr', 15_000)} → ${intl('fr', 12_000)}`);
    expect(lines).toContain('critères validés par le Comité interministériel');
    expect(lines.some((l) => /^objectif 1 « .* » retenu$/.test(l)), lines.join('\n')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/budget 15,000|criteria agreed|selected/);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('Depuis votre dernière visite');
    // Arabic: the same lines right to left, the arrow turned.
    await setLocale('ar', false);
    await el.updateComplete;
    const ar = [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(ar).toContain('اعتمدت اللجنة الوزارية المشتركة المعايير');
    expect(ar.find((l) => l.includes('15,000'))).toContain(`${intl('ar', 15_000, false)} ← ${intl('ar', 12_000, false)}`);
  });
});

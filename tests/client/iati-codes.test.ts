// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { RtIatiCodes } from '../../client/components/rt-iati-codes.js';
import { loadNamespaces, setLocale } from '../../client/i18n.js';
import { loadLibraryText } from '../../client/library-text.js';
import { readPlan } from '../../shared/model.js';
import { addNode } from '../../shared/model.js';
import { codeNamesReady, loadCodeNames, loadedCodeNames } from '../../shared/codelists/index.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

describe('the code pickers load the reader\'s code names first (SPEC L45)', () => {
  it('[L45][L46] a Spanish reader sees the loading state, then the UN\'s Spanish SDG target name; a sector without a Spanish name stays English, marked (SPEC L47)', async () => {
    const ws = localWorkspace('Fatou', { facilitator: true });
    expect(addNode(ws.doc, { kind: 'goal', id: 'g1', title: 'Remittances', fields: { dacSectors: ['15190'], sdgTargets: ['10.7'] } }, ws.origin).ok).toBe(true);
    await setLocale('es', false);
    expect(codeNamesReady('es')).toBe(false);
    const el = new RtIatiCodes();
    el.ws = ws;
    el.nodeId = 'g1';
    el.name = 'Objetivo 1';
    await mount(el);
    // Until the Spanish names are in: the common loading state, no picker with English names.
    expect(el.querySelector('[aria-busy="true"]')?.textContent).toBe('Cargando…');
    expect(el.querySelector('li')).toBeNull();
    await loadCodeNames('es');
    await settle(el);
    const names = [...el.querySelectorAll('li span.name')];
    // DAC sector names in Spanish are Roundtable's own translation (names-src, L47): English, marked, until they are in.
    const own = loadedCodeNames('es')!.names.Sector?.['15190'];
    expect(names.map((n) => [n.textContent, n.getAttribute('lang')])).toEqual([
      own ? [own, null] : ['Facilitation of orderly, safe, regular and responsible migration and mobility', 'en'],
      [expect.stringMatching(/^Facilitar la migración y la movilidad ordenadas, seguras, regulares y responsables de las personas/), null],
    ]);
    expect(el.querySelector('#rt-codes-sdgTargets option[value^="10.7 "]')?.getAttribute('value')).toMatch(/^10\.7 Facilitar la migración/);
    expect(codeNamesReady('fr')).toBe(false);
  });

  it('[L112] a French reader finds a Global Compact objective by English words, or French ones typed without accents; several matches are listed to pick one', async () => {
    const ws = localWorkspace('Fatou', { facilitator: true });
    expect(addNode(ws.doc, { kind: 'goal', id: 'g1', title: 'Transferts de fonds' }, ws.origin).ok).toBe(true);
    await setLocale('fr', false);
    await Promise.all([loadCodeNames('fr'), loadLibraryText('fr'), loadNamespaces(['iati'])]);
    const el = new RtIatiCodes();
    el.ws = ws;
    el.nodeId = 'g1';
    el.name = 'Objectif 1';
    await mount(el);
    await settle(el);
    const group = () => el.querySelector<HTMLElement>('[role="group"]:has(#rt-codes-gcmObjectives)')!;
    const type = async (text: string) => {
      const form = group().querySelector('form')!;
      form.querySelector<HTMLInputElement>('input[name="code"]')!.value = text;
      form.dispatchEvent(new Event('submit', { cancelable: true }));
      await settle(el);
    };
    const objectives = () => readPlan(ws.doc).goals[0]!.gcmObjectives;
    // English words on a French page: objective 20, shown by its French name.
    await type('remittances');
    expect(objectives()).toEqual([20]);
    expect(group().querySelector('li span.name')!.textContent).toBe("Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l'inclusion financière des migrants");
    // French words typed without their accents: objective 21.
    await type('reintegration durable');
    expect(objectives()).toEqual([20, 21]);
    expect(el.querySelector('[role="alert"]')).toBeNull();
    // Words several objectives hold: listed in French, one is picked with a click.
    await type('migrants');
    const status = group().querySelector('p.matches[role="status"]')!;
    expect(status.textContent).toMatch(/^\d+ entrées de la liste Objectifs .* correspondent à «\u202fmigrants\u202f»\u202f: choisissez-en une\.$/);
    const offered = [...group().querySelectorAll<HTMLButtonElement>('ul.matches button')];
    expect(offered.length).toBeGreaterThan(1);
    expect(offered.map((b) => b.dataset['code'])).toContain('20');
    // Each offered by its French name.
    expect(offered.every((b) => b.querySelector('span')!.getAttribute('lang') === null)).toBe(true);
    expect(objectives()).toEqual([20, 21]);
    const pick = offered.find((b) => !['20', '21'].includes(b.dataset['code']!))!;
    pick.click();
    await settle(el);
    expect(objectives()).toEqual([20, 21, Number(pick.dataset['code'])]);
    expect(group().querySelector('ul.matches')).toBeNull();
    // Words nothing holds: the list's own refusal.
    await type('zzz introuvable');
    expect(el.querySelector('[role="alert"]')!.textContent).toContain('«\u202fzzz introuvable\u202f»');
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { RtIatiCodes } from '../../client/components/rt-iati-codes.js';
import { setLocale } from '../../client/i18n.js';
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
});

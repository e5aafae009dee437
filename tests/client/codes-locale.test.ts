// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { addNode, setNodeField } from '../../shared/model.js';
import { RtIatiCodes } from '../../client/components/rt-iati-codes.js';
import { loadNamespaces, setLocale } from '../../client/i18n.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

/** The code pickers of a goal tagged with DAC sector 15190, SDG target 10.7 and Global Compact objective 19, mounted. */
async function pickers(): Promise<RtIatiCodes> {
  const ws = localWorkspace('Awa');
  const g = addNode(ws.doc, { kind: 'goal', title: 'Diaspora' }, ws.origin);
  if (!g.ok) throw new Error('no goal');
  expect(setNodeField(ws.doc, g.value, 'dacSectors', ['15190'], ws.origin).ok).toBe(true);
  expect(setNodeField(ws.doc, g.value, 'sdgTargets', ['10.7'], ws.origin).ok).toBe(true);
  expect(setNodeField(ws.doc, g.value, 'gcmObjectives', [19], ws.origin).ok).toBe(true);
  const el = new RtIatiCodes();
  el.ws = ws;
  el.nodeId = g.value;
  el.name = 'Goal 1';
  await loadNamespaces(['iati']);
  await mount(el);
  await settle(el);
  return el;
}

/** Each chip's name and its `lang` attribute (null when it is in the page's language). */
const chips = (el: RtIatiCodes) =>
  [...el.querySelectorAll<HTMLElement>('li span.name')].map((s) => [s.textContent!.trim(), s.getAttribute('lang')]);

describe('codelist names in the reader\'s language (SPEC L41)', () => {
  it('[L41] a French reader sees the official French names of a sector and an SDG target; English ones are marked lang="en"', async () => {
    await setLocale('fr', false);
    const el = await pickers();
    expect(chips(el)).toEqual([
      ['Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable', null],
      [expect.stringMatching(/^Faciliter la migration et la mobilité de façon ordonnée/), null],
      ['Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries', 'en'],
    ]);
    const option = el.querySelector<HTMLOptionElement>('#rt-codes-dacSectors option[value^="15190 "]')!;
    expect(option.value).toBe('15190 Faciliter la migration et la mobilité de façon ordonnée, sans danger, régulière et responsable');
    expect(option.hasAttribute('lang')).toBe(false);
  });

  it('[L41] Spanish and Arabic readers see English names marked lang="en"; English readers see them unmarked', async () => {
    for (const loc of ['es', 'ar'] as const) {
      await setLocale(loc, false);
      const el = await pickers();
      expect(chips(el)[0]).toEqual(['Facilitation of orderly, safe, regular and responsible migration and mobility', 'en']);
      expect(el.querySelector('#rt-codes-sdgTargets option[value^="10.7 "]')!.getAttribute('lang')).toBe('en');
      document.body.replaceChildren();
    }
    await setLocale('en', false);
    const el = await pickers();
    expect(chips(el).map(([, lang]) => lang)).toEqual([null, null, null]);
  });
});

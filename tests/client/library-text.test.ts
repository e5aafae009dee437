// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { loadNamespaces, setLocale } from '../../client/i18n.js';
import { loadLibraryText } from '../../client/library-text.js';
import { RtLibrary } from '../../client/components/rt-library.js';
import { RtConsult } from '../../client/components/rt-consult.js';
import { localWorkspace, mount, settle } from './helpers.js';

afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

/** Types `text` into the library's search box and waits for the results. */
async function search(el: RtLibrary, text: string): Promise<string[]> {
  const box = el.shadowRoot!.querySelector<HTMLInputElement>('[data-library-search]')!;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  await settle(el);
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('li.entry')].map((li) => li.dataset.entry!);
}

describe('the intervention library in the reader\'s language (L61)', () => {
  it('[L61] a French reader sees French entries, French themes and reference lines, and finds an entry by a French word and by an English word', async () => {
    await setLocale('fr', false);
    await loadNamespaces(['library', 'sectors']);
    const el = new RtLibrary();
    el.ws = localWorkspace();
    await mount(el);
    // The file loads on the first render; the panel renders again once it is in.
    await loadLibraryText('fr');
    await settle(el);
    const root = el.shadowRoot!;
    const first = root.querySelector('li.entry[data-entry="gfmd-1a-1"]')!;
    expect(first.querySelector('h3')!.textContent).toBe("Faciliter la sélection, la préparation, la formation et le déplacement de travailleurs dont les qualifications répondent aux besoins de main-d'œuvre des pays de destination");
    expect(first.querySelector('h3')!.hasAttribute('lang')).toBe(false);
    expect(first.querySelector('p.muted')!.textContent).toBe('Matrice des projets et activités du FMMD, table ronde 1, a.');
    const themes = [...root.querySelectorAll('.filters select')[0]!.querySelectorAll('option')].map((o) => o.textContent!.trim());
    expect(themes).toContain('Migrations et développement socio-économique');
    expect(themes).not.toContain('Migration and socio-economic development');
    // A French word (typed without its accent), then an English one, find the same entry.
    expect(await search(el, 'reintegration durables')).toContain('gfmd-1d-3');
    expect(await search(el, 'reintegration assistance')).toEqual(['gfmd-1d-3']);
    expect(root.querySelector('li.entry h3')!.textContent).toBe("Aider les pays d'origine à offrir une aide à la réintégration");
    // Back to English: the sources' own words.
    await setLocale('en', false);
    await settle(el);
    expect(root.querySelector('li.entry h3')!.textContent).toBe('Support countries of origin to provide reintegration assistance');
    expect(root.querySelector('li.entry p.muted')!.textContent).toBe('GFMD matrix of projects/activities, roundtable 1, d.');
  });

  it('[L62] a facilitator reading French who starts a round from a GFMD session gets its title, theme line and questions in French', async () => {
    await setLocale('fr', false);
    await loadNamespaces(['consult']);
    const el = new RtConsult();
    el.ws = localWorkspace('Fatou', { facilitator: true });
    await mount(el);
    await loadLibraryText('fr');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-act="open-round"]')!.click();
    await settle(el);
    const form = el.shadowRoot!.querySelector('form')!;
    const source = form.querySelector<HTMLSelectElement>('select[name="source"]')!;
    expect([...source.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['FMMD Bruxelles 2007', 'FMMD Manille 2008']);
    expect(source.querySelector('option[value="gfmd08-3-2"]')!.textContent).toBe('Session 3.2\u202f: La cohérence au sein du gouvernement');
    source.value = 'gfmd08-3-2';
    source.dispatchEvent(new Event('change'));
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    expect(value('title')).toBe('La cohérence au sein du gouvernement');
    expect(value('theme')).toBe('Cohérence des politiques et des institutions et partenariats (FMMD Manille 2008, session 3.2)');
    expect(value('q1')).toBe("Quels mécanismes ont le mieux favorisé la cohérence des politiques, et comment savoir s'ils sont efficaces\u202f?");
    expect(value('product')).toMatch(/^Des bonnes pratiques de cohérence au sein du gouvernement/);
  });
});

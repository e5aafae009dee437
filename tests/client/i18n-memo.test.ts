// @vitest-environment happy-dom
// SPEC MP1: the browser's `t()` keeps filled messages by key and parameters, and forgets them
// when the language changes or a catalogue is added.
import { afterAll, describe, expect, it } from 'vitest';
import { setLocale, t } from '../../client/i18n.js';

describe('MP1 filled messages are kept per language', () => {
  afterAll(async () => {
    await setLocale('en', false);
  });

  it('gives each parameter set its own message, plurals included', () => {
    expect(t('matrix:summary.rows', { count: 1, n: '1' })).toBe('1 row');
    expect(t('matrix:summary.rows', { count: 2, n: '2' })).toBe('2 rows');
    expect(t('matrix:summary.rows', { count: 1, n: '1' })).toBe('1 row');
    expect(t('matrix:row.unbudgeted', { n: '1', of: '2' })).toBe('1 of 2 unbudgeted');
    expect(t('matrix:row.unbudgeted', { n: 1, of: 2 })).toBe('1 of 2 unbudgeted');
    // A typed value that spells another parameter set is still one value: a key made by joining
    // names and values would hand back the first message.
    expect(t('matrix:row.unbudgeted', { n: '1\u0000of\u0001s1:2' })).toBe('1\u0000of\u0001s1:2 of {{of}} unbudgeted');
    expect(t('matrix:row.unbudgeted', { n: '1', of: '2' })).toBe('1 of 2 unbudgeted');
  });

  it('follows a language change, and a catalogue loaded after a message was asked for', async () => {
    // French is not loaded yet: i18next falls back to English.
    expect(t('matrix:col.title', { lng: 'fr' })).toBe('Title');
    expect(t('matrix:col.title')).toBe('Title');
    await setLocale('fr', false);
    expect(t('matrix:col.title')).toBe('Intitulé');
    expect(t('matrix:summary.rows', { count: 2, n: '2' })).toBe('2 lignes');
    await setLocale('en', false);
    expect(t('matrix:col.title')).toBe('Title');
    expect(t('matrix:col.title', { lng: 'fr' })).toBe('Intitulé');
    expect(t('matrix:summary.rows', { count: 2, n: '2' })).toBe('2 rows');
  });
});

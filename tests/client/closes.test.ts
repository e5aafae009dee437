// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../client/i18n.js';
import { refusalText } from '../../client/sync/connect.js';
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
      if (lng !== 'en') for (const key of ['wrongToken', 'revoked', 'noPlan'] as const) expect(closes[key]).not.toBe(en.shell.closes[key]);
    }
  });
});

// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labelled, setLocale, t } from '../../client/i18n.js';
import { RtIdentityDialog } from '../../client/components/rt-identity-dialog.js';
import fr from '../../shared/i18n/fr/index.js';
import { mount } from './helpers.js';

afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

/** The narrow no-break space French puts before a colon, semicolon, exclamation or question mark. */
const NNBSP = '\u202f';

describe('notices re-word on a language switch, and joins in code follow the language (issue 16)', () => {
  it('[L50][L51] the name dialog keeps "give a name first" as a notice, worded at render, and joins a role and its powers with the language\'s colon', async () => {
    const el = await mount(Object.assign(new RtIdentityDialog(), { planTitle: 'PAN Sénégal', role: 'facilitator' as const }));
    const role = () => el.shadowRoot!.querySelector('.role')!.textContent!;
    expect(role()).toBe(`${t('shell:role.facilitator')}: ${t('shell:join.power.facilitator')}`);

    el.shadowRoot!.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await el.updateComplete;
    const alert = () => el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(alert()).toBe(t('shell:join.nameFirst'));

    // A switch re-renders every element: the notice and the join follow without another submit.
    await setLocale('fr', false);
    await el.updateComplete;
    expect(alert()).toBe(fr.shell.join.nameFirst);
    expect(role()).toBe(`${fr.shell.role.facilitator}${NNBSP}: ${fr.shell.join.power.facilitator}`);
  });

  it('[L51] labelled() puts the narrow no-break space before the colon in French only', async () => {
    expect(labelled('plan', 'Le')).toBe('plan: Le');
    await setLocale('fr', false);
    expect(labelled('plan', 'Le')).toBe(`plan${NNBSP}: Le`);
    expect(t('common:colon')).toBe(`${NNBSP}:`);
    await setLocale('es', false);
    expect(labelled('plan', 'El')).toBe('plan: El');
  });

  it('[L51] no client module joins a label and its value with a bare ": " in code', () => {
    const root = path.resolve(import.meta.dirname, '../../client');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(50);
    const joins: string[] = [];
    for (const f of files) {
      const lines = fs.readFileSync(path.join(root, f), 'utf8').split('\n');
      lines.forEach((line, i) => {
        // `${label}: ${value}` in a template literal, `</code>: ${value}` or `${t(…)}:</strong>` in markup; comments aside.
        if (/^\s*(\*|\/\/)/.test(line)) return;
        if (/\}: \$\{|>: \$\{|\)\}:<\//.test(line)) joins.push(`client/${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(joins, joins.join('\n')).toEqual([]);
  });
});

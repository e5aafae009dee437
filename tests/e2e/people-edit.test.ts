import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';

const suite = useBrowserSuite();

describe('editing a stakeholder register entry in place (PE1)', () => {
  it('Edit opens the entry’s fields inline; Save writes them (the other person sees it), Escape leaves without saving', async () => {
    const planId = await createPlan(suite.server, 'Register edit');
    const ed = await suite.join(planId, 'Edem');
    const other = await suite.join(planId, 'Fatou');
    for (const p of [ed.page, other.page]) await p.getByRole('button', { name: 'People and committees', exact: true }).click();
    const add = ed.page.getByRole('form', { name: 'Add an organisation' });
    await add.getByLabel('Organisation', { exact: true }).fill('Diaspora counsil');
    await add.getByRole('button', { name: 'Add to the register' }).click();
    const register = (p: typeof ed.page) => p.getByRole('list', { name: 'Organisations in the register' });
    await register(other.page).getByRole('listitem').filter({ hasText: 'Diaspora counsil' }).waitFor();

    // Keyboard: Edit puts the focus in the organisation field; fix the name and the group, Enter saves.
    await register(ed.page).getByRole('button', { name: 'Edit Diaspora counsil' }).click();
    const form = ed.page.getByRole('form', { name: 'Edit Diaspora counsil' });
    const name = form.getByLabel('Organisation', { exact: true });
    await expect.poll(() => name.evaluate((el) => el.matches(':focus'))).toBe(true);
    await name.fill('Diaspora council');
    await form.getByRole('combobox', { name: /^Stakeholder group/ }).selectOption('diaspora');
    await form.getByRole('checkbox', { name: 'Diaspora', exact: true }).check();
    await screenshot(ed.page, 'people-edit');
    await name.press('Enter');
    await register(other.page).getByRole('listitem').filter({ hasText: 'Diaspora council' }).waitFor();
    expect(await register(other.page).textContent()).toContain('Voices:');
    // Back to the entry, focus on its Edit button.
    const edit = register(ed.page).getByRole('button', { name: 'Edit Diaspora council' });
    await expect.poll(() => edit.evaluate((el) => el.matches(':focus'))).toBe(true);

    // Escape leaves the form and keeps the saved name.
    await edit.press('Enter');
    const again = ed.page.getByRole('form', { name: 'Edit Diaspora council' });
    await again.getByLabel('Organisation', { exact: true }).fill('Something else');
    await again.getByLabel('Organisation', { exact: true }).press('Escape');
    await expect.poll(() => again.count()).toBe(0);
    expect(await register(ed.page).textContent()).toContain('Diaspora council');
    expect(await register(ed.page).textContent()).not.toContain('Something else');
  });
});

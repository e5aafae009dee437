import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { createPlan, tokenFor } from '../helpers/test-server.js';

const suite = useBrowserSuite();

describe('share labels and profiles in Chromium', () => {
  it('a labelled link is listed with its label, and once revoked it is never offered to copy', async () => {
    const planId = await createPlan(suite.server, 'Labelled links');
    const fac = await suite.join(planId, 'Fatou', { role: 'facilitator' });
    await fac.page.getByRole('button', { name: 'Share' }).click();
    await fac.page.getByLabel('Facilitator invite link').waitFor();
    await fac.page.getByLabel(/Who is the next link for/).fill('for the Ministry of Labour');
    await fac.page.getByRole('button', { name: 'New editor link' }).click();
    await expect.poll(() => fac.page.getByLabel('Editor invite link').inputValue()).toContain(`/plans/${planId}?token=`);
    const row = fac.page.getByRole('table', { name: 'Invite links' }).getByRole('row').filter({ hasText: 'for the Ministry of Labour' });
    await expect.poll(() => row.count()).toBe(1);
    await screenshot(fac.page, 'share-label-1280');
    await row.getByRole('button', { name: /^Revoke editor link for the Ministry of Labour/ }).click();
    await fac.page.getByText(/Link revoked/).waitFor();
    // The revoked link is gone from the copy boxes, now and after reopening the panel.
    await fac.page.getByText('This browser holds no editor link.').waitFor();
    expect(await fac.page.getByLabel('Editor invite link').count()).toBe(0);
    await fac.page.getByRole('button', { name: '← Back to the plan' }).click();
    await fac.page.getByRole('button', { name: 'Share' }).click();
    await fac.page.getByText('This browser holds no editor link.').waitFor();
    expect(await fac.page.getByLabel('Editor invite link').count()).toBe(0);
    await expect.poll(() => row.textContent()).toMatch(/revoked/);
    expect(fac.errors).toEqual([]);
  }, 40_000);

  it('a participant edits their own name, organisation, group and IMC level after joining', async () => {
    const planId = await createPlan(suite.server, 'Profiles');
    const fac = await suite.join(planId, 'Fatou', { role: 'facilitator' });
    const ed = await suite.join(planId, 'Edna', { width: 360 });
    await openPanel(ed.page, 'Your profile');
    const form = ed.page.getByRole('region', { name: 'Your profile' });
    await form.getByLabel('Your name', { exact: true }).fill('Edna K.');
    await form.getByLabel('Organisation', { exact: true }).fill('Ministry of Labour');
    await form.getByLabel('Stakeholder group').selectOption('diaspora');
    await form.getByLabel('Committee', { exact: true }).selectOption('imc');
    await form.getByLabel('Level in the IMC').selectOption('technical');
    await form.getByRole('button', { name: 'Save my profile' }).click();
    await ed.page.getByText('Your profile is saved.').waitFor();
    await screenshot(ed.page, 'profile-360');
    const participant = async () => {
      const res = await fetch(`${suite.server.url}/api/plans/${planId}/export.json`, { headers: { authorization: `Bearer ${tokenFor(planId, 'observer')}` } });
      const plan = (await res.json()) as { participants: { name: string; organisation: string; group: string | null; committee: string; imcLevel: string | null }[] };
      return plan.participants.find((p) => p.name === 'Edna K.') ?? null;
    };
    await expect.poll(participant, { timeout: 5_000 }).toMatchObject({ organisation: 'Ministry of Labour', group: 'diaspora', committee: 'imc', imcLevel: 'technical' });
    // The others see the new name live (presence), and so does the reloaded page.
    await fac.page.getByText('Edna K.').first().waitFor();
    await ed.page.reload();
    await ed.page.getByText('Edna K.').first().waitFor();
    expect(await participant()).not.toBeNull();
    expect([...fac.errors, ...ed.errors]).toEqual([]);
  }, 40_000);
});

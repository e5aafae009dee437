import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, localOrigin } from '../../shared/model.js';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/e2e.js';
import { openProvider, waitSynced } from '../helpers/provider.js';
import { createPlan, syncUrl } from '../helpers/test-server.js';

const suite = useBrowserSuite();

/** A plan with one goal > outcome > output, written by a stock provider. */
async function seededPlan(title: string): Promise<string> {
  const planId = await createPlan(suite.server, title);
  const doc = new Y.Doc();
  const seed = openProvider(syncUrl(suite.server), planId, doc);
  await waitSynced(seed);
  const origin = localOrigin('seed');
  const goal = addNode(doc, { kind: 'goal', title: 'Decent work abroad' }, origin);
  const outcome = addNode(doc, { kind: 'outcome', parentId: goal.ok ? goal.value : '', title: 'Fair recruitment' }, origin);
  addNode(doc, { kind: 'output', parentId: outcome.ok ? outcome.value : '', title: 'Agencies licensed' }, origin);
  seed.destroy();
  return planId;
}

describe('consultations in Chromium: facilitator, observer and editor', () => {
  it('[CO1] [CO2] [CO4] [CO5] [CO8] a facilitator opens a round from a GFMD session, an observer contributes, an editor supports, the facilitator promotes it and finds it in scoring with its link', async () => {
    const planId = await seededPlan('Consultation plan');
    const fac = await suite.join(planId, 'Fatou', { role: 'facilitator', hash: 'situation-analysis' });

    // From the situation-analysis stage screen to the empty Consultations screen.
    await fac.page.getByText('Consultations: 0 rounds open.').waitFor();
    await fac.page.getByRole('button', { name: 'Open consultations' }).click();
    const facMain = fac.page.getByRole('main', { name: 'Consultations' });
    await facMain.getByText('No consultation round has been opened yet. Open one from scratch').waitFor();
    await screenshot(fac.page, 'consult-empty-1280');

    // Open a round from GFMD session 2.1 (Brussels 2007): the form is pre-filled.
    await facMain.getByRole('button', { name: 'Open a consultation round' }).click();
    await facMain.getByLabel('Start from').selectOption('gfmd07-2-1');
    expect(await facMain.getByLabel('Title').inputValue()).toBe('Cheaper and more formal remittance transfers');
    expect(await facMain.getByLabel('Guiding question 1').inputValue()).toMatch(/^Which rules and incentives/);
    await facMain.getByLabel('Remote').check();
    await screenshot(fac.page, 'consult-open-form-1280');
    await facMain.getByRole('button', { name: 'Open the round' }).click();
    const facRound = facMain.getByRole('region', { name: 'Cheaper and more formal remittance transfers' });
    await facRound.getByText(/^Open until/).waitFor();
    await facRound.getByText('No recommendations yet. Be the first to contribute one.').waitFor();

    // An observer (on a phone) contributes a recommendation.
    const obs = await suite.join(planId, 'Bola', { role: 'observer', hash: 'situation-analysis', width: 360 });
    await obs.page.getByRole('button', { name: 'Open consultations' }).click();
    const obsRound = obs.page.getByRole('region', { name: 'Cheaper and more formal remittance transfers' });
    await obsRound.getByText('Contribute a recommendation').click();
    await obsRound.getByLabel('Your recommendation in one line').fill('Publish transfer fees for every corridor');
    await obsRound.getByLabel('Background').fill('Fees on the main corridor reach 9%.');
    await obsRound.getByLabel('Policy challenge').fill('Senders cannot compare providers.');
    await obsRound.getByLabel('Suggested way forward').fill('The central bank publishes a fee comparison each quarter.');
    await screenshot(obs.page, 'consult-contribute-360');
    await obsRound.getByRole('button', { name: 'Send the recommendation' }).click();
    const obsRec = obsRound.getByRole('article', { name: 'Publish transfer fees for every corridor' });
    await obsRec.waitFor();
    await obsRec.getByText('0 support it').waitFor();

    // An editor on the strategic-goals stage sees it live and supports it with the keyboard.
    const ed = await suite.join(planId, 'Amina', { hash: 'strategic-goals' });
    await ed.page.getByRole('button', { name: 'Open consultations' }).click();
    const edRec = ed.page.getByRole('article', { name: 'Publish transfer fees for every corridor' });
    await edRec.getByText('Bola').waitFor();
    const support = edRec.getByRole('button', { name: 'Support' });
    await support.focus();
    await ed.page.keyboard.press('Enter');
    await edRec.getByText('1 supports it').waitFor();
    expect(await support.getAttribute('aria-pressed')).toBe('true');
    await obsRec.getByText('1 supports it').waitFor({ timeout: 5_000 });
    const facRec = facRound.getByRole('article', { name: 'Publish transfer fees for every corridor' });
    await facRec.getByText('1 supports it').waitFor({ timeout: 5_000 });

    // Only the facilitator sees promotion; it becomes a candidate goal.
    expect(await edRec.getByRole('button', { name: 'Make it a candidate goal' }).count()).toBe(0);
    await screenshot(fac.page, 'consult-round-1280');
    await facRec.getByRole('button', { name: 'Make it a candidate goal' }).click();
    await facRec.getByText('Became candidate goal 2 “Publish transfer fees for every corridor”').waitFor();
    await obsRec.getByText('Became candidate goal 2 “Publish transfer fees for every corridor”').waitFor({ timeout: 5_000 });
    await screenshot(obs.page, 'consult-promoted-360');

    // Closing the round: the observer's screen turns read-only.
    await facRound.getByRole('button', { name: 'Close the round' }).click();
    await obsRound.getByText('This round is closed: its recommendations stay here to read and promote.').waitFor({ timeout: 5_000 });
    expect(await obsRound.getByText('Contribute a recommendation').count()).toBe(0);
    expect(await obsRec.getByRole('button', { name: 'Support' }).count()).toBe(0);

    // In Arabic the closed round reads right to left, in the consult namespace's words.
    await obs.page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await obs.page.getByRole('heading', { name: 'المشاورات' }).waitFor();
    await obsRec.getByText('تأييد واحد').waitFor();
    expect(await obs.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await screenshot(obs.page, 'consult-closed-ar-360');

    // In scoring the goal says where it came from.
    await fac.page.getByRole('button', { name: '← Back to the plan' }).click();
    await fac.page.evaluate(() => (location.hash = 'strategic-goals'));
    const from = fac.page.getByRole('button', { name: 'From recommendation “Publish transfer fees for every corridor” (Bola)' });
    await from.waitFor();
    await screenshot(fac.page, 'consult-scoring-link-1280');
    await from.click();
    await fac.page.getByRole('main', { name: 'Consultations' }).waitFor();
    expect([...fac.errors, ...obs.errors, ...ed.errors]).toEqual([]);
  }, 120_000);
});

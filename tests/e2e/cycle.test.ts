import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser.js';
import { useBrowserSuite, openPanel } from '../helpers/e2e.js';
import { createPlan } from '../helpers/test-server.js';
import { insertFromLibrary } from '../helpers/library.js';

const suite = useBrowserSuite();

/** axe-core's accessibility violations inside one component of the workspace (shadow DOM pierced). */
async function axeViolations(page: Page, component: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async (c) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run({ include: [['rt-app', 'rt-workspace', c]] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, component);
}

/** Opens a stage from the planning-cycle navigation and waits for its screen. */
async function openStage(page: Page, name: string, heading: RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Planning cycle' });
  // On a phone the stages sit behind one menu button.
  if (await nav.locator('button.stage-menu').count()) await nav.locator('button.stage-menu').click();
  await nav.getByRole('link', { name }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

/** The radio `answer` of the question whose legend is `question`. */
const answerOf = (page: Page, question: string, answer: string) => page.getByRole('group', { name: question }).getByRole('radio', { name: answer, exact: true });

describe('the planning cycle in Chromium (ST1-ST4, PE1, RP1-RP4)', () => {
  it('a facilitator walks preparatory -> situation analysis while an editor on a phone watches and cannot move it; answers and the register change the meter; a library activity reaches the matrix', async () => {
    const planId = await createPlan(suite.server, 'Cycle walk');
    const fac = await suite.join(planId, 'Fatou', { role: 'facilitator' });
    const ed = await suite.join(planId, 'Edem', { width: 360 });

    // Both see the preparatory phase's own screen: deliverables, gate, checklists.
    for (const p of [fac.page, ed.page]) await p.getByRole('heading', { name: 'Preparatory phase: Preparation' }).waitFor();
    await fac.page.getByRole('button', { name: 'Start writing “Scoping terms of reference”' }).click();
    await ed.page.getByRole('combobox', { name: 'Status of Scoping terms of reference' }).waitFor();

    // Two answers: a gate question and a condition for success; the editor sees them live.
    const tor = 'Has the government endorsed the scoping terms of reference?';
    const support = 'Is there strong political support at a high level?';
    await answerOf(fac.page, tor, 'Yes').check();
    await answerOf(fac.page, support, 'Partly').check();
    await expect.poll(() => answerOf(ed.page, tor, 'Yes').isChecked()).toBe(true);
    await expect.poll(() => answerOf(ed.page, support, 'Partly').isChecked()).toBe(true);

    // The meter's headline names the missing diaspora voice; the editor adds a diaspora association.
    const gaps = (p: Page) => p.getByRole('list', { name: 'Gaps in participation' });
    await expect.poll(() => gaps(fac.page).textContent()).toContain('no diaspora voice takes part in the plan');
    await openPanel(ed.page, 'People and committees');
    const meterTotal = ed.page.locator('rt-people').locator('[data-meter-total]');
    const before = await meterTotal.textContent();
    const form = ed.page.getByRole('form', { name: 'Add an organisation' });
    await form.getByLabel('Organisation', { exact: true }).fill('Diaspora council');
    await form.getByRole('combobox', { name: /^Type/ }).selectOption('diaspora-association');
    await form.getByLabel('Stakeholder group').selectOption('diaspora');
    await form.getByLabel('Migrant', { exact: true }).check();
    await form.getByRole('button', { name: 'Add to the register' }).click();
    await ed.page.getByRole('list', { name: 'Organisations in the register' }).getByRole('listitem').filter({ hasText: 'Diaspora council' }).waitFor();
    await expect.poll(() => meterTotal.textContent()).not.toBe(before);
    await expect.poll(() => ed.page.locator('[data-category="diaspora"]').getAttribute('data-ok')).toBe('true');
    await screenshot(ed.page, 'cycle-people-360');
    expect(await axeViolations(ed.page, 'rt-people')).toEqual([]);
    expect(await axeViolations(fac.page, 'rt-stage-panel')).toEqual([]);
    // The facilitator's preparatory screen follows: the diaspora gap is gone.
    await expect.poll(() => gaps(fac.page).textContent()).not.toContain('diaspora');
    await screenshot(fac.page, 'cycle-preparatory-1280');

    // The editor looks at the situation analysis: its own screen, but no move button.
    await ed.page.getByRole('button', { name: '← Back to the plan' }).click();
    await openStage(ed.page, 'Situation analysis', /Stage 1: Situation analysis/);
    await ed.page.getByText('Only a facilitator moves the plan to another stage.').waitFor();
    expect(await ed.page.getByRole('button', { name: /current stage/ }).count()).toBe(0);
    await ed.page.getByRole('button', { name: 'Start writing “Assessment report”' }).waitFor();
    await screenshot(ed.page, 'cycle-situation-editor-360');

    // The facilitator moves: two preparatory gate questions are open, so the move asks first.
    await openStage(fac.page, 'Situation analysis', /Stage 1: Situation analysis/);
    await fac.page.getByRole('button', { name: 'Make “Situation analysis” the current stage' }).click();
    const warning = fac.page.getByRole('alertdialog');
    await warning.getByText('Are the focal point, the expert facilitator and the committee in place?').waitFor();
    expect(await warning.getByText(tor).count()).toBe(0); // answered: not listed
    await screenshot(fac.page, 'cycle-move-warning-1280');
    await warning.getByRole('button', { name: 'Move anyway' }).click();
    const current = (p: Page) => p.getByRole('navigation', { name: 'Planning cycle' }).getByRole('link', { name: /\(current stage\)/ });
    // On the phone the stages sit behind the stage menu: open it to see which one is current.
    await ed.page.getByRole('navigation', { name: 'Planning cycle' }).locator('button.stage-menu').click();
    await expect.poll(() => current(ed.page).textContent()).toContain('Situation analysis');
    await expect.poll(() => current(fac.page).textContent()).toContain('Situation analysis');
    await fac.page.getByText('Current stage of the plan: Situation analysis').waitFor();

    // From the intervention library the facilitator builds goal > outcome > output > activity; the
    // editor's phone shows the activity in the matrix with its link back to the library (LB3).
    await fac.page.getByRole('button', { name: 'Intervention library', exact: true }).click();
    await fac.page.getByRole('heading', { name: 'Intervention library', level: 2 }).waitFor();
    await insertFromLibrary(fac.page, 'mainstream', 'gfmd-3a-3', 'goal');
    await insertFromLibrary(fac.page, 'micro-lenders', 'gfmd-2b-3', 'outcome', '1 Mainstream migration');
    await insertFromLibrary(fac.page, 'diaspora bonds', 'hb-box-34', 'output', '1.1 ');
    await insertFromLibrary(fac.page, 'pre-departure remittance', 'gfmd-2a-3', 'activity', '1.1.1 Diaspora bonds');
    const edNav = ed.page.getByRole('navigation', { name: 'Planning cycle' });
    const implementation = edNav.getByRole('link', { name: 'Implementation' });
    if (!(await implementation.isVisible())) await edNav.locator('button.stage-menu').click();
    await implementation.click();
    await ed.page.locator('rt-matrix div.node[data-kind="activity"] [data-source="gfmd-2a-3"]').waitFor();
    await screenshot(ed.page, 'cycle-library-activity-360');
    expect(fac.errors).toEqual([]);
    expect(ed.errors).toEqual([]);
  }, 90_000);
});

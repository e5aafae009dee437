// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAGE_DEFS, answerQuestion, setDeliverableStatus, startDeliverable } from '../../shared/model.js';
import { RtStagePanel } from '../../client/components/rt-stage-panel.js';
import { RtStageNav } from '../../client/components/rt-stage-nav.js';
import { setLocale } from '../../client/i18n.js';
import { refusalText } from '../../client/sync/connect.js';
import { precheckText } from '../../client/sync/precheck.js';
import { commandText } from '../../client/command-text.js';
import { addDeliverable, moveStage } from '../../shared/model.js';
import type { Workspace } from '../../client/state/workspace.js';
import { STAGES, type Stage } from '../../shared/schema/types.js';
import en from '../../shared/i18n/en/index.js';
import { localWorkspace, mount, settle } from './helpers.js';

beforeEach(() => localStorage.clear());
afterEach(async () => {
  document.body.replaceChildren();
  await setLocale('en', false);
});

async function panel(ws: Workspace, stage: Stage) {
  const el = new RtStagePanel();
  el.ws = ws;
  el.stage = stage;
  el.label = 'Preparation';
  await mount(el);
  return el;
}

const part = (el: RtStagePanel) => el.shadowRoot!.querySelector<HTMLDetailsElement>('details.stage-part')!;
const counts = (el: RtStagePanel) => el.shadowRoot!.querySelector('[data-stage-counts]')!.textContent!.trim();

describe('a stage screen folds away once seen (LV)', () => {
  it('is open the first time this device shows a stage, folded to its counts the next time, per stage', async () => {
    const ws = localWorkspace('Fatou', { facilitator: true });
    const first = await panel(ws, 'preparatory');
    expect(part(first).open).toBe(true);
    // The heading stays outside the fold, so the stage is always named.
    expect(first.shadowRoot!.querySelector('h2')!.textContent).toBe('Preparatory phase: Preparation');
    first.remove();

    const again = await panel(ws, 'preparatory');
    expect(part(again).open).toBe(false);
    const gate = STAGE_DEFS.preparatory.gate.length;
    const handbook = STAGE_DEFS.preparatory.deliverables.length;
    expect(counts(again)).toBe(`0 of ${handbook} deliverables agreed, ${gate} gate questions open`);

    // The counts follow the plan: one deliverable agreed, one gate question answered.
    const tor = STAGE_DEFS.preparatory.deliverables[0]!.id;
    expect(startDeliverable(ws.doc, tor, ws.origin).ok).toBe(true);
    expect(setDeliverableStatus(ws.doc, tor, 'agreed-by-committee', ws.origin).ok).toBe(true);
    expect(answerQuestion(ws.doc, STAGE_DEFS.preparatory.gate[0]!.id, 'yes', ws.origin).ok).toBe(true);
    await settle(again);
    expect(counts(again)).toBe(`1 of ${handbook} deliverables agreed, ${gate - 1} gate questions open`);

    // The reader can unfold it again; a re-render keeps it as they left it.
    part(again).open = true;
    part(again).dispatchEvent(new Event('toggle'));
    await settle(again);
    expect(again.open).toBe(true);
    again.requestUpdate();
    await settle(again);
    expect(part(again).open).toBe(true);

    // Another stage has not been seen yet: it opens, then folds on the next visit.
    again.stage = 'situation-analysis';
    await settle(again);
    expect(part(again).open).toBe(true);
    again.stage = 'preparatory';
    await settle(again);
    expect(part(again).open).toBe(false);
  });

  it('shows each stage\'s purpose from the catalogue, in step with the stage data', () => {
    for (const stage of STAGES) expect(en.cycle.purposes[stage]).toBe(STAGE_DEFS[stage].purpose);
  });

  it('[L13] the stage bar and the stage heading give every stage the same number, in English and Arabic', async () => {
    const ws = localWorkspace('Fatou', { facilitator: true });
    const nav = new RtStageNav();
    nav.ws = ws;
    nav.planStage = 'preparatory';
    await mount(nav);
    const digits = (s: string) => s.replace(/[^0-9\u0660-\u0669]/g, '');
    for (const l of ['en', 'ar'] as const) {
      await setLocale(l, false);
      for (const stage of STAGES) {
        const el = await panel(ws, stage);
        const heading = el.shadowRoot!.querySelector('h2')!.textContent!;
        el.remove();
        nav.stage = stage;
        await nav.updateComplete;
        const badge = nav.querySelector(`a[href="#${stage}"] .num`)!.textContent!;
        // The preparatory phase has no number; the stages after it 1 to 6, the same in the bar and the heading.
        expect(digits(badge), `${l} ${stage}: bar "${badge}", heading "${heading}"`).toBe(digits(heading));
        expect(digits(heading)).toBe(stage === 'preparatory' ? '' : String(STAGES.indexOf(stage)));
        expect(nav.querySelector(`a[href="#${stage}"] .num`)!.getAttribute('aria-hidden')).toBe('true');
      }
    }
  });

  it('[L16] a stage command\'s refusal carries a message key and is shown in the reader\'s language (Spanish), the gate\'s stage rules too', async () => {
    const ws = localWorkspace('Fatou', { facilitator: true });
    // The commands: codes and parameters besides the English sentence.
    const unknown = startDeliverable(ws.doc, 'nope', ws.origin);
    expect(unknown.ok ? null : unknown.error).toEqual({ code: 'not-found', message: 'no handbook deliverable "nope"', key: 'refusals:unknownDeliverable', params: { id: 'nope' } });
    const untitled = addDeliverable(ws.doc, 'preparatory', ' ', ws.origin);
    expect(untitled.ok ? null : untitled.error.key).toBe('refusals:deliverableTitle');
    const badStage = moveStage(ws.doc, 'nowhere' as Stage, ws.origin);
    expect(badStage.ok ? null : { key: badStage.error.key, params: badStage.error.params }).toEqual({ key: 'refusals:badValue', params: { shape: 'choice' } });
    const gone = setDeliverableStatus(ws.doc, 'missing', 'endorsed', ws.origin);
    expect(gone.ok ? null : { key: gone.error.key, params: gone.error.params }).toEqual({ key: 'refusals:notFound', params: { kind: 'deliverable', id: 'missing' } });

    await setLocale('es', false);
    expect(commandText(unknown.ok ? { message: '' } : unknown.error)).toBe('El manual no prevé ningún producto «nope».');
    // The gate's refusal of a stage move, judged here first or by the server (`ST2 stage-move`).
    expect(precheckText({ rule: 'ST2', code: 'stage-move', message: 'only a facilitator may move the plan to another stage' })).toBe(
      'Este cambio incumple una regla del plan (ST2: solo un facilitador puede pasar el plan a otra etapa), así que no se envió y nadie más lo ve. Recargue la página para continuar desde el plan guardado.',
    );
    expect(refusalText(4422, 'ST2 stage-move')).toBe('El servidor rechazó un cambio hecho aquí (ST2: solo un facilitador puede pasar el plan a otra etapa); no se guardó. Recargue la página para continuar desde el plan guardado.');

    // On screen: someone removes a deliverable while this person sets its status.
    const tor = STAGE_DEFS.preparatory.deliverables[0]!.id;
    expect(startDeliverable(ws.doc, tor, ws.origin).ok).toBe(true);
    const el = await panel(ws, 'preparatory');
    await settle(el);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>(`[data-deliverable="${tor}"] select`)!;
    ws.doc.getMap('deliverables').delete(tor);
    select.value = 'endorsed';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toBe(`No se encuentra en este plan: entregable «${tor}». Puede que se haya eliminado mientras tanto.`);
    // L19: the panel keeps the refusal, not its text: a language switch re-words it.
    await setLocale('fr', false);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toBe(`Introuvable dans ce plan\u202f: livrable «\u202f${tor}\u202f». Cet élément a pu être supprimé entre-temps.`);
  });
});

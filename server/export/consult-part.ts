import { promotedNode, tallies } from '../../shared/domain/consult.js';
import { nodeCodes } from '../../shared/domain/tree.js';
import type { PlanData } from '../../shared/schema/types.js';

/** `s` ending with a full stop (unless it already ends with one of . ! ?). */
const sentence = (s: string): string => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/**
 * CO9: the "Consultations" part of the Plan of Action documents (print view and Word): one
 * section per round (most recently opened first) with its theme, mode, closing date, guiding
 * questions and intended product, then each recommendation with its author, the organisation
 * they speak for, its support count and questions, its way forward, and what it was promoted to.
 * Empty when the plan has no round (the documents then leave the part out). Sections have the
 * shape of `PoaSection` (poa-model.ts imports this module, so it is not imported back).
 */
export function consultationPart(plan: PlanData): { title: string; body: string }[] {
  const counts = tallies(plan.reactions);
  const codes = nodeCodes(plan);
  const rounds = [...plan.consultRounds].sort((a, b) => (b.openedOn ?? '').localeCompare(a.openedOn ?? '') || a.id.localeCompare(b.id));
  return rounds.map((round) => {
    const when = round.status === 'closed' ? 'closed' : `open until ${round.closesOn ?? 'no date'}`;
    const head = [
      `${round.theme ? `${round.theme}. ` : ''}${round.mode === 'remote' ? 'Remote' : 'In the room'}; opened ${round.openedOn ?? '—'}, ${when}.`,
      `Guiding questions: ${round.questions.map((q, i) => `(${i + 1}) ${q}`).join(' ')}`,
      ...(round.product ? [`Intended product: ${round.product}`] : []),
    ];
    const recs = plan.recommendations.filter((r) => r.roundId === round.id);
    const lines = recs.map((r) => {
      const t = counts.get(r.id);
      const org = r.stakeholderId ? plan.stakeholders.find((s) => s.id === r.stakeholderId)?.organisation : undefined;
      const became = promotedNode(plan, r);
      const promoted = became ? ` Promoted to ${r.promotedKind === 'goal' ? 'candidate goal' : 'activity'} ${codes.get(became.id)?.code ?? ''} "${became.title}".` : '';
      const questions = t?.questions.length ? ` Questions: ${t.questions.map((q) => sentence(q.text)).join(' ')}` : '';
      return `"${r.title}", by ${r.authorName || 'a participant'}${org ? ` (${org})` : ''}: supported by ${t?.support ?? 0}. Way forward: ${sentence(r.wayForward)}${questions}${promoted}`;
    });
    return { title: `Consultation round "${round.title}"`, body: [...head, ...(lines.length ? lines : ['No recommendations.'])].join('\n\n') };
  });
}

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
 * Empty when the plan has no round (the documents then leave the part out). Fixed words come from
 * `t` (the document's language, namespace `export`); what people wrote stays as written. Sections have the
 * shape of `PoaSection` (poa-model.ts imports this module, so it is not imported back). `day` writes
 * a round's opening and closing dates as the document's language does (L130; as given by default).
 */
export function consultationPart(plan: PlanData, t: (key: string, params?: Record<string, unknown>) => string, day: (iso: string) => string = (iso) => iso): { title: string; body: string }[] {
  const counts = tallies(plan.reactions);
  const codes = nodeCodes(plan);
  const rounds = [...plan.consultRounds].sort((a, b) => (b.openedOn ?? '').localeCompare(a.openedOn ?? '') || a.id.localeCompare(b.id));
  return rounds.map((round) => {
    const when = round.status === 'closed' ? t('export:consult.closed') : t('export:consult.openUntil', { date: round.closesOn ? day(round.closesOn) : t('export:consult.noDate') });
    const mode = t(round.mode === 'remote' ? 'export:consult.remote' : 'export:consult.inRoom');
    const head = [
      t('export:consult.head', { theme: round.theme ? `${round.theme}. ` : '', mode, opened: round.openedOn ? day(round.openedOn) : '—', when }),
      t('export:consult.questions', { list: round.questions.map((q, i) => `(${i + 1}) ${q}`).join(' ') }),
      ...(round.product ? [t('export:consult.product', { text: round.product })] : []),
    ];
    const recs = plan.recommendations.filter((r) => r.roundId === round.id);
    const lines = recs.map((r) => {
      const tally = counts.get(r.id);
      const org = r.stakeholderId ? plan.stakeholders.find((s) => s.id === r.stakeholderId)?.organisation : undefined;
      const became = promotedNode(plan, r);
      const promoted = became ? t(r.promotedKind === 'goal' ? 'export:consult.promotedGoal' : 'export:consult.promotedActivity', { code: codes.get(became.id)?.code ?? '', title: became.title }) : '';
      const questions = tally?.questions.length ? t('export:consult.askedQuestions', { list: tally.questions.map((q) => sentence(q.text)).join(' ') }) : '';
      const said = t('export:consult.recommendation', { title: r.title, author: r.authorName || t('export:consult.participant'), org: org ? ` (${org})` : '', n: tally?.support ?? 0, way: sentence(r.wayForward) });
      return `${said}${questions}${promoted}`;
    });
    return { title: t('export:consult.round', { title: round.title }), body: [...head, ...(lines.length ? lines : [t('export:consult.none')])].join('\n\n') };
  });
}

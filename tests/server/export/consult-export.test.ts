import { describe, expect, it } from 'vitest';
import { buildPoaDocument } from '../../../server/export/poa-model.js';
import { renderPoaHtml } from '../../../server/export/html.js';
import { fullPlan, handbookMatrix } from '../../shared/helpers/fixtures.js';

const AT = '2026-03-04T10:00:00.000Z';

describe('the Consultations part of the Plan of Action documents', () => {
  it('[CO9] each round with its questions, then each recommendation with support, questions, author, organisation and what it became', () => {
    const doc = buildPoaDocument(fullPlan(), { snapshot: null, generatedAt: AT });
    expect(doc.consultations).toHaveLength(1);
    const part = doc.consultations[0]!;
    expect(part.title).toBe('Consultation round "Remittance costs"');
    expect(part.body).toContain('Remittances. Remote; opened 2026-03-01, open until 2026-04-01.');
    expect(part.body).toContain('Guiding questions: (1) Which fees hurt most? (2) Who should act?');
    expect(part.body).toContain('"Cap transfer fees", by Edem (Diaspora council): supported by 0. Way forward: Cap fees at 3%. Questions: Which providers? Promoted to candidate goal 1 "Remittances for development".');
    const html = renderPoaHtml(doc);
    expect(html).toContain('<h2 id="p7">Consultations</h2>');
    // A plan without rounds leaves the part out.
    const none = buildPoaDocument(handbookMatrix(), { snapshot: null, generatedAt: AT });
    expect(none.consultations).toEqual([]);
    expect(renderPoaHtml(none)).not.toContain('Consultations</h2>');
  });
});

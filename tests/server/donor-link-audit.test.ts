import { describe, expect, it } from 'vitest';
import { auth } from '../helpers/test-server.js';
import { plan } from '../shared/helpers/fixtures.js';
import { importPlan, serverForFile } from './iati-helpers.js';

/** A donor's IATI file as portals hand it out: one activity, a commitment of 50,000 EUR by the EU. */
const DONOR = `<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-11-01T00:00:00Z">
  <iati-activity default-currency="EUR">
    <iati-identifier>XI-IATI-EC_INTPA-2026-7</iati-identifier>
    <reporting-org ref="XI-IATI-EC_INTPA" type="15"><narrative>European Commission</narrative></reporting-org>
    <title><narrative>Reintegration support</narrative></title>
    <participating-org role="1" ref="XI-IATI-EC_INTPA"><narrative>European Union</narrative></participating-org>
    <transaction><transaction-type code="2"/><transaction-date iso-date="2026-01-10"/><value currency="EUR" value-date="2026-01-10">50000</value></transaction>
  </iati-activity>
</iati-activities>`;

/** A goal > outcome > output `op` with two budgeted activities in EUR. */
const matrix = () =>
  plan({
    goals: [{ id: 'g', title: 'Returnees' }],
    outcomes: [{ id: 'oc', goalId: 'g', title: 'Reintegrated' }],
    outputs: [{ id: 'op', outcomeId: 'oc', title: 'Returnees reintegrated' }],
    activities: [
      { id: 'a1', outputId: 'op', title: 'Counselling', budget: { amount: 30_000, currency: 'EUR' } },
      { id: 'a2', outputId: 'op', title: 'Grants', budget: { amount: 10_000, currency: 'EUR' } },
    ],
  });

type Event = { action: string; actor: { role: string; name: string }; detail: Record<string, unknown> };

describe('donor links over HTTP are in the audit trail (SPEC XL6)', () => {
  const server = serverForFile();
  const call = (id: string, method: 'POST' | 'DELETE', query: string, role: 'facilitator' | 'editor' = 'facilitator') =>
    fetch(`${server().url}/api/plans/${id}/iati/link?${query}`, {
      method,
      headers: { ...auth(id, role), 'content-type': 'application/xml', 'x-actor-name': 'Fatou (NFP)' },
      ...(method === 'POST' ? { body: DONOR } : {}),
    });
  const funding = async (id: string): Promise<Event[]> =>
    ((await (await fetch(`${server().url}/api/plans/${id}/audit`, { headers: auth(id) })).json()) as { events: Event[] }).events.filter((e) => e.action.startsWith('funding.'));
  const lines = async (id: string) =>
    ((await (await fetch(`${server().url}/api/plans/${id}/budget`, { headers: auth(id, 'observer') })).json()) as { fundingLines: { activityId: string; amount: { amount: number } }[] }).fundingLines.map((l) => [l.activityId, l.amount.amount]);

  it('[XL6] link and unlink record who, which donor activity, what target and how much; refusals record nothing', async () => {
    const id = await importPlan(server(), matrix());
    expect((await call(id, 'POST', 'activity=a1', 'editor')).status).toBe(403);
    expect((await call(id, 'POST', 'activity=nope')).status).toBe(404);
    expect(await funding(id)).toEqual([]);

    expect((await call(id, 'POST', 'activity=a1')).status).toBe(201);
    expect((await call(id, 'POST', 'output=op&donor=XI-IATI-EC_INTPA-2026-7')).status).toBe(201);
    expect(await lines(id)).toEqual([
      ['a1', 50_000],
      ['a1', 37_500],
      ['a2', 12_500],
    ]);
    const actor = { role: 'facilitator', name: 'Fatou (NFP)' };
    const donor = { donor: 'XI-IATI-EC_INTPA-2026-7', funder: 'European Union' };
    expect(await funding(id)).toMatchObject([
      { action: 'funding.linked', actor, detail: { ...donor, target: 'activity', targetId: 'a1', targetTitle: 'Counselling', amount: '50000 EUR committed', lines: 1 } },
      { action: 'funding.linked', actor, detail: { ...donor, target: 'output', targetId: 'op', targetTitle: 'Returnees reintegrated', amount: '50000 EUR committed', lines: 2 } },
    ]);

    // Unlink from activity a1 only: both of its lines from that donor are archived, a2's stays.
    expect((await call(id, 'DELETE', 'donor=XI-IATI-EC_INTPA-2026-7&activity=a1', 'editor')).status).toBe(403);
    const un = await call(id, 'DELETE', 'donor=XI-IATI-EC_INTPA-2026-7&activity=a1');
    expect(un.status).toBe(200);
    expect(((await un.json()) as { ids: string[] }).ids).toHaveLength(2);
    expect(await lines(id)).toEqual([['a2', 12_500]]);
    expect((await call(id, 'DELETE', 'donor=XI-IATI-EC_INTPA-2026-7&activity=a1')).status).toBe(404);
    expect((await call(id, 'DELETE', 'activity=a1')).status).toBe(400);
    const events = await funding(id);
    expect(events).toHaveLength(3);
    expect(events[2]).toMatchObject({ action: 'funding.unlinked', actor, detail: { ...donor, target: 'activity', targetId: 'a1', targetTitle: 'Counselling', amount: '50000 EUR committed; 37500 EUR committed', lines: 2 } });

    // Without a target: every remaining line from that donor in the plan.
    expect((await call(id, 'DELETE', 'donor=XI-IATI-EC_INTPA-2026-7')).status).toBe(200);
    expect(await lines(id)).toEqual([]);
    expect((await funding(id))[3]).toMatchObject({ action: 'funding.unlinked', detail: { target: 'plan', targetId: null, amount: '12500 EUR committed', lines: 1 } });
  });
});

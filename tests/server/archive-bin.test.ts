import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { addNode, archiveNode, restoreNode } from '../../shared/model.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ME = { source: 'local', userId: 'tester' } as const;

function person(server: RunningServer, planId: string, name: string): WebsocketProvider {
  const p = openProvider(syncUrl(server), planId, new Y.Doc(), tokenFor(planId, 'editor'), { name });
  cleanups.push(() => p.destroy());
  return p;
}

interface Bin {
  items: { entity: string; id: string; title: string; archivedAt: string; archivedBy: string; role: string }[];
}

describe('archive bin: who archived what, and when', () => {
  it('records archiving and restoring with the pseudonym of the connection that did it, never the client\'s say', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir);
    cleanups.push(() => removeDir(dir), () => server.close());
    const planId = await createPlan(server, 'Bin');
    const amina = person(server, planId, 'Amina');
    const bruno = person(server, planId, 'Bruno');
    await Promise.all([waitSynced(amina), waitSynced(bruno)]);
    const goal = addNode(amina.doc, { kind: 'goal', title: 'Skills partnerships' }, ME);
    if (!goal.ok) throw new Error(goal.error.message);
    const bin = async (): Promise<Bin> => (await fetch(`${server.url}/api/plans/${planId}/archive`, { headers: auth(planId, 'observer') })).json() as Promise<Bin>;
    expect((await bin()).items).toEqual([]);

    const before = new Date().toISOString();
    expect(archiveNode(amina.doc, goal.value, ME).ok).toBe(true);
    await waitFor(() => bruno.doc.getMap('nodes').get(goal.value) instanceof Y.Map && (bruno.doc.getMap('nodes').get(goal.value) as Y.Map<unknown>).get('archived') === true, 'the archive to reach Bruno');
    const [item] = (await bin()).items;
    expect(item).toMatchObject({ entity: 'goal', id: goal.value, title: 'Skills partnerships', archivedBy: 'Amina', role: 'editor' });
    expect(item!.archivedAt >= before).toBe(true);

    expect(restoreNode(bruno.doc, goal.value, ME).ok).toBe(true);
    await waitFor(() => (amina.doc.getMap('nodes').get(goal.value) as Y.Map<unknown>).get('archived') === false, 'the restore to reach Amina');
    expect((await bin()).items).toEqual([]);
    const trail = (await (await fetch(`${server.url}/api/plans/${planId}/audit`, { headers: auth(planId) })).json()) as { events: { action: string; actor: { name: string } }[] };
    expect(trail.events.filter((e) => e.action.startsWith('item.')).map((e) => [e.action, e.actor.name])).toEqual([
      ['item.archived', 'Amina'],
      ['item.restored', 'Bruno'],
    ]);
  });
});

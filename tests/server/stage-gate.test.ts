import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { moveStage, readPlan, setStageMovers } from '../../shared/model.js';
import { CLOSE } from '../../shared/protocol.js';
import type { RunningServer } from '../../server/server.js';
import { openProvider, waitFor, waitSynced } from '../helpers/provider.js';
import { auth, createPlan, removeDir, startTestServer, syncUrl, tempDir, tokenFor } from '../helpers/test-server.js';

/**
 * ST2 against the real server with stock y-websocket clients: an editor's stage move is refused
 * (the connection closes with 4422 and nothing reaches the plan) until the facilitator lets
 * editors move the stage; every move and the setting are in the audit trail.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const ME = { source: 'local', userId: 'tester' } as const;

function provider(server: RunningServer, id: string, role: 'facilitator' | 'editor' | 'observer'): WebsocketProvider {
  const p = openProvider(syncUrl(server), id, new Y.Doc(), tokenFor(id, role));
  cleanups.push(() => p.destroy());
  return p;
}

describe('stage moves (ST2, real server)', () => {
  it('[ST2] an editor cannot move the stage until the facilitator allows it; moves and the setting are audited', async () => {
    const dir = tempDir();
    const server = await startTestServer(dir);
    cleanups.push(() => removeDir(dir), () => server.close());
    const id = await createPlan(server, 'Stages');
    const fac = provider(server, id, 'facilitator');
    const ed = provider(server, id, 'editor');
    const watcher = provider(server, id, 'observer');
    await Promise.all([waitSynced(fac), waitSynced(ed), waitSynced(watcher)]);

    const refused = new Promise<number>((resolve) => ed.once('closed', (e: { code: number }) => resolve(e.code)));
    expect(moveStage(ed.doc, 'situation-analysis', ME).ok).toBe(true); // the stock client sends it
    expect(await refused).toBe(CLOSE.refusedUpdate);
    ed.destroy();

    expect(moveStage(fac.doc, 'situation-analysis', ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).stage === 'situation-analysis', 'the facilitator moves the plan');

    expect(setStageMovers(fac.doc, 'editors', ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).stageMovers === 'editors', 'editors are allowed');
    const ed2 = provider(server, id, 'editor');
    await waitSynced(ed2);
    expect(moveStage(ed2.doc, 'strategic-goals', ME).ok).toBe(true);
    await waitFor(() => readPlan(watcher.doc).stage === 'strategic-goals', 'the editor moves the plan');

    const trail = (await (await fetch(`${server.url}/api/plans/${id}/audit`, { headers: auth(id) })).json()) as {
      events: { action: string; actor: { role: string }; detail: Record<string, unknown> }[];
    };
    const cycle = trail.events.filter((e) => e.action.startsWith('stage.'));
    expect(cycle.map((e) => [e.action, e.actor.role, e.detail])).toEqual([
      ['stage.moved', 'facilitator', { from: 'preparatory', to: 'situation-analysis' }],
      ['stage.movers', 'facilitator', { movers: 'editors' }],
      ['stage.moved', 'editor', { from: 'situation-analysis', to: 'strategic-goals' }],
    ]);
  });
});

import { archiveNode, liveDescendants } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import type { Workspace } from '../state/workspace.js';
import { askToConfirm } from './rt-confirm.js';

/**
 * Archives a matrix node (goal, outcome, output, activity). When it has live rows or indicators
 * under it (SPEC AR2), asks first in a modal dialog, naming how much goes with it; resolves
 * null when the person cancels, else the command's result.
 */
export async function archiveNodeWithCare(ws: Workspace, id: string, name: string): Promise<Result<void> | null> {
  const { nodes, indicators } = liveDescendants(ws.store.plan, id);
  if (nodes + indicators > 0) {
    const parts = [nodes ? `${nodes} row${nodes === 1 ? '' : 's'} (outcomes, outputs or activities)` : '', indicators ? `${indicators} indicator${indicators === 1 ? '' : 's'}` : ''].filter(Boolean);
    const yes = await askToConfirm({
      title: `Archive ${name}?`,
      message: `${parts.join(' and ')} under it will be hidden with it, for everyone. Nothing is deleted: anyone who may edit can restore it from the Archive bin.`,
      confirm: `Archive with ${nodes + indicators} item${nodes + indicators === 1 ? '' : 's'} under it`,
    });
    if (!yes) return null;
  }
  return archiveNode(ws.doc, id, ws.origin);
}

import { archiveNode, liveDescendants } from '../../shared/model.js';
import type { Result } from '../../shared/result.js';
import type { Workspace } from '../state/workspace.js';
import { askToConfirm } from './rt-confirm.js';
import { fmt, t } from '../i18n.js';

/**
 * Archives a matrix node (goal, outcome, output, activity). When it has live rows or indicators
 * under it (SPEC AR2), asks first in a modal dialog, naming how much goes with it; resolves
 * null when the person cancels, else the command's result.
 */
export async function archiveNodeWithCare(ws: Workspace, id: string, name: string): Promise<Result<void> | null> {
  const { nodes, indicators } = liveDescendants(ws.store.plan, id);
  if (nodes + indicators > 0) {
    const parts = [nodes ? t('collab:archive.rows', { count: nodes }) : '', indicators ? t('collab:archive.indicators', { count: indicators }) : ''].filter(Boolean);
    const yes = await askToConfirm({
      title: t('collab:archive.title', { name }),
      message: t('collab:archive.message', { what: fmt.list(parts) }),
      confirm: t('collab:archive.confirm', { count: nodes + indicators }),
    });
    if (!yes) return null;
  }
  return archiveNode(ws.doc, id, ws.origin);
}

import { css, html, nothing } from 'lit';
import type { Workspace } from '../state/workspace.js';
import { RtWorkspacePart } from './rt-view.js';
import { t } from '../i18n.js';

/** Styles of the undo tools, adopted by the workspace. */
export const undoStyles = css`
  .tools { display: flex; gap: 0.25rem; }
`;

/**
 * Undo and redo of this person's own changes (nothing for a read-only workspace). The keys are
 * handled by {@link undoShortcut}, which the workspace calls for every key pressed in it.
 */
export class RtUndo extends RtWorkspacePart {
  private readonly onStack = () => this.requestUpdate();

  protected override listen(ws: Workspace): () => void {
    ws.undo.on('stack-item-added', this.onStack);
    ws.undo.on('stack-item-popped', this.onStack);
    return () => {
      ws.undo.off('stack-item-added', this.onStack);
      ws.undo.off('stack-item-popped', this.onStack);
    };
  }

  override render() {
    const ws = this.ws;
    if (!ws || ws.readonly) return nothing;
    return html`<span class="tools">
      <button class="secondary" ?disabled=${!ws.undo.canUndo()} @click=${() => ws.undo.undo()} title=${t('shell:undo.undoHint')}>${t('shell:undo.undo')}</button>
      <button class="secondary" ?disabled=${!ws.undo.canRedo()} @click=${() => ws.undo.redo()} title=${t('shell:undo.redoHint')}>${t('shell:undo.redo')}</button>
    </span>`;
  }
}
customElements.define('rt-undo', RtUndo);

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y redoes this person's changes in `ws`. */
export function undoShortcut(e: KeyboardEvent, ws: Workspace | null): void {
  if (!ws || !(e.ctrlKey || e.metaKey) || e.altKey) return;
  const k = e.key.toLowerCase();
  if (k === 'z' && !e.shiftKey) {
    e.preventDefault();
    ws.undo.undo();
  } else if ((k === 'z' && e.shiftKey) || k === 'y') {
    e.preventDefault();
    ws.undo.redo();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rt-undo': RtUndo;
  }
}

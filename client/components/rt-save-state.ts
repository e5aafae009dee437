import { html } from 'lit';
import type { ConnectionStatus, StatusSource } from '../sync/connect.js';
import { RtLightPart } from './rt-view.js';
import { t } from '../i18n.js';

/**
 * How long a change of the save state's words waits before it is shown, in ms, when it is not
 * news a person needs at once (SPEC MP6): "1 change not saved" after a keystroke, a count that
 * grows. An acknowledgement that comes back within it leaves "Saved" on screen untouched.
 */
export const SAVE_STATE_HOLD_MS = 300;

/**
 * The connection state in words. "Saved" only when the server has acknowledged every change
 * made here as stored; otherwise how many are not saved yet (online) or kept on this device
 * (offline or reconnecting).
 */
export function statusText(s: ConnectionStatus): string {
  const count = s.unsynced;
  switch (s.state) {
    case 'synced':
      return count > 0 ? t('shell:status.notSaved', { count }) : s.settled ? t('shell:status.saved') : t('shell:status.saving');
    case 'connecting':
      return count > 0 ? t('shell:status.reconnecting', { count }) : t('shell:status.connecting');
    case 'offline':
      return count > 0 ? t('shell:status.offlineKept', { count }) : t('shell:status.offline');
    case 'refused':
      return t('shell:status.refused');
  }
}

/** The kind of a status, without its count: what a screen reader is told of (SPEC MP6). */
export function statusKind(s: ConnectionStatus): string {
  return s.state !== 'synced' ? s.state : s.unsynced > 0 ? 'unsaved' : s.settled ? 'saved' : 'saving';
}

/**
 * The save state in the workspace header (SPEC MP6): the connection state and the changes not
 * yet saved, in an element of its own that alone renders when they change, so a keystroke's
 * "not saved" and its acknowledgement's "Saved" leave the workspace and its header still.
 * A change to "Saved", to offline, connecting or refused shows at once; a change to "not saved"
 * or "saving", and a new count of the same kind, wait {@link SAVE_STATE_HOLD_MS} and show what
 * the status is then (nothing, when it is back to what is shown). A polite live region, except
 * while offline (the header's alert says the loss once, L14) and when only the count changed:
 * a screen reader hears each kind once ("not saved", then "Saved"), never a count per key.
 */
export class RtSaveState extends RtLightPart {
  static override properties = { source: { attribute: false } };
  /** The status to follow (the page's plan session); null shows "Connecting". */
  declare source: StatusSource | null;
  /** What is on screen. */
  private shown: ConnectionStatus = { state: 'connecting', unsynced: 0, local: false, settled: false, refusal: null, code: 0 };
  /** Whether the last shown change was a change of kind (read out) or of count only (not). */
  private newKind = true;
  private followed: StatusSource | null = null;
  private stop: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.source = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    this.unfollow();
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('source')) this.follow();
  }

  private follow(): void {
    if (this.followed === this.source && this.stop) return;
    this.unfollow();
    const src = this.source;
    if (!src || !this.isConnected) return;
    this.followed = src;
    this.stop = src.onStatus((s) => this.changed(s));
    this.show(src.status);
  }

  private unfollow(): void {
    this.stop?.();
    this.stop = null;
    this.followed = null;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A status change: shown at once, later, or not at all (see the class). */
  private changed(s: ConnectionStatus): void {
    const kind = statusKind(s);
    // Back to what is shown: the wait starts again with the next change (a "not saved" must last the hold).
    if (statusText(s) === statusText(this.shown)) {
      this.clearTimer();
      return;
    }
    const later = kind === 'unsaved' || kind === 'saving' || kind === statusKind(this.shown);
    if (!later) {
      this.clearTimer();
      this.show(s);
    } else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        const now = this.followed?.status;
        if (now && statusText(now) !== statusText(this.shown)) this.show(now);
      }, SAVE_STATE_HOLD_MS);
    }
  }

  private show(s: ConnectionStatus): void {
    if (s === this.shown) return;
    this.newKind = statusKind(s) !== statusKind(this.shown);
    this.shown = s;
    this.requestUpdate();
  }

  override render() {
    const s = this.shown;
    const live = s.state === 'offline' || !this.newKind ? 'off' : 'polite';
    return html`<span class="status" data-state=${s.state} ?data-unsaved=${s.unsynced > 0 || !s.settled} role="status" aria-live=${live}>${statusText(s)}</span>`;
  }
}
customElements.define('rt-save-state', RtSaveState);

declare global {
  interface HTMLElementTagNameMap {
    'rt-save-state': RtSaveState;
  }
}

import { html } from 'lit';
import { SNAPSHOT_STATUSES, type SnapshotStatus } from '../../shared/versions.js';
import { labelsOf } from '../labels.js';
import { t } from '../i18n.js';

/** What each status of a version is called. */
export const STATUS_LABELS: Record<SnapshotStatus, string> = labelsOf('versions:status.', SNAPSHOT_STATUSES);

/** A padlock (inline SVG: emoji fonts are often missing on projector laptops). */
export const lock = (label = t('versions:locked')) =>
  html`<svg class="lock" role="img" aria-label=${label} viewBox="0 0 16 16" width="14" height="14"><title>${t('versions:lockedForGood')}</title><path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4zm2 0h4V5a2 2 0 1 0-4 0v2z"/></svg>`;

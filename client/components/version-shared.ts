import { html } from 'lit';
import type { SnapshotStatus } from '../../shared/versions.js';

/** What each status of a version is called. */
export const STATUS_LABELS: Record<SnapshotStatus, string> = {
  draft: 'Draft',
  consultation: 'Consultation',
  workshop: 'Workshop version',
  final: 'Final',
  endorsed: 'Endorsed',
};

/** A padlock (inline SVG: emoji fonts are often missing on projector laptops). */
export const lock = (label = 'locked') =>
  html`<svg class="lock" role="img" aria-label=${label} viewBox="0 0 16 16" width="14" height="14"><title>Endorsed: locked for good</title><path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4zm2 0h4V5a2 2 0 1 0-4 0v2z"/></svg>`;

/**
 * The typed routes of the API ({@link api}), in a module of their own (SPEC BL6): the views and
 * panels that call them load it; a plan page's first screen needs only `request` and
 * `resolveAccess` of `api.ts`, so the routes' code is not in it.
 */
import type { Comment, PlanData, Reaction, ReactionKind, Recommendation } from '../../shared/schema/types.js';
import type { SnapshotMeta, SnapshotStatus } from '../../shared/versions.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import type { Role } from './access.js';
import {
  apiErrorOf,
  planHeaders,
  planUrl,
  request,
  saveBlob,
  send,
  type ArchivedInfo,
  type AuditEvent,
  type CreatedPlan,
  type DonorActivity,
  type HistoryEntry,
  type LinkInfo,
  type PlanInfo,
  type RequestOptions,
  type VersionDiff,
} from './api.js';

/** A JSON request; resolves with the parsed body. */
async function json<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  return (await (await request(url, opts)).json()) as T;
}

const snapUrl = (planId: string, snapshotId: string, path = '') => planUrl(planId, `/snapshots/${encodeURIComponent(snapshotId)}${path}`);

/** A JSON request on a plan route with the plan's token. */
const onPlan = <T>(planId: string, path: string, opts: RequestOptions = {}) => json<T>(planUrl(planId, path), { ...opts, planId });

/** The typed routes of the API. */
export const api = {
  /** The plan's title, last change and the role of `token` (or the strongest token held). */
  planInfo: (planId: string, token?: string) => json<PlanInfo>(planUrl(planId), { planId, ...(token !== undefined ? { token } : {}) }),
  /** Creates a plan; the answer carries its three invite links. */
  createPlan: (body: { title: string; country?: string; currency?: string; language?: string }) => json<CreatedPlan>('/api/plans', { method: 'POST', body }),
  /** Imports a `roundtable-plan/1` file (its text, sent as it is). */
  importPlan: (text: string) => json<CreatedPlan>('/api/plans/import', { method: 'POST', body: text }),
  /** Creates a plan from an Excel workbook (the file, sent as it is). */
  importWorkbook: (file: Blob) => json<CreatedPlan>('/api/plans/import.xlsx', { method: 'POST', workbook: file }),
  /** Fills the empty matrix of a plan from an Excel workbook; how many rows of each kind came in. */
  fillFromWorkbook: (planId: string, file: Blob) => onPlan<{ imported: Record<string, number>; notes?: string[]; importNotes?: ImportNote[] }>(planId, '/import.xlsx', { method: 'POST', workbook: file }),

  /** The plan's snapshots, oldest first. */
  snapshots: async (planId: string) => (await onPlan<{ snapshots: SnapshotMeta[] }>(planId, '/snapshots')).snapshots,
  /** Takes a named snapshot of the live plan. */
  takeSnapshot: (planId: string, body: { name: string; note: string; status: string; author?: string }) =>
    onPlan<SnapshotMeta>(planId, '/snapshots', { method: 'POST', body }),
  /** One snapshot with the plan as it was. */
  snapshot: (planId: string, snapshotId: string) => json<SnapshotMeta & { plan: PlanData }>(snapUrl(planId, snapshotId), { planId }),
  /** Renames a snapshot or changes its status (endorsing locks it for good). */
  updateSnapshot: (planId: string, snapshotId: string, patch: { name?: string; status?: SnapshotStatus }) =>
    json<SnapshotMeta>(snapUrl(planId, snapshotId), { planId, method: 'PATCH', body: patch }),
  /** Deletes a snapshot that is not endorsed. */
  deleteSnapshot: (planId: string, snapshotId: string) => json<unknown>(snapUrl(planId, snapshotId), { planId, method: 'DELETE' }),
  /** Brings the live plan back to a snapshot (the plan before is kept as a snapshot). */
  restoreSnapshot: (planId: string, snapshotId: string) => json<unknown>(snapUrl(planId, snapshotId, '/restore'), { planId, method: 'POST', body: {} }),
  /** Starts a new plan from a snapshot. */
  forkSnapshot: (planId: string, snapshotId: string, title: string) =>
    json<CreatedPlan>(snapUrl(planId, snapshotId, '/fork'), { planId, method: 'POST', body: title ? { title } : {} }),
  /** The semantic diff between two snapshots, or one and the live plan (`live`). */
  diff: (planId: string, from: string, to: string) => onPlan<VersionDiff>(planId, `/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),

  /** Every invite link of the plan (facilitators). */
  links: async (planId: string) => (await onPlan<{ links: LinkInfo[] }>(planId, '/links')).links,
  /** Issues a new invite link for a role; the answer's url carries the token. */
  issueLink: (planId: string, role: Role, label = '') => onPlan<{ url: string; label: string }>(planId, '/links', { method: 'POST', body: { role, label } }),
  /** Revokes a link; the answer says how many open sessions were closed. */
  revokeLink: (planId: string, linkId: string) => onPlan<{ sessionsClosed: number }>(planId, `/links/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),

  /** Adds a comment (a new thread, or a reply with threadId); the server sets author and time (SPEC CM9). */
  addComment: async (planId: string, body: { targetKind: string; targetId: string; threadId?: string | null; body: string; mentions?: string[]; name?: string }) =>
    (await onPlan<{ comment: Comment }>(planId, '/comments', { method: 'POST', body })).comment,
  /** Edits one's own comment, or resolves / reopens a thread. */
  changeComment: async (planId: string, commentId: string, change: { body: string } | { resolved: boolean; name?: string }) =>
    (await onPlan<{ comment: Comment }>(planId, `/comments/${encodeURIComponent(commentId)}`, { method: 'PATCH', body: change })).comment,
  /** Deletes one's own comment (its replies stay). */
  deleteComment: async (planId: string, commentId: string) => (await onPlan<{ comment: Comment }>(planId, `/comments/${encodeURIComponent(commentId)}`, { method: 'DELETE' })).comment,

  /** Contributes a recommendation to an open consultation round; the server sets author and time (SPEC CO2). */
  addRecommendation: async (planId: string, body: { roundId: string; title: string; background: string; challenge: string; wayForward: string; stakeholderId: string | null; sourceRef?: string | null; name?: string }) =>
    (await onPlan<{ recommendation: Recommendation }>(planId, '/recommendations', { method: 'POST', body })).recommendation,
  /** Supports or questions a recommendation (one reaction per person, replaced when sent again, CO4). */
  react: async (planId: string, recId: string, body: { kind: ReactionKind; text?: string; name?: string }) =>
    (await onPlan<{ reaction: Reaction }>(planId, `/recommendations/${encodeURIComponent(recId)}/reaction`, { method: 'PUT', body })).reaction,
  /** Withdraws this person's support or question. */
  unreact: async (planId: string, recId: string) => (await onPlan<{ removed: boolean }>(planId, `/recommendations/${encodeURIComponent(recId)}/reaction`, { method: 'DELETE' })).removed,
  /** Promotes a recommendation to a candidate goal or an activity under an output (facilitators, CO5). */
  promote: (planId: string, recId: string, target: { to: 'goal' } | { to: 'activity'; outputId: string }) =>
    onPlan<{ recommendation: Recommendation; nodeId: string }>(planId, `/recommendations/${encodeURIComponent(recId)}/promote`, { method: 'POST', body: target }),

  /** Who archived each item still archived, and when, newest first. */
  archive: async (planId: string) => (await onPlan<{ items: ArchivedInfo[] }>(planId, '/archive')).items,
  /** Who changed a field or cell, when and from what (the server's change journal), newest first. */
  history: async (planId: string, q: { entity?: string; id?: string; field?: string | null; limit?: number }) => {
    const params = new URLSearchParams();
    if (q.entity) params.set('entity', q.entity);
    if (q.id) params.set('id', q.id);
    if (q.field !== undefined) params.set('field', q.field ?? '');
    if (q.limit) params.set('limit', String(q.limit));
    return (await onPlan<{ entries: HistoryEntry[] }>(planId, `/history?${params.toString()}`)).entries;
  },
  /** The plan's audit trail, oldest first. */
  audit: async (planId: string) => (await onPlan<{ events: AuditEvent[] }>(planId, '/audit')).events,

  /** The donor activities of an IATI file (its XML text; facilitators): nothing is stored. */
  iatiActivities: async (planId: string, xml: string): Promise<DonorActivity[]> => {
    const res = await send(fetch, planUrl(planId, '/iati'), { method: 'POST', headers: { ...planHeaders(planId), 'content-type': 'application/xml' }, body: xml });
    if (!res.ok) throw await apiErrorOf(res);
    return ((await res.json()) as { activities: DonorActivity[] }).activities;
  },

  /** Paths of the plan's downloadable files. */
  files: {
    auditCsv: '/audit?format=csv',
  },
  /** Downloads a file of a plan route (fetched, since the route wants the token header). */
  download: async (planId: string, path: string, fallbackName: string) => saveFile(await request(planUrl(planId, path), { planId }), fallbackName),
};

/** Saves a response body as a file, named by its Content-Disposition or `fallbackName`. */
async function saveFile(res: Response, fallbackName: string): Promise<void> {
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
}

import type { ArchivedInfo } from '../../shared/domain/archive.js';
/**
 * The one client of the server's HTTP API. Every request goes through {@link request}: it adds
 * the plan's bearer token and the person's name, sends and reads JSON, and turns any answer that
 * is not 2xx into an {@link ApiError} carrying the server's `{ error: { code, message } }`.
 * Components call the typed routes (`api` in `api-routes.ts`); none of them looks at a `Response`.
 */

import type { PlanDiff } from '../../shared/domain/diff.js';
import { ROLES, confirmToken, dropToken, heldPlan, strongest, type Role } from './access.js';
import type { HistoryEntry } from '../../shared/history.js';
import { i18nHas, t } from '../i18n.js';
import { errorKey } from '../../shared/i18n/error-key.js';
import { commandText, type Refusal, type Rerenders } from '../command-text.js';
import type { ImportNote } from '../../shared/domain/import-notes.js';
import { isProblemCodeShape, problemParamsOf, type ImportProblemCode } from '../../shared/domain/import-problems.js';

/** One problem the server found in an imported plan. */
export interface ApiProblem {
  /** Where, in English: a JSON Pointer, or "sheet Matrix, row 9, column J" ('' for the whole file). */
  path: string;
  /** The server's English sentence. */
  message: string;
  /** The workbook cell it is at (a workbook import), worded at render (L35). */
  at?: { sheet: string | null; row: number | null; column: string | null };
  /** The message's code (`gate:problems.<code>`, L35) and its parameters, when the server sent valid ones. */
  code?: ImportProblemCode;
  params?: Record<string, string | number>;
}

/** One problem of an untrusted error body: only well-formed fields are kept. */
function problemOf(p: Record<string, unknown>): ApiProblem {
  const out: ApiProblem = { path: problemPlace(p), message: String(p['message'] ?? '') };
  if (typeof p['path'] !== 'string') {
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
    out.at = { sheet: text(p['sheet']), row: typeof p['row'] === 'number' && Number.isInteger(p['row']) ? p['row'] : null, column: text(p['column']) };
  }
  const params = problemParamsOf(p['params'] ?? {});
  if (isProblemCodeShape(p['code']) && params) {
    out.code = p['code'];
    out.params = params;
  }
  return out;
}

/**
 * An answer that was not 2xx: the server's error code and parameters, the HTTP status, and as
 * `message` the error in the reader's language (`errors:<code>`, L7), or the server's English
 * message when this browser does not know the code.
 */
export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached (code `network`, {@link networkError}). */
  readonly status: number;
  /** The server's error code, or `http_<status>` when the body carried none. */
  readonly code: string;
  /** Problems listed by the server (an import), else empty. */
  readonly problems: ApiProblem[];
  /** The parameters of the message (numbers and short codes). */
  readonly params: Record<string, string | number>;
  /** The server's own (English) message. */
  readonly serverMessage: string;
  /** A shared command's refusal the answer carries (`refusals:<key>` and its params, L20), else null. */
  readonly refusal: Refusal | null;

  constructor(status: number, code: string, message: string, problems: ApiProblem[] = [], params: Record<string, string | number> = {}, refusal: Refusal | null = null) {
    super(errorText(code, params, message, refusal));
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problems = problems;
    this.params = params;
    this.serverMessage = message;
    this.refusal = refusal;
  }

  /**
   * The error in the reader's language now (`message` is worded when the answer came): call it in
   * `render()` so a language switch re-words it; `host` re-renders once refusal texts are in.
   */
  text(host?: Rerenders): string {
    return errorText(this.code, this.params, this.serverMessage, this.refusal, host);
  }
}

/**
 * An API error as the reader reads it (L7): `errors:<code>` in their language with its params
 * (`context` picks a variant, e.g. `unauthorized_revoked`), else `fallback` (the server's English).
 * A command's refusal (L20) words the `detail` param, or stands for the whole text when this browser
 * does not know the code or its message does not show the detail; until its texts are in, the
 * server's English detail shows.
 */
export function errorText(code: string, params: Record<string, string | number>, fallback: string, refusal?: Refusal | null, host?: Rerenders): string {
  const worded = refusal ? commandText(refusal, host) : '';
  if (!/^[a-z][a-z_]{0,63}$/.test(code)) return worded || fallback;
  const p = worded ? { ...params, detail: worded } : params;
  const context = typeof p['context'] === 'string' && /^[A-Za-z]{1,32}$/.test(p['context']) ? p['context'] : '';
  const key = context && i18nHas(errorKey(code, context)) ? errorKey(code, context) : i18nHas(errorKey(code)) ? errorKey(code) : '';
  if (!key) return worded || fallback;
  const text = t(key, p);
  // A message that does not frame the detail (`not_found`) says less than the refusal itself.
  return !worded || text.includes(worded) ? text : worded;
}

/** A command's refusal in an error body (untrusted): a `refusals:` key and well-formed params, else null. */
function refusalOf(v: unknown, message: string): Refusal | null {
  if (!isObject(v) || typeof v['key'] !== 'string' || !/^refusals:[A-Za-z]{1,64}$/.test(v['key'])) return null;
  return { key: v['key'], params: paramsOf(v['params']), message };
}

/** The well-formed parameters of an error body (untrusted: short strings and finite numbers only). */
function paramsOf(v: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!isObject(v)) return out;
  for (const [k, x] of Object.entries(v).slice(0, 20)) {
    if (typeof x === 'string') out[k] = x.slice(0, 500);
    else if (typeof x === 'number' && Number.isFinite(x)) out[k] = x;
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Where a problem is: the JSON Pointer of a JSON import, or "sheet Matrix, row 9, column J" of
 * a workbook import ('' for the whole file).
 */
function problemPlace(p: Record<string, unknown>): string {
  if (typeof p['path'] === 'string') return p['path'];
  const parts = [typeof p['sheet'] === 'string' ? `sheet ${p['sheet']}` : '', typeof p['row'] === 'number' ? `row ${p['row']}` : '', typeof p['column'] === 'string' ? `column ${p['column']}` : ''];
  return parts.filter(Boolean).join(', ');
}

/** Reads the server's error body (untrusted: only well-formed strings are kept). */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const fallback = `${res.status} ${res.statusText}`;
  const body: unknown = await res.json().catch(() => null);
  const error = isObject(body) && isObject(body['error']) ? body['error'] : {};
  const message = typeof error['message'] === 'string' ? error['message'] : fallback;
  const code = typeof error['code'] === 'string' ? error['code'] : `http_${res.status}`;
  const problems = Array.isArray(error['problems']) ? error['problems'].filter(isObject).map(problemOf) : [];
  const params = paramsOf(error['params']);
  const detail = typeof params['detail'] === 'string' ? params['detail'] : message;
  return new ApiError(res.status, code, message, problems, params, refusalOf(error['refusal'], detail));
}

/** The English sentence of an unreachable server (logs, and the reader's words until `refusals` is in). */
const NETWORK_MESSAGE = 'The server cannot be reached (this device may be offline): this request was not sent. Try again once the connection is back; edits to the plan itself are kept on this device and sent then.';

/**
 * The error of a request that never got an answer (fetch rejected: offline, server down, DNS,
 * refused connection; L39): an {@link ApiError} with status 0, code `network`, worded from
 * `refusals:network` in the reader's language (never the browser's own "Failed to fetch"); the
 * browser's error is kept as `cause`.
 */
export function networkError(cause: unknown): ApiError {
  const e = new ApiError(0, 'network', NETWORK_MESSAGE, [], {}, { key: 'refusals:network', message: NETWORK_MESSAGE });
  (e as Error & { cause?: unknown }).cause = cause;
  return e;
}

/** `doFetch(url, init)`, its rejection (but a cancel by the caller's AbortSignal) made a {@link networkError}. */
export async function send(doFetch: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await doFetch(url, init);
  } catch (err) {
    if ((err as { name?: unknown } | null)?.name === 'AbortError') throw err;
    throw networkError(err);
  }
}

/** The content type of an Excel workbook. */
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The name people chose (sent as X-Actor-Name) — set by the workspace from the identity. */
let actorName = '';
/** Sets the name sent with every request from now on. */
export function setActorName(name: string): void {
  actorName = name;
}

/** The participant id of this page's person (sent as X-Participant: the server names comments by it, SPEC CM9). */
let participantId = '';
/** Sets the participant id sent with every plan request from now on. */
export function setParticipantId(id: string): void {
  participantId = id;
}

/** Header values must be Latin-1; other names are sent in the JSON body where a route takes one. */
const headerSafe = (s: string) => /^[\u0020-\u007e\u00a0-\u00ff]*$/.test(s);

/** `X-Actor-Name` for requests that are not plan routes (creating and importing). */
export function actorHeaders(): Record<string, string> {
  return actorName && headerSafe(actorName) ? { 'x-actor-name': actorName } : {};
}

/** Headers for a plan route: the token given (or the strongest held) and the person's name. */
export function planHeaders(planId: string, token?: string): Record<string, string> {
  const t = token ?? strongest(heldPlan(planId))?.token;
  const h: Record<string, string> = {};
  if (t) h['authorization'] = `Bearer ${t}`;
  if (participantId) h['x-participant'] = participantId;
  return { ...h, ...actorHeaders() };
}

/** How one request is sent. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; a string is sent as it is (already JSON). */
  body?: unknown;
  /** An Excel workbook sent as the body, as it is (instead of `body`). */
  workbook?: Blob;
  /** The plan whose token to send (the strongest held unless `token` is given). */
  planId?: string;
  token?: string;
  /** The fetch to use (tests). */
  fetch?: typeof fetch;
}

/** Sends one request; resolves with the response when it is 2xx, else rejects with an {@link ApiError} (status 0, code `network`, when no answer came). */
export async function request(url: string, opts: RequestOptions = {}): Promise<Response> {
  const headers = opts.planId !== undefined ? planHeaders(opts.planId, opts.token) : actorHeaders();
  let body: string | Blob | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (opts.workbook) {
    body = opts.workbook;
    headers['content-type'] = XLSX_TYPE;
  }
  const doFetch = opts.fetch ?? fetch;
  const res = await send(doFetch, url, { method: opts.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
  if (!res.ok) throw await apiErrorOf(res);
  return res;
}

/** `/api/plans/<id><path>` */
export const planUrl = (planId: string, path = '') => `/api/plans/${encodeURIComponent(planId)}${path}`;
/** What the server says about a plan to a token holder. */
export interface PlanInfo {
  title: string;
  updatedAt: string;
  role: Role;
}

/** A plan created, imported or forked: its address and its invite links. */
export interface CreatedPlan {
  id: string;
  title: string;
  updatedAt?: string;
  url: string;
  links: Record<Role, string>;
  /** What an import left out or changed (no named scores, a review unbound from a missing snapshot; SPEC XL3, XL5), in English. */
  notes?: string[];
  /** The same notes as codes and parameters, for the reader's language (SPEC L27; `client/import-notes.ts`). */
  importNotes?: ImportNote[];
}

/** One invite link of a plan as the share panel lists it. */
export interface LinkInfo {
  id: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  /** Who the link is for ('' for none). */
  label: string;
}

export type { ArchivedInfo } from '../../shared/domain/archive.js';

/** One entry of a plan's audit trail. */
export interface AuditEvent {
  at: string;
  action: string;
  actor: { role: string; linkId: string | null; name: string };
  detail: Record<string, string | number | boolean | null>;
}

/** A semantic diff between two versions (`live` is the live plan). */
export interface VersionDiff extends PlanDiff {
  from: string;
  to: string;
}

/** A donor activity as `POST /api/plans/:id/iati` lists it (see server/iati/donor.ts). */
export interface DonorActivity {
  identifier: string;
  title: string;
  reportingOrg: { ref: string; type: string; name: string };
  participatingOrgs: { ref: string; type: string; name: string; role: string; roleName: string; activityId: string }[];
  currency: string;
  budgets: { type: string; status: string; start: string; end: string; amount: number; currency: string; valueDate: string }[];
  totals: { type: string; typeName: string; currency: string; amount: number; count: number }[];
}

/** One entry of the change journal (`GET /api/plans/:id/history`). */
export type { HistoryEntry } from '../../shared/history.js';

/** Saves a blob as a file named `name` through a temporary `<a download>`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What opening a plan page found out about this browser's access. */
export type AccessResult =
  | { kind: 'ok'; token: string; role: Role; title: string; offline: boolean }
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string };

/**
 * Finds the token to open a plan with: confirms a token just taken from a link (learning its
 * role), then uses the strongest token held, dropping any the server no longer accepts. Offline,
 * the strongest token held is used with the role last confirmed.
 */
export async function resolveAccess(planId: string, doFetch: typeof fetch = (...a) => fetch(...a)): Promise<AccessResult> {
  const verified = new Map<string, { role: Role; title: string }>();
  let dropped = false;
  for (let i = 0; i < 8; i++) {
    const p = heldPlan(planId);
    const next = p?.pending ? { token: p.pending, role: null } : strongest(p);
    const known = next && verified.get(next.token);
    if (next && known) return { kind: 'ok', token: next.token, role: known.role, title: known.title, offline: false };
    let res: Response;
    try {
      res = await request(planUrl(planId), { planId, token: next?.token ?? '', fetch: doFetch });
    } catch (err) {
      if (!(err instanceof ApiError) || err.code === 'network') {
        const s = strongest(p);
        if (!s) return { kind: 'none' };
        return { kind: 'ok', token: s.token, role: s.role ?? p?.role ?? 'observer', title: p?.title ?? '', offline: true };
      }
      if (err.status === 404) return { kind: 'not-found' };
      if (!next) return dropped ? { kind: 'invalid' } : { kind: 'none' };
      if (err.status !== 401) return { kind: 'error', message: err.message };
      dropToken(planId, next.token);
      dropped = true;
      continue;
    }
    if (!next) return dropped ? { kind: 'invalid' } : { kind: 'none' };
    const info = (await res.json()) as PlanInfo;
    if (!(ROLES as readonly unknown[]).includes(info.role)) return { kind: 'error', message: t('shell:closes.unknownRole') };
    confirmToken(planId, next.token, { role: info.role, title: info.title, updatedAt: info.updatedAt });
    verified.set(next.token, { role: info.role, title: info.title });
  }
  return { kind: 'error', message: t('shell:closes.unchecked') };
}

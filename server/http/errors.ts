import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CommandError, Result } from '../../shared/result.js';
import type { Logger } from '../log.js';
import { SnapshotError } from '../store/snapshot-store.js';
import { HeavyWorkError } from '../work/pool.js';
import { isStorageUnavailable } from '../store/pg/connect.js';

/** Parameters of an error message (L5): numbers and short codes the browser's `errors:<code>` message fills in. */
export type ErrorParams = Record<string, string | number>;

/**
 * An expected refusal of a request: thrown anywhere below a route, answered by `app.onError`
 * as `{ error: { code, message, params, ...extra } }` with `status`. `code` is stable and names
 * the browser's message `errors:<code>` (L7); `extra.params` fills it (a `context` param picks a
 * variant such as `unauthorized_revoked`); `message` stays English for API users and logs.
 * `extra` also carries details such as the `problems` of a refused import.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sends the one error shape every route uses: `{ error: { code, message, params, ...extra } }` (`params` always present). */
export function sendError(c: Context, err: ApiError): Response {
  return c.json({ error: { code: err.code, message: err.message, params: {}, ...err.extra } }, err.status);
}

/** A heavy job's refusal (an import, export or IATI file) as the API error it answers with: its code, params and problems. */
export function refusal(result: { status: ContentfulStatusCode; code: string; message: string; problems?: unknown[]; params?: ErrorParams }): ApiError {
  return new ApiError(result.status, result.code, result.message, { ...(result.params ? { params: result.params } : {}), ...(result.problems ? { problems: result.problems } : {}) });
}

/** Status and API code of each way a snapshot operation fails. */
const SNAPSHOT_ERRORS: Record<SnapshotError['code'], [ContentfulStatusCode, string]> = {
  not_found: [404, 'snapshot_not_found'],
  endorsed: [409, 'snapshot_endorsed'],
  tampered: [500, 'snapshot_tampered'],
  invalid: [400, 'invalid_snapshot'],
};

/** Status of each refusal code of a shared command (`Result` failures). */
const COMMAND_STATUS: Record<CommandError['code'], ContentfulStatusCode> = {
  'not-found': 404,
  invalid: 400,
  level: 400,
  locked: 409,
  archived: 409,
};

/**
 * What an error answer carries of a command's refusal (L20): its English sentence as the `detail`
 * param (of `errors:<code>` frames such as `command_invalid`), and, when the command words it,
 * `refusal: { key, params }` (a `refusals:` message and its parameters) from which the browser
 * words the detail in the reader's language. `detail` overrides the sentence (a route's own frame).
 */
export function commandRefusal(error: CommandError, detail: string = error.message): Record<string, unknown> {
  return { params: { detail }, ...(error.key ? { refusal: { key: error.key, params: error.params ?? {} } } : {}) };
}

/**
 * The value of a shared command's `Result`, or throws its refusal as an ApiError (code
 * `command_<code>`, status 404 not-found, 409 locked/archived, otherwise 400) with the words of
 * {@link commandRefusal}.
 */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  throw new ApiError(COMMAND_STATUS[code], `command_${code.replace('-', '_')}`, message, commandRefusal(result.error));
}

/** What a request hears while the database is away (restarting, unreachable). */
export const STORAGE_UNAVAILABLE = 'The database cannot be reached right now (it may be restarting). Nothing was changed; try again in a moment.';

/** The ApiError a thrown value stands for, or null when it is not an expected refusal. */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof SnapshotError) {
    const [status, code] = SNAPSHOT_ERRORS[err.code];
    return new ApiError(status, code, err.message);
  }
  if (err instanceof HeavyWorkError) return new ApiError(503, err.code, err.message);
  // Hono's own refusals (a body past bodyLimit...): their text is English only.
  if (err instanceof HTTPException) return new ApiError(err.status as ContentfulStatusCode, 'http_error', err.message);
  if (isStorageUnavailable(err)) return new ApiError(503, 'storage_unavailable', STORAGE_UNAVAILABLE);
  return null;
}

/**
 * `app.onError`: expected refusals (ApiError, SnapshotError, HeavyWorkError, HTTPException, a
 * database that is away: 503 `storage_unavailable`, logged as a warning) become their JSON
 * error; anything else is logged and answered 500 without internals.
 */
export function errorHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    const known = toApiError(err);
    if (known?.code === 'storage_unavailable') log.warn('request refused: the database is unavailable', { path: c.req.path, error: String(err) });
    if (known) return sendError(c, known);
    log.error('request failed', { path: c.req.path, error: String(err) });
    return sendError(c, new ApiError(500, 'internal', 'Something went wrong on the server. Nothing was changed.'));
  };
}

/** `app.notFound`: 404 `not_found` naming the method and path. */
export const notFound: NotFoundHandler = (c) => sendError(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));

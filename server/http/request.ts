import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cleanName } from '../access/auth.js';
import { ApiError } from './errors.js';

/**
 * Middleware refusing a body over `maxBytes` with 413 `too_large` (by Content-Length, or while
 * reading a body sent without one), before any other check of the route runs.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'too_large', `Request bodies are limited to ${maxBytes} bytes.`, { params: { max: maxBytes } });
    },
  });
}

/** The request body parsed as JSON; throws 400 `invalid_json` saying why it is not. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** The request body parsed as JSON, or undefined when it is empty or not JSON (optional bodies). */
export async function readOptionalJson(c: Context): Promise<unknown> {
  try {
    return await readJson(c);
  } catch (err) {
    if (err instanceof ApiError) return undefined;
    throw err;
  }
}

/** The body as a plain object's fields; `{}` for null, arrays and scalars. */
export function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The `X-Actor-Name` pseudonym a request carries (printable, trimmed, may be empty). */
export const actorName = (c: Context): string => cleanName(c.req.header('x-actor-name'));

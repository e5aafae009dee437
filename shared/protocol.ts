/**
 * Wire facts shared by the server and the browser. The framing is the stock y-websocket one,
 * so the unmodified `WebsocketProvider` is a valid client.
 */

/** First varint of every websocket frame. */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Roundtable's acknowledgement of durably stored updates (server to client only), sent only
   * to connections that asked for it with `?ack=1` (a stock provider logs an error for an
   * unknown type, so it never gets one). Payload: `varuint count`, the number of document
   * update messages (sync step 2 and update) this connection has sent whose content is now
   * durably stored (cumulative per connection, never decreasing). See README "Acknowledged saves".
   */
  ack: 7,
} as const;

/** The sync URL's query parameter (and value) that asks for acknowledgements. */
export const ACK_PARAM = 'ack';

/**
 * Close codes the server uses. 1009 is the standard "message too big"; the 44xx codes mirror
 * HTTP statuses so they read naturally in logs.
 */
export const CLOSE = {
  /** Server is shutting down; the client should reconnect later. */
  goingAway: 1001,
  /** A frame larger than MAX_MESSAGE_BYTES (sent by the `ws` library itself). */
  tooBig: 1009,
  /**
   * Transient overload: the connection read too slowly (send buffer past MAX_BUFFERED_BYTES) or
   * sent too many frames while its plan was loading. Reconnecting is fine.
   */
  tryAgainLater: 1013,
  /** Malformed or truncated frame, or an unknown message type. */
  badMessage: 4400,
  /** Missing or wrong token. */
  unauthorized: 4401,
  /** Valid token, but its role lacks the right (or the link was revoked). */
  forbidden: 4403,
  /** The plan does not exist, or the id is not a valid id shape. */
  planNotFound: 4404,
  /**
   * A document update broke a rule of the update gate (shared/rules/update-gate.ts, SPEC G1-G10)
   * and was refused whole: nothing of it was applied, stored or relayed. The close reason is the
   * rule and its code, e.g. `G6 foreign-score`. Permanent: the same update would be refused again.
   */
  refusedUpdate: 4422,
  /** The server failed while handling the connection. */
  serverError: 4500,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/**
 * Codes after which reconnecting cannot help: the client must stop, not retry forever.
 * All are in 4400..4499, the range the stock y-websocket 3 client already treats as final;
 * 1001, 1009, 1013 and 4500 are transient.
 */
export const PERMANENT_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE.badMessage,
  CLOSE.unauthorized,
  CLOSE.forbidden,
  CLOSE.planNotFound,
  CLOSE.refusedUpdate,
]);

/** True when a close code means "do not reconnect". */
export function isPermanentClose(code: number): boolean {
  return PERMANENT_CLOSE_CODES.has(code);
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ACK_PARAM, CLOSE } from '../../shared/protocol.js';
import type { LinkStore } from '../access/access-store.js';
import { authorizePlanAccess, cleanName, planDenial } from '../access/auth.js';
import { can } from '../../shared/access.js';
import { isId } from '../../shared/ids.js';
import type { Sessions } from '../access/sessions.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PlanStorage } from '../store/storage.js';
import { isStorageUnavailable } from '../store/pg/connect.js';
import type { Registry } from './registry.js';
import { WsConn } from './ws-conn.js';

/** How often the server pings; a connection that missed the previous pong is dropped. */
const PING_INTERVAL_MS = 30_000;

export interface SyncDeps {
  store: PlanStorage;
  access: LinkStore;
  sessions: Sessions;
  registry: Registry;
  config: Config;
  log: Logger;
}

/**
 * Serves the y-websocket protocol at `/sync/<planId>` on an HTTP server. Unknown plans and
 * malformed ids are refused with CLOSE.planNotFound after the upgrade, so the stock client
 * sees a close code (and stops). Frames that arrive while the plan loads are held (bounded
 * by count and by 2 x MAX_MESSAGE_BYTES) and handled in order once it is ready.
 */
export function attachSync(server: Server, deps: SyncDeps): { close(): void; connections(): number } {
  const { config, log } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
  const conns = new Set<WsConn>();
  const perIp = new Map<string, number>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/sync\/([^/]*)$/.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let planId = '';
    try {
      planId = decodeURIComponent(match[1]!);
    } catch {
      planId = '';
    }
    const token = url.searchParams.get('token');
    const name = cleanName(url.searchParams.get('name'));
    // The participant whose score cells this connection writes (update gate G6); not a secret.
    const participant = url.searchParams.get('participant');
    // Acknowledged saves (README "Acknowledged saves"): only clients that ask get MESSAGE.ack.
    const wantsAck = url.searchParams.get(ACK_PARAM) === '1';
    const ip = req.socket.remoteAddress ?? '?';
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, planId, token, name, ip, isId(participant) ? participant : null, wantsAck));
  });

  function onConnection(ws: WebSocket, planId: string, token: string | null, name: string, ip: string, participantId: string | null, wantsAck: boolean): void {
    ws.binaryType = 'nodebuffer';
    // Unknown plans are refused before the per-address cap counts them (same check as HTTP).
    if (planDenial(deps, planId)) {
      ws.close(CLOSE.planNotFound, 'unknown plan');
      return;
    }
    const open = perIp.get(ip) ?? 0;
    if (open >= config.maxConnectionsPerIp) {
      ws.close(CLOSE.tryAgainLater, 'too many connections from this address');
      return;
    }
    perIp.set(ip, open + 1);
    const conn = new WsConn(ws, config.maxFramesPerSecond, 2 * config.maxMessageBytes, deps.registry.frames);
    conn.participantId = participantId;
    conn.wantsAck = wantsAck;
    conns.add(conn);
    let leaveSession: (() => void) | null = null;

    ws.on('message', (data: RawData, isBinary: boolean) => conn.onMessage(data, isBinary));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err) => log.debug('websocket error', { plan: planId, error: String(err) }));
    ws.on('close', () => {
      conn.closed = true;
      conns.delete(conn);
      const n = (perIp.get(ip) ?? 1) - 1;
      if (n <= 0) perIp.delete(ip);
      else perIp.set(ip, n);
      leaveSession?.();
      conn.room?.disconnect(conn);
    });
    const answerEarly = (state: Uint8Array) => conn.answerEarly(state);

    // Who is this? Nothing of the plan is sent before the token is checked.
    // The same check as every HTTP plan route (server/access/auth.ts): id, plan, token.
    authorizePlanAccess(deps, planId, token, name)
      .then((decided) => {
        if (conn.closed) return null;
        if (!decided.ok) {
          if (decided.denial === 'unauthorized') conn.close(CLOSE.unauthorized, token ? 'invalid or revoked token' : 'token required');
          else conn.close(CLOSE.planNotFound, 'unknown plan');
          return null;
        }
        const { grant } = decided;
        conn.canWrite = can(grant.role, 'write');
        conn.canFacilitate = can(grant.role, 'facilitate');
        conn.actor = grant.actor;
        if (grant.actor.linkId) leaveSession = deps.sessions.add(planId, grant.actor.linkId, conn);
        return deps.registry.get(planId, answerEarly);
      })
      .then(
      (r) => {
        if (!r || conn.closed) return;
        conn.join(r);
      },
      (err: unknown) => {
        // The database away (restarting): the stock client reconnects with back-off and resends.
        if (isStorageUnavailable(err)) {
          log.warn('connection refused for now: the database is unavailable', { plan: planId, error: String(err) });
          conn.close(CLOSE.serverError, 'database unavailable, try again');
          return;
        }
        log.error('plan failed to load', { plan: planId, error: String(err) });
        conn.close(CLOSE.serverError, 'plan failed to load');
      },
    );
  }

  const pinger = setInterval(() => {
    for (const conn of conns) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  return {
    close() {
      clearInterval(pinger);
      for (const conn of conns) conn.close(CLOSE.goingAway, 'server shutting down');
      wss.close();
    },
    connections: () => conns.size,
  };
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isId } from '../../shared/ids.js';
import { CLOSE } from '../../shared/protocol.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PlanStore } from '../store/plan-store.js';
import type { Registry } from './registry.js';
import type { Conn, Room } from './room.js';

/** Frames held per connection while its plan loads. */
const MAX_HELD_FRAMES = 1_000;
/** How often the server pings; a connection that missed the previous pong is dropped. */
const PING_INTERVAL_MS = 30_000;

class WsConn implements Conn {
  closed = false;
  alive = true;
  constructor(
    readonly ws: WebSocket,
    readonly canWrite: boolean,
  ) {}
  send(data: Uint8Array): void {
    this.ws.send(data);
  }
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }
}

export interface SyncDeps {
  store: PlanStore;
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
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, planId));
  });

  function onConnection(ws: WebSocket, planId: string): void {
    ws.binaryType = 'nodebuffer';
    if (!isId(planId) || !deps.store.has(planId)) {
      ws.close(CLOSE.planNotFound, 'unknown plan');
      return;
    }
    const conn = new WsConn(ws, true);
    conns.add(conn);
    let room: Room | null = null;
    let held: Uint8Array[] | null = [];
    let heldBytes = 0;

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (conn.closed) return;
      if (!isBinary) {
        conn.close(CLOSE.badMessage, 'text frames are not part of the protocol');
        room?.disconnect(conn);
        return;
      }
      const bytes = toBytes(data);
      if (room) {
        room.receive(conn, bytes);
        return;
      }
      held!.push(bytes);
      heldBytes += bytes.byteLength;
      if (held!.length > MAX_HELD_FRAMES || heldBytes > 2 * config.maxMessageBytes) {
        conn.close(CLOSE.tryAgainLater, 'too many frames while the plan loads');
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err) => log.debug('websocket error', { plan: planId, error: String(err) }));
    ws.on('close', () => {
      conn.closed = true;
      conns.delete(conn);
      room?.disconnect(conn);
    });

    deps.registry.get(planId).then(
      (r) => {
        if (conn.closed) return;
        room = r;
        r.connect(conn);
        const frames = held!;
        held = null;
        for (const f of frames) r.receive(conn, f);
      },
      (err: unknown) => {
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

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

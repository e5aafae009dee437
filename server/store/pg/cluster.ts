import pg from 'pg';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE } from '../../../shared/protocol.js';
import type { Sessions } from '../../access/sessions.js';
import type { Logger } from '../../log.js';
import type { Room, RoomHook } from '../../sync/room.js';
import { LOG_CHANNEL, PLANS_CHANNEL, type PgStorage } from '../pg-storage.js';

/** NOTIFY channel of forwarded presence; payload `<node> <plan> <base64 awareness update>` or `<node> <plan> ?` (a query). */
export const PRESENCE_CHANNEL = 'rt_presence';
/** NOTIFY channel of revoked links; payload `<node> <plan> <link id>`. */
export const REVOKE_CHANNEL = 'rt_revoke';

/** Presence of one room is forwarded at most once per this many milliseconds per node (CL3). */
export const PRESENCE_FORWARD_MS = 100;
/** Largest NOTIFY payload this node sends (PostgreSQL's limit is 8000 bytes). */
export const MAX_NOTIFY_BYTES = 7_500;
/** At most this many NOTIFY messages per room and forwarding window; more presence waits for the next window. */
export const MAX_PRESENCE_CHUNKS = 8;

/** Settings of {@link PgCluster}. */
export interface ClusterOptions {
  /** The database URL (the listening connection is opened on it). */
  url: string;
  store: PgStorage;
  /** The loaded room of a plan on this node, or undefined (presence of plans not loaded here is ignored). */
  room(planId: string): Room | undefined;
  sessions: Sessions;
  log: Logger;
  /** Catch-up poll interval (the backstop for lost notifications), ms; default 1000. */
  pollMs?: number;
  /** The plan list is read again every this many polls; default 10. */
  indexEvery?: number;
}

/**
 * Several Roundtable nodes on one PostgreSQL database (issue 17, SPEC CL1-CL4). One dedicated
 * connection LISTENs for:
 * - `rt_log` (`<node> <plan> <head>`, sent by the append statement itself): an open plan whose
 *   handle holds fewer rows catches up by sequence number (CL1);
 * - `rt_plans`: a plan created or deleted elsewhere is read again into the plan list;
 * - `rt_presence`: another node's connections' presence, applied to the room here (CL3);
 * - `rt_revoke`: a link revoked elsewhere closes its sessions here (CL4).
 * Notifications are hints, never the data: a lost one (the listening connection dropped, the
 * database restarted) only delays. The connection is re-opened with back-off and every open
 * plan then catches up; a poll every `pollMs` compares every open plan's head with the
 * database (one query) and catches up what is behind, and re-reads the plan list every
 * `indexEvery` polls.
 */
export class PgCluster {
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly pollTimer: NodeJS.Timeout;
  private polls = 0;
  private backoff = 100;
  /** Per plan: the presence forwarder of its room on this node. */
  private readonly forwarders = new Map<string, PresenceForwarder>();
  /** Notifications received (for tests and health). */
  readonly stats = { notifications: 0, caughtUp: 0, listens: 0 };

  constructor(private readonly opts: ClusterOptions) {
    opts.sessions.onClose = (planId, linkId) => this.notify(REVOKE_CHANNEL, `${this.node} ${planId} ${linkId}`);
    this.pollTimer = setInterval(() => void this.poll(), opts.pollMs ?? 1_000);
    this.pollTimer.unref();
    void this.listen();
  }

  /** This node's id in every payload. */
  get node(): string {
    return this.opts.store.node;
  }

  /** True while the listening connection is open (for tests and health). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** The room hook that forwards a room's presence to the other nodes and asks them for theirs on load. */
  hook(): RoomHook {
    return {
      onConnect: (room) => {
        if (this.forwarders.get(room.id)?.room === room) return;
        this.forwarders.set(room.id, new PresenceForwarder(room, (payload) => this.notify(PRESENCE_CHANNEL, `${this.node} ${room.id} ${payload}`)));
        // A room just loaded here: the other nodes send the presence of their connections.
        this.notify(PRESENCE_CHANNEL, `${this.node} ${room.id} ?`);
      },
      afterPresence: (room, clients) => this.forwarders.get(room.id)?.changed(clients),
      onClose: (room) => this.dropForwarder(room),
      onDiscard: (room) => this.dropForwarder(room),
    };
  }

  private dropForwarder(room: Room): void {
    const f = this.forwarders.get(room.id);
    if (f?.room !== room) return;
    f.stop();
    this.forwarders.delete(room.id);
  }

  /** Sends a notification (fire and forget: a lost one is repaired by the poll or the clients' renewals). */
  private notify(channel: string, payload: string): void {
    this.opts.store.pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((err: unknown) => {
      this.opts.log.debug('notification not sent', { channel, error: String(err) });
    });
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'roundtable' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => this.received(msg.channel, msg.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${LOG_CHANNEL}; LISTEN ${PLANS_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}; LISTEN ${REVOKE_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoff = 100;
    this.stats.listens++;
    // Whatever was notified while nobody listened: catch up now.
    await this.poll(true);
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    this.opts.log.warn('lost the PostgreSQL notification connection; reconnecting (open plans catch up by polling meanwhile)', { error: String(err) });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen();
    }, this.backoff);
    this.reconnectTimer.unref();
    this.backoff = Math.min(this.backoff * 2, 5_000);
  }

  /** Handles one notification; malformed payloads are ignored (they come from the database, not from users). */
  private received(channel: string, payload: string): void {
    const [node, plan, rest] = splitPayload(payload);
    if (!plan || node === this.node) return;
    this.stats.notifications++;
    const { store, log } = this.opts;
    switch (channel) {
      case LOG_CHANNEL: {
        const head = Number(rest);
        if (Number.isSafeInteger(head)) this.catchUp(plan, head);
        return;
      }
      case PLANS_CHANNEL:
        store.refreshPlan(plan).catch((err: unknown) => log.warn('could not read a plan another node changed', { plan, error: String(err) }));
        return;
      case PRESENCE_CHANNEL: {
        const f = this.forwarders.get(plan);
        if (!f) return;
        if (rest === '?') f.resend();
        else f.applyPeer(rest ?? '', log);
        return;
      }
      case REVOKE_CHANNEL:
        if (rest) this.opts.sessions.closeHere(plan, rest, CLOSE.forbidden, 'invite link revoked');
        return;
    }
  }

  private catchUp(plan: string, head = Infinity): void {
    const handle = this.opts.store.followed.get(plan);
    if (!handle || head <= handle.seq) return;
    this.stats.caughtUp++;
    handle.catchUp(head).catch((err: unknown) => this.opts.log.warn('catching up with another node failed; the next poll retries', { plan, error: String(err) }));
  }

  /** Catches up every open plan that is behind the database; re-reads the plan list now and then. */
  private async poll(index = false): Promise<void> {
    if (this.stopped) return;
    const { store, log } = this.opts;
    try {
      const ids = [...store.followed.keys()];
      if (ids.length > 0) {
        const { rows } = await store.pool.query<{ id: string; head_seq: string }>('SELECT id, head_seq FROM plans WHERE id = ANY($1)', [ids]);
        for (const r of rows) this.catchUp(r.id, Number(r.head_seq));
      }
      if (index || ++this.polls % (this.opts.indexEvery ?? 10) === 0) await store.refreshIndex();
    } catch (err) {
      log.debug('catch-up poll failed (the database may be restarting)', { error: String(err) });
    }
  }

  /** Stops listening and polling (before the store closes). */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const f of this.forwarders.values()) f.stop();
    this.forwarders.clear();
    this.opts.sessions.onClose = null;
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }
}

/** `<node> <plan> <rest>` (rest may hold no spaces except in nothing we send). */
function splitPayload(payload: string): [string, string, string | undefined] {
  const a = payload.indexOf(' ');
  if (a < 0) return ['', '', undefined];
  const b = payload.indexOf(' ', a + 1);
  return b < 0 ? [payload.slice(0, a), payload.slice(a + 1), undefined] : [payload.slice(0, a), payload.slice(a + 1, b), payload.slice(b + 1)];
}

/**
 * Forwards the presence of one room's own connections to the other nodes (SPEC CL3): changed
 * ids are gathered and sent at most once per PRESENCE_FORWARD_MS, as awareness updates of at
 * most MAX_NOTIFY_BYTES each and at most MAX_PRESENCE_CHUNKS per window (the rest waits for the
 * next window). Applies what other nodes forward through `Room.applyPeerPresence`, which keeps
 * the presence guard's rules (ids a connection here controls are never overwritten).
 */
class PresenceForwarder {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  /** Ids of this node's connections, so a query can be answered with all of them. */
  private readonly mine = new Set<number>();

  constructor(
    readonly room: Room,
    private readonly send: (payload: string) => void,
  ) {}

  changed(clients: readonly number[]): void {
    for (const c of clients) {
      this.dirty.add(c);
      if (this.room.awareness.getStates().has(c)) this.mine.add(c);
      else this.mine.delete(c);
    }
    this.schedule();
  }

  /** Another node loaded the room: send every id of this node's connections. */
  resend(): void {
    for (const c of this.mine) this.dirty.add(c);
    this.schedule();
  }

  applyPeer(base64: string, log: Logger): void {
    try {
      this.room.applyPeerPresence(new Uint8Array(Buffer.from(base64, 'base64')));
    } catch (err) {
      log.debug('ignored malformed presence from another node', { plan: this.room.id, error: String(err) });
    }
  }

  private schedule(): void {
    if (this.timer || this.dirty.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, PRESENCE_FORWARD_MS);
    this.timer.unref();
  }

  private flush(): void {
    let chunks = 0;
    let batch: number[] = [];
    let bytes = 0;
    const sendBatch = () => {
      if (batch.length === 0) return;
      this.send(Buffer.from(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, batch)).toString('base64'));
      for (const c of batch) this.dirty.delete(c);
      chunks++;
      batch = [];
      bytes = 0;
    };
    for (const c of [...this.dirty]) {
      if (chunks >= MAX_PRESENCE_CHUNKS) break;
      const state = this.room.awareness.getStates().get(c);
      // base64 grows 4/3; a few bytes of framing per entry.
      const size = Math.ceil(((state === undefined ? 4 : JSON.stringify(state).length) + 16) * 1.34);
      if (size > MAX_NOTIFY_BYTES - 64) {
        this.dirty.delete(c); // cannot happen within PR1's size limit; never sent rather than split
        continue;
      }
      if (bytes + size > MAX_NOTIFY_BYTES - 64) sendBatch();
      if (chunks >= MAX_PRESENCE_CHUNKS) break;
      batch.push(c);
      bytes += size;
    }
    sendBatch();
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

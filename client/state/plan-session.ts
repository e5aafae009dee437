import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ROOT } from '../../shared/schema/roots.js';
import { connectPlan, shellStatusChanged, type Connection, type ConnectionStatus, type StatusSource } from '../sync/connect.js';
import { canFacilitate, dropToken, takeTokenFromUrl, type Role } from './access.js';
import { resolveAccess, setActorName, setParticipantId } from './api.js';
import { pageParticipantId, type Identity } from './identity.js';
import { Workspace } from './workspace.js';

/**
 * Where opening the plan stands: checking the invite link, no link held, the link was refused,
 * no such plan, an error, or ready (connected with a role).
 */
export type Gate = 'checking' | 'none' | 'invalid' | 'not-found' | 'error' | 'ready';

/**
 * One plan opened in this browser: checks the invite link held for it (learning this person's
 * role), connects with it, and keeps the person's {@link Workspace} once they have said who they
 * are. Every change of its state asks the host element to render again; closing (or the host
 * leaving the page) disconnects.
 */
export class PlanSession implements ReactiveController, StatusSource {
  gate: Gate = 'checking';
  /** The error (gate `error`), or what was wrong with a pasted link. */
  gateMessage = '';
  /** The role the server confirmed (null until then). */
  role: Role | null = null;
  /** The plan's title as the server knows it ('' until then). */
  title = '';
  status: ConnectionStatus = { state: 'connecting', unsynced: 0, local: false, settled: false, refusal: null, code: 0 };

  private readonly host: ReactiveControllerHost;
  private conn: Connection | null = null;
  private ws: Workspace | null = null;
  private openedFor = '';
  private identity: Identity | null = null;
  private offStatus: (() => void) | null = null;
  /** The invite token the connection opened with. */
  private token = '';
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();

  private readonly onWorkspace: (ws: Workspace) => void;

  /** `onWorkspace` is told of each workspace started (to announce what the person looks at). */
  constructor(host: ReactiveControllerHost, onWorkspace: (ws: Workspace) => void = () => {}) {
    this.host = host;
    this.onWorkspace = onWorkspace;
    host.addController(this);
  }

  /** The plan opened (or being opened), '' when closed. */
  get planId(): string {
    return this.openedFor;
  }

  /** The plan's country code from the synced doc, or '' (before sync, or none set). */
  get country(): string {
    const c = this.conn?.doc.getMap(ROOT.meta).get('country');
    return typeof c === 'string' ? c : '';
  }

  /** The person's workspace; null until connected and they have said who they are. */
  get workspace(): Workspace | null {
    return this.ws;
  }

  /** Follows every status change, the save state's counts included (the host renders only on {@link shellStatusChanged}). */
  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** Checks this browser's invite link for the plan, then connects with it as `identity`. */
  open(planId: string, identity: Identity | null): void {
    this.close();
    this.openedFor = planId;
    this.identity = identity;
    this.gate = 'checking';
    this.host.requestUpdate();
    takeTokenFromUrl(planId);
    void resolveAccess(planId).then(
      (r) => {
        if (this.openedFor !== planId || this.conn) return;
        if (r.kind !== 'ok') {
          this.gate = r.kind;
          this.gateMessage = r.kind === 'error' ? r.message : '';
        } else {
          this.role = r.role;
          this.title = r.title;
          this.gate = 'ready';
          this.connect(planId, r.token);
        }
        this.host.requestUpdate();
      },
      (err: unknown) => {
        this.gate = 'error';
        this.gateMessage = err instanceof Error ? err.message : String(err);
        this.host.requestUpdate();
      },
    );
  }

  private connect(planId: string, token: string): void {
    if (this.identity) setActorName(this.identity.name);
    setParticipantId(this.identity?.id ?? pageParticipantId());
    // Observers' writes are never stored, so they ask for no acknowledgements.
    const conn = connectPlan(planId, { token, role: this.role ?? undefined, name: this.identity?.name ?? '', participant: this.identity?.id ?? pageParticipantId(), ack: this.role !== 'observer' });
    this.conn = conn;
    this.token = token;
    this.setStatus(conn.status());
    this.offStatus = conn.onStatus((s) => this.takeStatus(s));
    if (this.identity) this.startWorkspace(this.identity);
  }

  /** The person said who they are (first visit): their name goes with requests and the connection. */
  setIdentity(identity: Identity): void {
    this.identity = identity;
    setActorName(identity.name);
    setParticipantId(identity.id);
    if (this.conn) {
      const { provider } = this.conn;
      provider.params['name'] = identity.name;
      // The server binds a connection to the participant given when it opened (update gate G6).
      // A new identity takes the page's id (pageParticipantId); any other needs a reconnect.
      if (provider.params['participant'] === identity.id) return this.startWorkspace(identity);
      provider.params['participant'] = identity.id;
      if (provider.wsconnected || provider.wsconnecting) {
        provider.disconnect();
        provider.connect();
      }
    }
    this.startWorkspace(identity);
  }

  private startWorkspace(identity: Identity): void {
    if (!this.conn) return;
    this.ws?.destroy();
    this.ws = new Workspace(this.conn.doc, identity, this.conn.provider.awareness, { readonly: this.role === 'observer', facilitator: canFacilitate(this.role) });
    if (this.status.state === 'synced') this.ws.ensureParticipant();
    this.onWorkspace(this.ws);
    this.host.requestUpdate();
  }

  /**
   * A new status of the connection (SPEC MP6): every status listener (the save state) hears it;
   * the host renders only when what the shell shows of it changed ({@link shellStatusChanged}),
   * not for a change's count or acknowledgement. Returns whether the host was asked to render.
   */
  takeStatus(s: ConnectionStatus): boolean {
    const shell = shellStatusChanged(this.status, s);
    this.setStatus(s);
    if (!shell) return false;
    if (s.state === 'synced') this.ws?.ensureParticipant();
    // A wrong or revoked link is forgotten, so the next visit asks for a valid one.
    if (s.state === 'refused' && (s.code === 4401 || s.code === 4403)) dropToken(this.openedFor, this.token);
    this.host.requestUpdate();
    return true;
  }

  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    for (const l of [...this.statusListeners]) l(s);
  }

  /** Disconnects and drops the workspace. */
  close(): void {
    this.offStatus?.();
    this.offStatus = null;
    this.ws?.destroy();
    this.ws = null;
    this.conn?.destroy();
    this.conn = null;
    this.openedFor = '';
  }
}

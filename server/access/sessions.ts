/** Something that can be closed with a code (a websocket connection). */
export interface Closable {
  close(code: number, reason: string): void;
}

/**
 * Open sessions by plan and invite link, so revoking a link closes every connection that
 * joined with it.
 */
export class Sessions {
  private readonly byLink = new Map<string, Set<Closable>>();

  private key(planId: string, linkId: string): string {
    return `${planId}/${linkId}`;
  }

  /** Registers a connection opened with a link; returns the function that forgets it again. */
  add(planId: string, linkId: string, conn: Closable): () => void {
    const k = this.key(planId, linkId);
    let set = this.byLink.get(k);
    if (!set) this.byLink.set(k, (set = new Set()));
    set.add(conn);
    return () => {
      set!.delete(conn);
      if (set!.size === 0) this.byLink.delete(k);
    };
  }

  /**
   * Called by `closeLink` (a revocation here): several nodes tell the others, which call
   * `closeHere` (SPEC CL4). Null on a single node.
   */
  onClose: ((planId: string, linkId: string) => void) | null = null;

  /** Closes every session of a link, on this node and (through `onClose`) on every other; returns how many were closed here. */
  closeLink(planId: string, linkId: string, code: number, reason: string): number {
    const closed = this.closeHere(planId, linkId, code, reason);
    this.onClose?.(planId, linkId);
    return closed;
  }

  /** Closes every session of a link on this node only; returns how many were closed. */
  closeHere(planId: string, linkId: string, code: number, reason: string): number {
    const set = this.byLink.get(this.key(planId, linkId));
    if (!set) return 0;
    const conns = [...set];
    for (const c of conns) c.close(code, reason);
    this.byLink.delete(this.key(planId, linkId));
    return conns.length;
  }
}

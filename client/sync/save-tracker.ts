import * as decoding from 'lib0/decoding';
import { MESSAGE } from '../../shared/protocol.js';

/** One update-bearing message sent on a socket and the local changes it carried. */
interface Sent {
  /** Its number on that socket (1, 2, ...), as the server counts it. */
  index: number;
  /** Local changes it was the first message to carry. */
  changes: number;
}

/**
 * Counts this device's local changes until the server acknowledges that they are durably
 * stored (the `?ack=1` protocol, README "Acknowledged saves"). The server acknowledges with
 * the cumulative number of update messages (sync step 2 and update) it received on a
 * connection and stored; so the tracker numbers the update messages it sees leave on each
 * socket, ties every local change to the first message that carried it, and forgets changes
 * once a message at or after theirs is acknowledged. A socket that closes before its
 * messages were acknowledged leaves their changes unsaved: the next connection's sync step 2
 * carries them again (or, when the server had stored them after all, is a no-op that is
 * acknowledged at once).
 *
 * The first update message of each socket (the sync step 2 answering the server) is awaited
 * too, even when it carries no change counted here: after a reload it may carry edits this
 * device kept offline (IndexedDB) that the server does not have. Until it is acknowledged the
 * tracker is not {@link settled}.
 */
export class SaveTracker {
  /** Local changes not yet acknowledged. */
  unsaved = 0;
  /** Local changes not yet carried by any message of the current socket. */
  private uncovered = 0;
  private sent: Sent[] = [];
  private socket: object | null = null;
  private count = 0;

  constructor(private readonly onChange: (unsaved: number, settled: boolean) => void = () => {}) {}

  /** True when nothing sent on the current socket waits for an acknowledgement and nothing waits to be sent. */
  get settled(): boolean {
    return this.sent.length === 0 && this.uncovered === 0;
  }

  /** A local change was made (call before the provider sends it). */
  local(): void {
    this.unsaved++;
    this.uncovered++;
    this.onChange(this.unsaved, false);
  }

  /** A frame is leaving on `socket`: counted when it is a sync step 2 or update. */
  frame(socket: object, data: Uint8Array): void {
    if (!isUpdateFrame(data)) return;
    if (socket !== this.socket) this.switchTo(socket);
    this.count++;
    if (this.uncovered === 0 && this.count > 1) return;
    this.sent.push({ index: this.count, changes: this.uncovered });
    this.uncovered = 0;
  }

  /** The server acknowledged `count` update messages of `socket` as stored. */
  acked(socket: object | null, count: number): void {
    if (socket !== this.socket) return;
    let freed = 0;
    let acked = 0;
    for (; this.sent.length > 0 && this.sent[0]!.index <= count; acked++) freed += this.sent.shift()!.changes;
    if (acked === 0) return;
    this.unsaved -= freed;
    this.onChange(this.unsaved, this.settled);
  }

  /** The socket closed: what it carried without an acknowledgement must be sent again. */
  closed(): void {
    this.switchTo(null);
    this.onChange(this.unsaved, this.settled);
  }

  private switchTo(socket: object | null): void {
    for (const s of this.sent) this.uncovered += s.changes;
    this.sent = [];
    this.count = 0;
    this.socket = socket;
  }
}

/** True for a frame `sync step 2` or `sync update` (what the server counts for acknowledgements). */
export function isUpdateFrame(data: Uint8Array): boolean {
  return data.length > 1 && data[0] === MESSAGE.sync && (data[1] === 1 || data[1] === 2);
}

/** Reads the count of an acknowledgement whose message type was already read. */
export function readAckCount(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder);
}

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryFrame, FRAME_ONCE_MAX_BYTES, WsConn } from '../../server/sync/ws-conn.js';

/**
 * The fast send path (SPEC RS1): a message framed once and written straight to each socket
 * must reach a stock `ws` client exactly as `ws.send` would deliver it, at every length
 * boundary of the frame header, to several sockets in a row, and after a different message.
 */
/** `ws`'s own framing (public, untyped in @types/ws): the reference the fast path must match. */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };

describe('WsConn.send frames once (RS1)', () => {
  let wss: WebSocketServer | null = null;
  afterEach(async () => {
    for (const c of wss?.clients ?? []) c.terminate();
    await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
    wss = null;
  });

  async function pair(count: number): Promise<{ conns: WsConn[]; received: Uint8Array[][]; clients: WebSocket[] }> {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    await once(wss, 'listening');
    const port = (wss.address() as AddressInfo).port;
    const conns: WsConn[] = [];
    const received: Uint8Array[][] = [];
    const clients: WebSocket[] = [];
    wss.on('connection', (ws) => conns.push(new WsConn(ws, 1000, 1 << 20)));
    for (let i = 0; i < count; i++) {
      const c = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
      const got: Uint8Array[] = [];
      c.on('message', (d: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(true);
        got.push(new Uint8Array(d));
      });
      await once(c, 'open');
      clients.push(c);
      received.push(got);
    }
    while (conns.length < count) await new Promise((r) => setImmediate(r));
    return { conns, received, clients };
  }

  it('writes the header ws would write at each length boundary', () => {
    for (const n of [0, 1, 125, 126, 65_535, 65_536, 70_000]) {
      const payload = new Uint8Array(n).map((_, i) => i % 251);
      const frame = binaryFrame(payload);
      const [head, ...rest] = Sender.frame(Buffer.from(payload), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false });
      expect(Buffer.compare(frame, Buffer.concat([head!, ...rest]))).toBe(0);
    }
  });

  it('delivers the same bytes to every socket, small and large, in order', async () => {
    const { conns, received } = await pair(3);
    const sizes = [0, 5, 125, 126, 1000, 65_535, FRAME_ONCE_MAX_BYTES, FRAME_ONCE_MAX_BYTES + 1, 200_000, 7];
    const sent = sizes.map((n, k) => new Uint8Array(n).map((_, i) => (i * 7 + k) % 256));
    for (const msg of sent) for (const c of conns) c.send(msg);
    // A different message per socket between two shared ones (the cache must not serve the wrong one).
    conns.forEach((c, i) => c.send(new Uint8Array([9, i])));
    for (const c of conns) c.send(sent[1]!);
    const want = (i: number) => [...sent, new Uint8Array([9, i]), sent[1]!];
    await expect.poll(() => received.map((r) => r.length), { timeout: 10_000 }).toEqual(conns.map(() => sent.length + 2));
    // Each socket's order is the connection's own: map the server-side conn to its client by the per-socket message.
    for (const got of received) {
      const i = got[sent.length]![1]!;
      expect(got.map((m) => Buffer.from(m).toString('hex'))).toEqual(want(i).map((m) => Buffer.from(m).toString('hex')));
    }
    expect(conns.every((c) => c.bufferedAmount === 0)).toBe(true);
  });

  it('falls back to ws.send once the socket is closing (nothing is written after the close frame)', async () => {
    const { conns, received, clients } = await pair(1);
    const closed = once(clients[0]!, 'close');
    conns[0]!.send(new Uint8Array([1]));
    conns[0]!.close(4000, 'bye');
    conns[0]!.ws.send(new Uint8Array([2]), () => {});
    conns[0]!.send(new Uint8Array([3]));
    const [code] = await closed;
    expect(code).toBe(4000);
    expect(received[0]!.map((m) => [...m])).toEqual([[1]]);
  });
});

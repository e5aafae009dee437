import net from 'node:net';

/** Where a node listens. */
export interface Backend {
  host: string;
  port: number;
}

/** A running {@link startProxy}. */
export interface RoundRobinProxy {
  /** The port it listens on. */
  port: number;
  /** Connections handed to each backend so far (same order as the backends). */
  readonly handed: number[];
  /** Stops accepting and cuts every open connection. */
  close(): Promise<void>;
}

/**
 * A round-robin TCP proxy for trying several nodes on one machine (`npm run cluster`, the
 * two-node tests): every incoming connection (an HTTP request's keep-alive connection or a
 * websocket) goes whole to the next node in turn; a node that refuses the connection (stopped,
 * killed) is skipped and the next one tried, so clients of a dead node reconnect to a live one.
 * Not a production load balancer (no health checks, no TLS): see README "Running on several
 * machines".
 */
export function startProxy(port: number, backends: readonly Backend[], host = '127.0.0.1'): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('the proxy needs at least one node');
  let next = 0;
  const handed = backends.map(() => 0);
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryNode = (tries: number) => {
      if (tries >= backends.length || client.destroyed) return client.destroy();
      const i = next++ % backends.length;
      const upstream = net.connect(backends[i]!.port, backends[i]!.host);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        handed[i]!++;
        open.add(upstream);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        upstream.on('error', () => upstream.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => {
        if (!connected) tryNode(tries + 1);
      });
    };
    tryNode(0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as net.AddressInfo).port,
        handed,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const s of open) s.destroy();
          }),
      });
    });
  });
}

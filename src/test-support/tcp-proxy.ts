// A real TCP proxy in the test process, for tests of a database that stops answering: it forwards
// bytes both ways until `freeze()`, then holds them (and new connections) until `thaw()`.
import net from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  /** Stops forwarding: bytes already sent and new connections wait, as with a hung server or a dead link. */
  freeze(): void;
  /** Forwards again, including whatever waited. */
  thaw(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** Starts a proxy to `targetHost:targetPort`, on `listenPort` when given (to bring a closed proxy back on its port). */
export async function startTcpProxy(targetHost: string, targetPort: number, listenPort = 0): Promise<TcpProxy> {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const pending: (() => void)[] = [];
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    client.pause();
    const connect = () => {
      const upstream = net.connect(targetPort, targetHost);
      track(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      const pipe = (from: net.Socket, to: net.Socket) => {
        from.on('data', (chunk) => {
          if (!frozen) {
            to.write(chunk);
            return;
          }
          // Hold this chunk and stop reading until thawed.
          from.pause();
          pending.push(() => {
            to.write(chunk);
            from.resume();
          });
        });
      };
      pipe(client, upstream);
      pipe(upstream, client);
      client.resume();
    };
    if (frozen) pending.push(connect);
    else connect();
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const go of pending.splice(0)) go();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { connect, createServer, type Socket } from 'node:net';

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: the address callers use, as they would a k8s Service's. */
  url: string;
  close(): Promise<void>;
}

/**
 * What a k8s Service does for the replicas of a stack's service: each new TCP connection goes to
 * the next backend in turn, among those `isServing` (ready and not killed, as the endpoints of a
 * Service). A backend that refuses the connection (it just died) is passed over for the next, as
 * kube-proxy stops routing to a pod that failed. Bytes are relayed untouched, so keep-alive
 * connections stay on one replica, as they do behind a real Service.
 */
export const startRoundRobinProxy = async (
  port: number,
  backends: number[],
  isServing: (index: number) => boolean,
): Promise<RoundRobinProxy> => {
  let next = 0;
  const open = new Set<Socket>();

  const pick = (tried: Set<number>): number | undefined => {
    for (let step = 0; step < backends.length; step += 1) {
      const index = (next + step) % backends.length;
      if (!tried.has(index) && isServing(index)) {
        next = index + 1;
        return index;
      }
    }
    return undefined;
  };

  const relay = (client: Socket, tried = new Set<number>()) => {
    const index = pick(tried);
    if (index === undefined) {
      client.destroy();
      return;
    }
    tried.add(index);
    const upstream = connect({ host: '127.0.0.1', port: backends[index]! });
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const refused = (error: NodeJS.ErrnoException) => {
      upstream.destroy();
      if (error.code === 'ECONNREFUSED') relay(client, tried);
      else client.destroy();
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      upstream.once('error', () => client.destroy());
      client.once('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    // Nothing is read from the caller until a backend accepted: its bytes then go there whole.
    client.once('error', () => client.destroy());
    relay(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
};

import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () =>
      resolve((server.address() as AddressInfo).port),
    );
  });

/**
 * `count` distinct TCP ports free on 127.0.0.1, found by letting the kernel pick them. All are
 * held open until every one is known, so one call never returns the same port twice.
 */
export const freePorts = async (count: number): Promise<number[]> => {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(servers.map(listen));
  } finally {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) =>
            server.listening ? server.close(() => resolve()) : resolve(),
          ),
      ),
    );
  }
};

export const freePort = async (): Promise<number> => {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port found');
  return port;
};

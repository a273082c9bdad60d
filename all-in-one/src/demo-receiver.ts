import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a customer's endpoint so the demo has something to deliver to: it answers
 * 200 to every POST and counts what it received.
 */
export const startDemoReceiver = async (): Promise<{ url: string; server: Server }> => {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ received }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks`, server };
};

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the customer's endpoint saw it. */
export interface ReceivedRequest {
  method: string;
  /** Path without the query string, e.g. `/hooks/orders`. */
  path: string;
  /** The request target exactly as sent: path and query string. */
  url: string;
  /** Node's parsed headers: names lowercased, repeated headers joined. */
  headers: IncomingHttpHeaders;
  /** The body's exact bytes decoded as UTF-8, i.e. what a signature was computed over. */
  body: string;
  /** When the whole request had been read, in epoch ms with sub-ms precision. */
  receivedAt: number;
}

export interface ReceiverResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or bytes are sent as is; anything else as JSON. */
  body?: unknown;
  /** Answer only after this long, e.g. to outlast the sender's timeout. */
  delayMs?: number;
  /** Drop the connection (after `delayMs`) instead of answering, like a crashing endpoint. */
  destroy?: boolean;
}

/** Decides the answer to a request; `index` is its 0-based position in `requests`. */
export type Responder = (
  request: ReceivedRequest,
  index: number,
) => ReceiverResponse | Promise<ReceiverResponse>;

export interface ReceiverOptions {
  respondWith?: Responder;
  /** Fixed port; default a free one. */
  port?: number;
  /** Loopback address to listen on; default 127.0.0.1 (another, e.g. 127.0.0.2, for SSRF tests). */
  host?: string;
}

export interface Receiver {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Every request received, in arrival order. Cleared in place by `reset()`. */
  requests: ReceivedRequest[];
  /** Requests to `path`: compared with the path alone, or with the full target if it has `?`. */
  requestsTo(path: string): ReceivedRequest[];
  respondWith(responder: Responder): void;
  /**
   * Back to the state after start: no recorded requests and the initial responder, so a shared
   * receiver carries nothing from one test into the next.
   */
  reset(): void;
  close(): Promise<void>;
}

const defaultResponder: Responder = () => ({ status: 200, body: { ok: true } });

const pathOf = (target: string): string => {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
};

/**
 * A real HTTP server on loopback standing in for a customer's webhook endpoint: it records
 * every request and answers what the test programs. Hookport delivers to it over real sockets,
 * so timeouts, keep-alive and signatures are exercised as in production.
 */
export const startReceiver = async (options: ReceiverOptions = {}): Promise<Receiver> => {
  const requests: ReceivedRequest[] = [];
  let responder = options.respondWith ?? defaultResponder;
  const delays = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let closing: Promise<void> | undefined;

  const send = (res: ServerResponse, answer: ReceiverResponse) => {
    if (res.destroyed || res.writableEnded) return; // the sender gave up or we are closing
    if (answer.destroy) {
      res.socket?.destroy();
      return;
    }
    const headers: Record<string, string> = { ...answer.headers };
    let payload: string | Uint8Array | undefined;
    if (answer.body === undefined) payload = undefined;
    else if (typeof answer.body === 'string' || answer.body instanceof Uint8Array) {
      payload = answer.body;
    } else {
      payload = JSON.stringify(answer.body);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  };

  const server = createServer(
    {
      // Longer than any sender's pool idle timeout (undici: 4 s, the gateway: 60 s), so a
      // reused connection is never closed under a request in flight.
      keepAliveTimeout: 65_000,
      // Must exceed keepAliveTimeout, or Node closes idle keep-alive sockets early.
      headersTimeout: 66_000,
      // Programmed delays may be long; the sender's timeout is what is under test, not ours.
      requestTimeout: 0,
      noDelay: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = req.url ?? '/';
        const request: ReceivedRequest = {
          method: req.method ?? 'GET',
          path: pathOf(target),
          url: target,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: performance.timeOrigin + performance.now(),
        };
        const index = requests.push(request) - 1;
        const current = responder;
        Promise.resolve()
          .then(() => current(request, index))
          .then(
            (answer) => {
              const delayMs = answer.delayMs ?? 0;
              if (delayMs <= 0) return send(res, answer);
              const timer = setTimeout(() => {
                delays.delete(timer);
                send(res, answer);
              }, delayMs);
              delays.add(timer);
            },
            (error: unknown) =>
              // A broken responder is a bug in the test: answer loudly rather than hang.
              send(res, {
                status: 500,
                headers: { 'content-type': 'text/plain' },
                body: `receiver responder threw: ${error instanceof Error ? error.message : String(error)}`,
              }),
          );
      });
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep backlog absorbs the bursts of new connections a benchmark opens at once.
    server.listen(
      { host: options.host ?? '127.0.0.1', port: options.port ?? 0, backlog: 4096 },
      () => {
        server.off('error', reject);
        resolve();
      },
    );
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    requestsTo: (path) =>
      requests.filter((request) => (path.includes('?') ? request.url : request.path) === path),
    respondWith: (next) => {
      responder = next;
    },
    reset: () => {
      requests.length = 0;
      responder = options.respondWith ?? defaultResponder;
    },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const timer of delays) clearTimeout(timer);
        delays.clear();
        server.close(() => resolve());
        // Keep-alive connections would hold close() open for up to 65 s.
        for (const socket of sockets) socket.destroy();
      })),
  };
};

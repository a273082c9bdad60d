/** One server-sent event as a browser's EventSource would dispatch it. */
export interface StreamEvent {
  id: string | null;
  event: string;
  /** `data` parsed as JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  receivedAt: number;
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** Every event received so far, in order. */
  events: StreamEvent[];
  /** True once the server ended the stream. */
  ended(): boolean;
  close(): void;
}

/**
 * A real SSE client over fetch, for streams that need an Authorization header (which
 * EventSource cannot send). Parses `id`, `event` and `data` lines as the HTML spec does.
 */
export const openEventStream = async (
  url: string,
  options: { token?: string; lastEventId?: string } = {},
): Promise<EventStream> => {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: StreamEvent[] = [];
  let done = false;
  if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let boundary: number;
          while ((boundary = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const event: StreamEvent = {
              id: null,
              event: 'message',
              data: '',
              receivedAt: Date.now(),
            };
            let data: string | null = null;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon === -1 ? line : line.slice(0, colon);
              const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'id') event.id = value;
              else if (field === 'event') event.event = value;
              else if (field === 'data') data = data === null ? value : `${data}\n${value}`;
            }
            if (data === null) continue;
            event.data = JSON.parse(data);
            events.push(event);
          }
        }
      } catch {
        // Aborted by close(), or the connection dropped: the stream has ended either way.
      } finally {
        done = true;
      }
    })();
  } else {
    done = true;
  }
  return {
    status: response.status,
    headers: response.headers,
    events,
    ended: () => done,
    close: () => abort.abort(),
  };
};

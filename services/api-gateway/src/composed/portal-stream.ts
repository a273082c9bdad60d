import type { LiveEvent } from '@hookport/contracts';
import { HookportError, liveEventFor, type Principal } from '@hookport/platform';
import type { RevocationList } from '../auth/revocation-list';
import type { ServiceClient } from '../forwarding/service-client';
import type { LiveFeed } from '../live/live-feed';
import { sessionApp } from '../auth/session-app';
import type { ComposedHandler } from '../routes/route-call';

const HEARTBEAT_MS = 15_000;
const BACKFILL_PAGE = 500;
/** A reconnecting client gets at most this much history; older gaps mean "reload the list". */
const BACKFILL_MAX = 5_000;

/**
 * Portal API: the live tail of the session's application, as server-sent events: new messages,
 * attempts, and endpoint health and circuit changes, within a second of the event. A client
 * reconnecting with `Last-Event-ID` first gets what it missed. The stream ends when the token
 * expires or the session is revoked; the client reconnects with its renewed token.
 */
export class PortalStream {
  constructor(
    private readonly services: ServiceClient,
    private readonly feed: LiveFeed,
    private readonly revocations: RevocationList,
  ) {}

  readonly stream: ComposedHandler = async ({ principal, request, reply }) => {
    const lastEventId = request.headers['last-event-id'];
    if (
      lastEventId !== undefined &&
      !(typeof lastEventId === 'string' && /^\d{1,19}$/.test(lastEventId))
    )
      throw new HookportError('validation', 'Last-Event-ID must be an event id from this stream', [
        { field: 'Last-Event-ID', message: 'not an event id from this stream' },
      ]);
    if (principal.kind !== 'portal-session') throw new HookportError('unauthorized', 'No session');
    const appId = sessionApp(principal);

    // Listen before reading the backlog, so nothing falls between the two.
    const pending: LiveEvent[] = [];
    let live = false;
    let lastSent = BigInt(lastEventId ?? 0);
    const send = (received: LiveEvent) => {
      const event = liveEventFor(principal, received);
      if (!event || BigInt(event.id) <= lastSent) return;
      lastSent = BigInt(event.id);
      reply.raw.write(
        `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`,
      );
    };
    const unsubscribe = this.feed.listen(appId, (event) =>
      live ? send(event) : pending.push(event),
    );

    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    reply.raw.write('retry: 2000\n\n');

    const end = () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(expiry);
      if (!reply.raw.writableEnded) reply.raw.end();
    };
    const heartbeat = setInterval(() => {
      const revoked =
        this.revocations.isRevoked(principal.sessionId) ||
        this.revocations.isRevoked(principal.grantId ?? principal.sessionId);
      if (revoked) end();
      else reply.raw.write(': ping\n\n');
    }, HEARTBEAT_MS);
    const expiry = setTimeout(end, Math.max(0, (principal.tokenExpiresAt ?? 0) - Date.now()));
    request.raw.on('close', end);

    if (lastEventId !== undefined) await this.backfill(appId, principal, lastEventId, send);
    live = true;
    for (const event of pending.splice(0)) send(event);
  };

  private async backfill(
    appId: string,
    principal: Principal,
    after: string,
    send: (event: LiveEvent) => void,
  ): Promise<void> {
    let cursor = after;
    for (let fetched = 0; fetched < BACKFILL_MAX; fetched += BACKFILL_PAGE) {
      const { status, body } = await this.services.json<{ data: LiveEvent[] }>('logs', {
        method: 'GET',
        path: `/internal/apps/${appId}/live`,
        query: { after: cursor, limit: BACKFILL_PAGE },
        principal,
      });
      if (status !== 200) return;
      body.data.forEach(send);
      const last = body.data[body.data.length - 1];
      if (!last || body.data.length < BACKFILL_PAGE) return;
      cursor = last.id;
    }
  }
}

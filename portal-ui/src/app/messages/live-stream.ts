import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subject } from 'rxjs';

import type { LiveEvent } from '@hookport/contracts';

import { PORTAL_API_BASE_URL } from '../api/portal-api';
import { SessionStore } from '../session/session-store';

/** Parses server-sent event blocks out of a growing text buffer; returns what is left. */
export function parseEventBlocks(
  buffer: string,
  emit: (event: { id: string | null; type: string; data: string }) => void,
): string {
  let rest = buffer;
  let boundary: number;
  while ((boundary = rest.indexOf('\n\n')) !== -1) {
    const block = rest.slice(0, boundary);
    rest = rest.slice(boundary + 2);
    let id: string | null = null;
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) emit({ id, type, data: data.join('\n') });
  }
  return rest;
}

/**
 * The live tail (`GET /portal-api/v1/stream`), read with fetch because EventSource cannot send
 * the session token as a header. Reconnects with `Last-Event-ID` after a drop or a token
 * renewal, so no event is missed. Provided by the view that shows it.
 */
@Injectable()
export class LiveStream {
  private readonly session = inject(SessionStore);
  private readonly baseUrl = inject(PORTAL_API_BASE_URL);
  private readonly eventsSubject = new Subject<LiveEvent>();
  private readonly connectedState = signal(false);
  private abort: AbortController | null = null;
  private lastEventId: string | null = null;
  private stopped = false;

  readonly events = this.eventsSubject.asObservable();
  readonly connected = this.connectedState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(): void {
    this.stopped = false;
    void this.connect(0);
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.connectedState.set(false);
  }

  private async connect(failures: number): Promise<void> {
    if (this.stopped || typeof fetch === 'undefined') return;
    const token = this.session.token();
    if (token === null) return;
    this.abort = new AbortController();
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      authorization: `Bearer ${token}`,
    };
    if (this.lastEventId !== null) headers['last-event-id'] = this.lastEventId;
    let received = false;
    try {
      const response = await fetch(`${this.baseUrl}/stream`, {
        headers,
        signal: this.abort.signal,
      });
      if (response.status === 401) return this.session.lapse();
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      this.connectedState.set(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEventBlocks(buffer + value, (event) => {
          received = true;
          if (event.id !== null) this.lastEventId = event.id;
          this.eventsSubject.next({
            id: event.id ?? '',
            type: event.type,
            data: JSON.parse(event.data),
          } as LiveEvent);
        });
      }
    } catch {
      // Dropped or aborted: reconnect below unless stopped.
    }
    this.connectedState.set(false);
    if (this.stopped) return;
    // The server ends the stream when the token expires: come back at once with the new one.
    const next = received ? 0 : failures + 1;
    setTimeout(() => void this.connect(next), Math.min(10_000, 500 * 2 ** Math.min(next, 5)));
  }
}

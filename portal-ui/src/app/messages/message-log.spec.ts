import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ListResponse } from '@hookport/contracts';

import { MESSAGE_POLL_INTERVAL_MS, MessageLog } from './message-log';
import type { MessageLogRowOut } from '@hookport/client/types';

const MESSAGES_URL = '/portal-api/v1/messages';

const page = (...ids: string[]): ListResponse<MessageLogRowOut> => ({
  data: ids.map((id) => ({
    id,
    eventType: 'invoice.paid',
    eventId: null,
    timestamp: '2026-01-01T00:00:00.000Z',
    deliveries: [],
  })),
  iterator: null,
  prevIterator: null,
  done: true,
});

describe('MessageLog', () => {
  let http: HttpTestingController;
  let log: MessageLog;

  beforeEach(() => {
    // The controllable clock drives the polling timer.
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MESSAGE_POLL_INTERVAL_MS, useValue: 2_000 },
        MessageLog,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    log = TestBed.inject(MessageLog);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads at once, then every two seconds', () => {
    expect(log.rows()).toBeNull();
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));
    expect(log.rows()?.map((row) => row.id)).toEqual(['msg_1']);

    vi.advanceTimersByTime(1_999);
    http.expectNone(MESSAGES_URL);
    vi.advanceTimersByTime(1);
    http.expectOne(MESSAGES_URL).flush(page('msg_2', 'msg_1'));
    expect(log.rows()?.map((row) => row.id)).toEqual(['msg_2', 'msg_1']);
  });

  it('reloads at once when refreshed', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page());

    vi.advanceTimersByTime(500);
    log.refresh();
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));
    expect(log.rows()?.length).toBe(1);
  });

  it('keeps the rows it has when a load fails, and clears the failure on the next success', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));

    vi.advanceTimersByTime(2_000);
    http.expectOne(MESSAGES_URL).flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(log.hasFailed()).toBe(true);
    expect(log.rows()?.map((row) => row.id)).toEqual(['msg_1']);

    vi.advanceTimersByTime(2_000);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));
    expect(log.hasFailed()).toBe(false);
  });

  it('asks for the page and filters shown, forgetting the rows of the query before', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_3'));

    log.show({ filters: { status: 'failed' }, iterator: 'msg_3' });
    expect(log.rows()).toBeNull();
    vi.advanceTimersByTime(0);
    const request = http.expectOne((r) => r.url.startsWith(`${MESSAGES_URL}?`));
    expect(request.request.url).toContain('status=failed');
    expect(request.request.url).toContain('iterator=msg_3');
    request.flush({ ...page('msg_2'), iterator: 'msg_2', prevIterator: '-msg_2' });
    expect(log.cursors()).toEqual({ older: 'msg_2', newer: '-msg_2' });
  });

  it('shows no rows for a query the API refuses, and does not ask again until it changes', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));

    log.show({
      filters: { after: '2026-02-01T00:00:00Z', before: '2026-01-01T00:00:00Z' },
      iterator: null,
    });
    vi.advanceTimersByTime(0);
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      code: 'validation',
      errors: [{ field: 'after', message: 'after must be earlier than before' }],
    };
    http
      .expectOne((r) => r.url.startsWith(`${MESSAGES_URL}?`))
      .flush(problem, { status: 422, statusText: 'Unprocessable Entity' });
    expect(log.rows()).toBeNull();
    expect(log.hasFailed()).toBe(false);
    expect(log.rejection()?.errors?.[0]?.field).toBe('after');

    vi.advanceTimersByTime(10_000);
    http.expectNone((r) => r.url.startsWith(MESSAGES_URL));

    log.show({ filters: {}, iterator: null });
    expect(log.rejection()).toBeNull();
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page('msg_1'));
    expect(log.rows()?.length).toBe(1);
  });

  it('stops polling once its view is gone', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page());

    TestBed.inject(EnvironmentInjector).destroy();
    vi.advanceTimersByTime(10_000);
    http.expectNone(MESSAGES_URL);
  });
});

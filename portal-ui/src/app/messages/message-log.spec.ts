import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ListResponse, PortalMessageRow } from '@hookport/contracts';

import { MESSAGE_POLL_INTERVAL_MS, MessageLog } from './message-log';

const MESSAGES_URL = '/portal-api/v1/messages';

const page = (...ids: string[]): ListResponse<PortalMessageRow> => ({
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

  it('stops polling once its view is gone', () => {
    vi.advanceTimersByTime(0);
    http.expectOne(MESSAGES_URL).flush(page());

    TestBed.inject(EnvironmentInjector).destroy();
    vi.advanceTimersByTime(10_000);
    http.expectNone(MESSAGES_URL);
  });
});

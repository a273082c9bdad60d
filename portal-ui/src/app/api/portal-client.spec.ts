import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { EndpointsApi } from '../endpoints/endpoints-api';
import { authInterceptor } from '../session/auth.interceptor';
import { SessionStore } from '../session/session-store';
import { MessageDetailApi } from '../messages/message-detail-api';

/** The portal's calls as they leave the browser, built by the generated client. */
describe('the generated portal client', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        // As the portal runs: the session interceptor adds the token to every call.
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        {
          provide: SessionStore,
          useValue: { token: () => 'session-token', lapse: () => undefined },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('sends a retry without a body and without a JSON content type', () => {
    let answered = false;
    TestBed.inject(MessageDetailApi)
      .retry('msg_1', 'ep_1')
      .subscribe(() => (answered = true));
    const request = http.expectOne('/portal-api/v1/messages/msg_1/endpoints/ep_1/retry');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toBeNull();
    expect(request.request.headers.has('Content-Type')).toBe(false);
    expect(request.request.headers.get('Authorization')).toBe('Bearer session-token');
    request.flush({}, { status: 202, statusText: 'Accepted' });
    expect(answered).toBe(true);
  });

  it('puts path and query parameters where the API document says', () => {
    TestBed.inject(EndpointsApi).stats('ep 1', 24).subscribe();
    const request = http.expectOne((sent) =>
      sent.url.startsWith('/portal-api/v1/endpoints/ep%201/stats'),
    );
    expect(request.request.urlWithParams).toContain('granularity=hour');
    expect(request.request.urlWithParams).toMatch(/since=\d{4}-\d{2}-\d{2}T/);
    request.flush({});
  });

  it('sends a created endpoint as a JSON body', () => {
    TestBed.inject(EndpointsApi).create({ url: 'https://hooks.example.com/in' }).subscribe();
    const request = http.expectOne('/portal-api/v1/endpoints');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ url: 'https://hooks.example.com/in' });
    expect(request.request.headers.get('Content-Type')).toBe('application/json');
    request.flush({});
  });
});

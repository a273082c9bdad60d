import { HttpClient, HttpResponse, type HttpRequest } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { filter, map, type Observable } from 'rxjs';

import { createClient, createConfig, type Client } from './generated/client';
import { PORTAL_API_BASE_URL } from './portal-api-base-url';

/**
 * Sends the requests the generated client builds (`portalListMessagesRequest(...)`, ...) through
 * Angular's HttpClient, so the auth interceptor adds the session token and tests can use
 * HttpTestingController. Generated from openapi.json: `npm run api:generate`.
 */
@Injectable({ providedIn: 'root' })
export class PortalClient {
  private readonly http = inject(HttpClient);

  /** The generated request builders take it as `client`. */
  readonly client: Client = createClient(
    createConfig({
      // The generated paths start with /portal-api/v1; the base URL is what comes before.
      baseUrl: inject(PORTAL_API_BASE_URL).replace(/\/portal-api\/v1\/?$/, ''),
      httpClient: this.http,
    }),
  );

  send<T>(request: HttpRequest<T>): Observable<T> {
    // The generated builder keeps its default JSON content type on a request without a body
    // (a retry); the gateway rightly refuses an empty JSON body, so drop the header.
    const sent =
      request.body === null
        ? request.clone({ headers: request.headers.delete('Content-Type') })
        : request;
    return this.http.request<T>(sent).pipe(
      filter((event): event is HttpResponse<T> => event instanceof HttpResponse),
      map((response) => response.body as T),
    );
  }
}

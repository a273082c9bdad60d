import {
  HttpClient,
  HttpHeaders,
  HttpRequest,
  HttpResponse,
  type HttpEvent,
} from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { filter, map, type Observable } from 'rxjs';
import {
  createClient,
  createConfig,
  mergeHeaders,
  type Client,
  type RequestOptions,
} from '@hookport/client';

import { PORTAL_API_BASE_URL } from './portal-api-base-url';

/** An operation of `@hookport/client` (`portalListMessages`, ...). */
type Operation = (options: never) => Promise<unknown>;

/** What the operation takes, less the client: this one supplies it. */
type OptionsOf<F extends Operation> = Omit<NonNullable<Parameters<F>[0]>, 'client'>;

/** The operation's success body (its 2xx response type in the API document). */
type DataOf<F extends Operation> =
  Awaited<ReturnType<F>> extends infer Result
    ? Result extends { data: infer Data }
      ? Exclude<Data, undefined>
      : never
    : never;

/** Operations whose options may be left out (nothing in them is required). */
type OptionalArgs<F extends Operation> =
  object extends OptionsOf<F> ? [options?: OptionsOf<F>] : [options: OptionsOf<F>];

/**
 * Calls the operations of `@hookport/client` (the SDK generated from openapi.json, `npm run
 * api:generate`) through Angular's HttpClient, so the auth interceptor adds the session token
 * and tests can use HttpTestingController.
 */
@Injectable({ providedIn: 'root' })
export class PortalClient {
  private readonly http = inject(HttpClient);

  // Only for its URL building: the generated path and query serializers.
  private readonly urls = createClient(
    createConfig({
      // The generated paths start with /portal-api/v1; the base URL is what comes before.
      baseUrl: inject(PORTAL_API_BASE_URL).replace(/\/portal-api\/v1\/?$/, ''),
    }),
  );

  // What the operations are given as `client`: each generated operation returns what its HTTP
  // method answers, here a cold Observable of HttpClient, so the request is built and sent
  // synchronously on subscribe (HttpTestingController sees it at once) and cancelled on
  // unsubscribe. The SDK's types say Promise; `send` is the one place that knows better. No
  // spread of a fetch client: anything else (`sse`, ...) must fail, not bypass the interceptor.
  private readonly transport = {
    request: (options: RequestOptions) => this.observe(options.method ?? 'GET', options),
    delete: (options: RequestOptions) => this.observe('DELETE', options),
    get: (options: RequestOptions) => this.observe('GET', options),
    head: (options: RequestOptions) => this.observe('HEAD', options),
    options: (options: RequestOptions) => this.observe('OPTIONS', options),
    patch: (options: RequestOptions) => this.observe('PATCH', options),
    post: (options: RequestOptions) => this.observe('POST', options),
    put: (options: RequestOptions) => this.observe('PUT', options),
  } as unknown as Client;

  /** `send(portalGetEndpoint, { path: { endpointId } })`: the body, or an HttpErrorResponse. */
  send<F extends Operation>(operation: F, ...[options]: OptionalArgs<F>): Observable<DataOf<F>> {
    const call = operation as unknown as (options: object) => Observable<DataOf<F>>;
    return call({ ...options, client: this.transport });
  }

  private observe<T>(method: string, options: RequestOptions): Observable<T> {
    // Authentication is the interceptor's job: the SDK's `security` is not applied here.
    let headers = new HttpHeaders();
    mergeHeaders(options.headers).forEach((value, name) => (headers = headers.set(name, value)));
    const body = options.body ?? null;
    // The gateway rightly refuses an empty JSON body (a retry): no body, no content type.
    if (body === null) headers = headers.delete('Content-Type');
    const request = new HttpRequest<unknown>(method, this.urls.buildUrl(options), body, {
      headers,
    });
    return this.http.request<T>(request).pipe(
      filter((event: HttpEvent<T>): event is HttpResponse<T> => event instanceof HttpResponse),
      map((response) => response.body as T),
    );
  }
}

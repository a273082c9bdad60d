import { Inject, Injectable } from '@nestjs/common';
import {
  isIdOf,
  isIdOrUid,
  managementScopeAllows,
  type ErrorCode,
  type ProblemDetails,
} from '@hookport/contracts';
import { HookportError, type Principal } from '@hookport/platform';
import { ServiceClient } from './service-client';
import type { ApplicationOut } from '@hookport/api-schema';

export interface ResolvedApp {
  app: ApplicationOut;
  /** The endpoints service's position for this app: downstream waits for it (read-your-writes). */
  position: string;
}

type ResolvedBody = ApplicationOut & { position: string };

interface Waiting {
  key: string;
  resolve: (found: ResolvedBody | null) => void;
  reject: (error: unknown) => void;
}

// Lookups in flight at once; the requests that arrive meanwhile wait and go together in the
// next one. Alone, a request goes at once.
const CONCURRENT_LOOKUPS = 4;
const KEYS_PER_LOOKUP = 500;

/**
 * Resolves `{app_id}` (id or uid) with the owning service, so every service gets the real id.
 * Every request asks afresh (an application just created or changed through another gateway
 * is found, with its newest position), but concurrent requests share one call: under load the
 * endpoints service answers a batch of keys with one query instead of a call each.
 */
@Injectable()
export class AppResolver {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;

  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  async resolve(
    idOrUid: string,
    principal: Principal,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ResolvedApp> {
    // A key that cannot name an application is missing; it never joins a batch of others.
    if (!isIdOrUid(idOrUid)) throw new HookportError('notFound', 'Application not found');
    const body = options.includeDeleted
      ? await this.resolveIncludingDeleted(idOrUid, principal)
      : await new Promise<ResolvedBody | null>((resolve, reject) => {
          this.queue.push({ key: idOrUid, resolve, reject });
          this.pump();
        });
    if (!body) throw new HookportError('notFound', `Application ${idOrUid} not found`);
    const { position, ...app } = body;
    return { app, position };
  }

  /**
   * Resolves the application, or creates it from `inline` (Svix's inline `application` of
   * message create and app-portal-access) when none has this id or uid. The new application's
   * uid is the path's unless the path is an `app_` id; creating needs `applications:write`.
   * Creating answers an application made meanwhile by another request, so a race or a retry
   * makes one application. `beforeCreating` checks the rest of the request first, so a request
   * refused for its other fields creates nothing.
   */
  async resolveCreating(
    idOrUid: string,
    principal: Principal,
    inline: unknown,
    beforeCreating: () => Promise<unknown> = () => Promise.resolve(),
  ): Promise<ResolvedApp> {
    try {
      return await this.resolve(idOrUid, principal);
    } catch (error) {
      const isMissing = error instanceof HookportError && error.code === 'notFound';
      if (!isMissing || typeof inline !== 'object' || inline === null || !isIdOrUid(idOrUid))
        throw error;
    }
    const scopes = principal.kind === 'api-key' ? principal.scopes : [];
    if (!managementScopeAllows(scopes, 'applications:write'))
      throw new HookportError('forbidden', 'Creating the application needs applications:write.');
    await beforeCreating();
    const given = inline as { uid?: unknown };
    const uid = isIdOf('application', idOrUid) ? given.uid : idOrUid;
    if (given.uid != null && given.uid !== uid)
      throw new HookportError('validation', 'Invalid request: application.uid', [
        { field: 'application.uid', message: 'must be the uid in the path, or left out' },
      ]);
    const { status, body } = await this.services.json<ApplicationOut | ProblemDetails>(
      'endpoints',
      {
        method: 'POST',
        path: '/internal/apps',
        query: { get_if_exists: 'true' },
        body: { ...inline, uid },
        principal,
      },
    );
    if (status === 200 || status === 201)
      return this.resolve((body as ApplicationOut).id, principal);
    const problem = body as ProblemDetails | undefined;
    if (status >= 500 || !problem?.code) throw unavailable();
    // The inline application's fields are named as the request has them.
    throw new HookportError(
      problem.code as ErrorCode,
      problem.detail,
      problem.errors?.map((fieldError) => ({
        ...fieldError,
        field: `application.${fieldError.field}`,
      })),
    );
  }

  /**
   * The endpoints service's position for an application the caller already names by id (a
   * portal session's own): what a delivery control waits for, to see the caller's changes.
   */
  async positionOf(appId: string, principal: Principal): Promise<string> {
    const { status, body } = await this.services.json<{ position: string }>('endpoints', {
      method: 'GET',
      path: `/internal/apps/${encodeURIComponent(appId)}/position`,
      principal,
    });
    if (status === 404) throw new HookportError('notFound', `Application ${appId} not found`);
    if (status !== 200) throw unavailable();
    return body.position;
  }

  /** A deleted application resolves by id where its history is read: one at a time, rarely. */
  private async resolveIncludingDeleted(
    idOrUid: string,
    principal: Principal,
  ): Promise<ResolvedBody | null> {
    const { status, body } = await this.services.json<ResolvedBody>('endpoints', {
      method: 'GET',
      path: `/internal/apps/${encodeURIComponent(idOrUid)}`,
      query: { include_deleted: 'true' },
      principal,
    });
    if (status === 404) return null;
    if (status !== 200) throw unavailable();
    return body;
  }

  private pump(): void {
    while (this.inFlight < CONCURRENT_LOOKUPS && this.queue.length > 0) {
      const batch = this.queue.splice(0, KEYS_PER_LOOKUP);
      this.inFlight += 1;
      void this.lookUp(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async lookUp(batch: Waiting[]): Promise<void> {
    try {
      const { status, body } = await this.services.json<{ apps: (ResolvedBody | null)[] }>(
        'endpoints',
        {
          method: 'POST',
          path: '/internal/apps/resolve',
          body: { keys: batch.map((waiting) => waiting.key) },
          // A read on behalf of several callers: the gateway itself asks.
          principal: { kind: 'system', id: 'api-gateway' },
        },
      );
      if (status !== 200 || body.apps.length !== batch.length) throw unavailable();
      batch.forEach((waiting, i) => waiting.resolve(body.apps[i] ?? null));
    } catch (error) {
      const failure = error instanceof HookportError ? error : unavailable();
      for (const waiting of batch) waiting.reject(failure);
    }
  }
}

const unavailable = () =>
  new HookportError('upstreamUnavailable', 'Could not resolve the application');

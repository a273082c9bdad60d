import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationOut } from '@hookport/contracts';
import { HookportError, type Principal } from '@hookport/platform';
import { ServiceClient } from './service-client';

export interface ResolvedApp {
  app: ApplicationOut;
  /** The endpoints service's position for this app: downstream waits for it (read-your-writes). */
  position: string;
}

/** Resolves `{app_id}` (id or uid) with the owning service, so every service gets the real id. */
@Injectable()
export class AppResolver {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  async resolve(
    idOrUid: string,
    principal: Principal,
    options: { includeDeleted?: boolean } = {},
  ): Promise<ResolvedApp> {
    const { status, body } = await this.services.json<ApplicationOut & { position: string }>(
      'endpoints',
      {
        method: 'GET',
        path: `/internal/apps/${encodeURIComponent(idOrUid)}`,
        query: options.includeDeleted ? { include_deleted: 'true' } : undefined,
        principal,
      },
    );
    if (status === 404) throw new HookportError('notFound', `Application ${idOrUid} not found`);
    if (status !== 200)
      throw new HookportError('upstreamUnavailable', 'Could not resolve the application');
    const { position, ...app } = body;
    return { app, position };
  }
}

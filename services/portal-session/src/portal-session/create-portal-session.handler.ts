import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { newId, ROLE_SCOPES, type PortalAccessEvents, type EventOf } from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal } from '@hookport/platform';
import { PortalSessionConfig } from '../config';
import type { PortalSessionIn } from '@hookport/api-schema';
import { insertSession } from './portal-session.repository';
import type { PortalSessionOut } from '@hookport/api-schema';

export const hashCode = (code: string) => createHash('sha256').update(code).digest('base64url');

/** Creates a session and its one-time code; only the code's hash is stored. */
@Injectable()
export class CreatePortalSessionHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
    @Inject(PortalSessionConfig) private readonly config: PortalSessionConfig,
  ) {}

  async execute(
    appId: string,
    input: PortalSessionIn,
    principal: Principal,
    /** The operator's own id for the session (Svix's `sessionId`). */
    externalId: string | null = null,
  ): Promise<PortalSessionOut> {
    const sessionId = newId('portalSession');
    const code = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + (input.expiresIn ?? 3600) * 1000).toISOString();
    const codeExpiresAt = new Date(
      now + this.config.HOOKPORT_PORTAL_CODE_TTL_SECONDS * 1000,
    ).toISOString();
    const scopes = input.scopes ?? [...ROLE_SCOPES[input.role ?? 'editor']];
    const data = {
      sessionId,
      appId,
      scopes,
      expiresAt,
      metadata: input.metadata ?? {},
      returnUrl: input.returnUrl ?? null,
      endpointIds: input.endpointIds ?? null,
    };
    await this.db.transaction(async (sql) => {
      await this.store.append(sql, sessionId, 0, [{ type: 'portal-session.created', data }], {
        applicationId: appId,
        actor: actorOf(principal),
      });
      await insertSession(sql, {
        id: sessionId,
        appId,
        scopes,
        metadata: data.metadata,
        returnUrl: data.returnUrl,
        endpointIds: data.endpointIds,
        expiresAt,
        codeHash: hashCode(code),
        codeExpiresAt,
        externalId,
      });
    });
    const base = this.config.HOOKPORT_PUBLIC_URL.replace(/\/+$/, '');
    // The code rides in the fragment: browsers never send it to a server or in a Referer.
    return {
      id: sessionId,
      // The app id (not secret) lets the gateway frame the page for the app's allowed origins.
      url: `${base}/portal/?app=${encodeURIComponent(appId)}#code=${code}`,
      code,
      codeExpiresAt,
      expiresAt,
    };
  }
}

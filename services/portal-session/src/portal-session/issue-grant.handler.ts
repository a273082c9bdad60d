import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  newId,
  ROLE_SCOPES,
  type PortalRole,
  type PortalScope,
  type PortalAccessEvents,
  type EventOf,
} from '@hookport/contracts';
import { actorOf, Database, EventStore, type Principal } from '@hookport/platform';
import { PortalSessionConfig } from '../config';
import { hashCode } from './create-portal-session.handler';
import { insertGrant } from './portal-session.repository';
import type { MagicLinkIn, PortalTokenIn } from '@hookport/api-schema';
import type { MagicLinkOut, PortalTokenCreatedOut } from '@hookport/api-schema';

// What an editor may do beyond a viewer (managing secrets includes reading them).
const WRITE_SCOPES = ROLE_SCOPES.editor.filter((scope) => !ROLE_SCOPES.viewer.includes(scope));

/** Scopes from a role or a scope list, where Hookbase's `read` and `write` expand to ours. */
export const grantScopes = (role: PortalRole | undefined, scopes: string[] | undefined) => {
  if (!scopes) return [...ROLE_SCOPES[role ?? 'editor']];
  const expanded = scopes.flatMap((scope): readonly PortalScope[] =>
    scope === 'read'
      ? ROLE_SCOPES.viewer
      : scope === 'write'
        ? WRITE_SCOPES
        : [scope as PortalScope],
  );
  return [...new Set(expanded)];
};

interface Grant {
  kind: 'magic-link' | 'embed-token';
  appId: string;
  name: string | null;
  scopes: string[];
  metadata: Record<string, string>;
  expiresAt: Date;
}

/**
 * Magic links and long-lived embed tokens: a secret token, stored hashed, that may be exchanged
 * for a session token any number of times until it expires or is revoked.
 */
@Injectable()
export class IssueGrantHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore<EventOf<PortalAccessEvents>>,
    @Inject(PortalSessionConfig) private readonly config: PortalSessionConfig,
  ) {}

  async magicLink(appId: string, input: MagicLinkIn, principal: Principal): Promise<MagicLinkOut> {
    const minutes = input.expiresInMinutes ?? 60;
    const scopes = grantScopes(input.role, input.scopes);
    const { id, token, expiresAt } = await this.issue(
      {
        kind: 'magic-link',
        appId,
        name: null,
        scopes,
        metadata: input.metadata ?? {},
        expiresAt: new Date(Date.now() + minutes * 60_000),
      },
      principal,
    );
    const base = this.config.HOOKPORT_PUBLIC_URL.replace(/\/+$/, '');
    return {
      id,
      // The app id (not secret) lets the gateway serve the page with the app's frame origins.
      url: `${base}/portal/?app=${encodeURIComponent(appId)}#token=${token}`,
      token,
      expiresAt,
      expiresInMinutes: minutes,
      scopes,
    };
  }

  async embedToken(
    appId: string,
    input: PortalTokenIn,
    principal: Principal,
  ): Promise<PortalTokenCreatedOut> {
    const scopes = grantScopes(input.role, input.scopes);
    const days = input.expiresInDays ?? 30;
    const { id, token, expiresAt, createdAt } = await this.issue(
      {
        kind: 'embed-token',
        appId,
        name: input.name ?? null,
        scopes,
        metadata: input.metadata ?? {},
        expiresAt: new Date(Date.now() + days * 86_400_000),
      },
      principal,
    );
    return { id, name: input.name ?? null, scopes, createdAt, expiresAt, lastUsedAt: null, token };
  }

  private async issue(grant: Grant, principal: Principal) {
    const id = newId(grant.kind === 'magic-link' ? 'magicLink' : 'portalToken');
    // The kind prefix lets an operator (and secret scanners) recognise a leaked token.
    const token = `${grant.kind === 'magic-link' ? 'hpml' : 'hpet'}_${randomBytes(32).toString('base64url')}`;
    const expiresAt = grant.expiresAt.toISOString();
    const createdAt = await this.db.transaction(async (sql) => {
      await this.store.append(
        sql,
        id,
        0,
        [
          {
            type: 'portal-grant.created',
            data: {
              grantId: id,
              appId: grant.appId,
              kind: grant.kind,
              name: grant.name,
              scopes: grant.scopes,
              expiresAt,
            },
          },
        ],
        { applicationId: grant.appId, actor: actorOf(principal) },
      );
      const created = await insertGrant(sql, {
        id,
        appId: grant.appId,
        kind: grant.kind,
        name: grant.name,
        scopes: grant.scopes,
        metadata: grant.metadata,
        expiresAt,
        tokenHash: hashCode(token),
      });
      return created.toISOString();
    });
    return { id, token, expiresAt, createdAt };
  }
}

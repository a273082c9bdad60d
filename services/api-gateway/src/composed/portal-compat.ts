import { HookportError, type Principal } from '@hookport/platform';
import type { AppResolver } from '../forwarding/app-resolver';
import { relayReply } from '../forwarding/relay-reply';
import type { ServiceClient } from '../forwarding/service-client';
import type { ComposedHandler } from '../routes/route-call';
import type { PortalSessionOut } from '@hookport/api-schema';

/**
 * The portal-link calls of other products, answered in their shapes, so an operator moving to
 * Hookport changes a base URL, not code. Each creates an ordinary Hookport portal session; each
 * checks its own input first, as the products do, then finds the application.
 */
export class PortalCompat {
  constructor(
    private readonly services: ServiceClient,
    private readonly apps: AppResolver,
  ) {}

  /** Hook Mesh's `{ expires_in, permissions }`: `["read"]` is a viewer, read and write an admin. */
  readonly hookMesh: ComposedHandler = async ({ param, body, principal, reply }) => {
    const given = body as { expires_in?: unknown; permissions?: unknown } | undefined;
    const permissions = given?.permissions ?? ['read', 'write'];
    if (
      !Array.isArray(permissions) ||
      permissions.length === 0 ||
      permissions.some((permission) => permission !== 'read' && permission !== 'write')
    )
      throw new HookportError('validation', 'permissions must be ["read"] or ["read", "write"]', [
        { field: 'permissions', message: 'permissions must be ["read"] or ["read", "write"]' },
      ]);
    const created = await this.createSession(param('appId'), principal, {
      role: permissions.includes('write') ? 'admin' : 'viewer',
      ...(given?.expires_in === undefined ? {} : { expiresIn: given.expires_in }),
    });
    if (!created.session) return relayReply(reply, created.response);
    return reply
      .status(201)
      .send({ url: created.session.url, expires_at: created.session.expiresAt });
  };

  /**
   * Hookdeck Outpost's `GET /tenants/{tenant_id}/portal` (`?theme=light|dark`, and Hookport's
   * `expiresIn`, 60 to 86400 seconds): a redirect URL whose code is one-time, not the token.
   */
  readonly outpost: ComposedHandler = async ({ param, query, principal, reply }) => {
    const { theme, expiresIn } = query as { theme?: unknown; expiresIn?: unknown };
    if (theme !== undefined && theme !== 'light' && theme !== 'dark')
      throw new HookportError('validation', 'theme must be light or dark', [
        { field: 'theme', message: 'theme must be light or dark' },
      ]);
    if (expiresIn !== undefined && !(typeof expiresIn === 'string' && /^\d{1,6}$/.test(expiresIn)))
      throw new HookportError('validation', 'expiresIn must be a number of seconds', [
        { field: 'expiresIn', message: 'expiresIn must be a number of seconds (60 to 86400)' },
      ]);
    const created = await this.createSession(param('tenantId'), principal, {
      role: 'admin',
      ...(expiresIn === undefined ? {} : { expiresIn: Number(expiresIn) }),
    });
    if (!created.session) return relayReply(reply, created.response);
    const url = new URL(created.session.url);
    if (theme) url.searchParams.set('theme', theme);
    return reply.status(200).send({ redirect_url: url.toString() });
  };

  private async createSession(appId: string, principal: Principal, body: object) {
    const { app } = await this.apps.resolve(appId, principal);
    const response = await this.services.forward('portal-session', {
      method: 'POST',
      path: `/internal/apps/${app.id}/portal-sessions`,
      principal,
      body,
    });
    const session =
      response.status === 201
        ? (JSON.parse(response.body.toString('utf8')) as PortalSessionOut)
        : null;
    return { response, session };
  }
}

import { ApiKeyIn } from '../portal-access/api-key-in.dto';
import {
  AppPortalAccessIn,
  ApplicationTokenExpireIn,
} from '../portal-access/app-portal-access.dto';
import { HookMeshPortalTokenIn } from '../portal-access/compat.dto';
import { MagicLinkIn, PortalTokenIn } from '../portal-access/grant-in.dto';
import {
  ApiKeyCreatedOut,
  ApiKeyListOut,
  AppPortalAccessOut,
  HookMeshPortalOut,
  MagicLinkOut,
  OutpostPortalOut,
  PortalSessionOut,
  PortalSettingsOut,
  PortalTokenCreatedOut,
  PortalTokenListOut,
} from '../portal-access/portal-access.out';
import { PortalSessionIn } from '../portal-access/portal-session-in.dto';
import { PortalSettingsIn } from '../portal-access/portal-settings.dto';
import { routeGroup } from './route-table';

/**
 * Svix's `POST /api/v1/auth/logout`: ends the portal access the bearer token belongs to, at
 * every gateway (portal-session's revocation). API keys are not logged out (401): revoke one
 * with `DELETE /api/v1/api-key/{id}`.
 */
export const LOGOUT_ROUTES = routeGroup({
  auth: 'app-token',
  tag: 'Authentication',
  routes: [
    {
      id: 'logout',
      method: 'POST',
      path: '/api/v1/auth/logout',
      to: 'composed',
      summary: 'Log out an app token',
      description:
        'The bearer is the `token` app-portal-access answered (ends that portal session, exchanged or not), a magic link’s or embed token’s token (ends it and every session opened from it) or a portal session token (ends that session). Other tokens fail with 401.',
      status: 204,
    },
  ],
});

/** Management API: portal sessions, links and embed tokens, owned by portal-session. */
export const PORTAL_ACCESS_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Portal access',
  area: 'portal-access',
  routes: [
    {
      id: 'createPortalSession',
      method: 'POST',
      path: '/api/v1/app/{appId}/portal-session',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-sessions' },
      summary: 'Create a portal session URL for an application',
      body: PortalSessionIn,
      status: 201,
      ok: PortalSessionOut,
    },
    {
      id: 'revokePortalSession',
      method: 'DELETE',
      path: '/api/v1/app/{appId}/portal-session/{sessionId}',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-sessions/{sessionId}' },
      summary: 'End a portal session at once',
      status: 204,
    },
    {
      // Svix's `authentication.appPortalAccess`: `{ url, token }` for one application.
      id: 'appPortalAccess',
      method: 'POST',
      path: '/api/v1/auth/app-portal-access/{appId}',
      app: 'path-or-inline',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/app-portal-access' },
      summary: 'Svix’s app-portal-access: a portal session from capabilities',
      body: AppPortalAccessIn,
      status: 201,
      ok: AppPortalAccessOut,
    },
    {
      // Svix's `authentication.expireAll`: every live portal session of the application ends now.
      id: 'expireAllPortalSessions',
      method: 'POST',
      path: '/api/v1/auth/app/{appId}/expire-all',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-sessions/expire-all' },
      summary: 'End all (or the listed) portal sessions of an application',
      body: ApplicationTokenExpireIn,
      status: 204,
    },
    {
      // A magic link: a URL reusable until it expires (1 to 1440 minutes).
      id: 'createMagicLink',
      method: 'POST',
      path: '/api/v1/app/{appId}/magic-link',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/magic-links' },
      summary: 'Create a magic link (reusable until it expires)',
      body: MagicLinkIn,
      status: 201,
      ok: MagicLinkOut,
    },
    {
      // A long-lived embed token (1 to 365 days); its secret is in this answer only.
      id: 'createPortalToken',
      method: 'POST',
      path: '/api/v1/app/{appId}/portal-token',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-tokens' },
      summary: 'Create a long-lived embed token',
      body: PortalTokenIn,
      status: 201,
      ok: PortalTokenCreatedOut,
    },
    {
      id: 'listPortalTokens',
      method: 'GET',
      path: '/api/v1/app/{appId}/portal-token',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-tokens' },
      summary: 'List an application’s embed tokens (without their secret)',
      ok: PortalTokenListOut,
    },
    {
      id: 'revokePortalToken',
      method: 'DELETE',
      path: '/api/v1/app/{appId}/portal-token/{tokenId}',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-tokens/{tokenId}' },
      summary: 'Revoke an embed token and its sessions',
      status: 204,
    },
  ],
});

/**
 * Management API: the portal's white-label settings, installation-wide and per application,
 * owned by portal-session. A write also updates the gateway's allowed frame origins at once.
 */
export const PORTAL_SETTINGS_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Portal settings',
  area: 'settings',
  routes: [
    {
      id: 'getPortalSettings',
      method: 'GET',
      path: '/api/v1/portal-settings',
      to: { service: 'portal-session', path: '/internal/portal-settings' },
      summary: 'Get the installation’s portal settings (white-label)',
      ok: PortalSettingsOut,
    },
    {
      id: 'updatePortalSettings',
      method: 'PUT',
      path: '/api/v1/portal-settings',
      to: 'composed',
      summary: 'Replace the installation’s portal settings (what the body leaves out is unset)',
      body: PortalSettingsIn,
      ok: PortalSettingsOut,
    },
    {
      id: 'patchPortalSettings',
      method: 'PATCH',
      path: '/api/v1/portal-settings',
      to: 'composed',
      summary: 'Change some of the installation’s portal settings (null unsets one)',
      body: PortalSettingsIn,
      ok: PortalSettingsOut,
    },
    {
      id: 'getAppPortalSettings',
      method: 'GET',
      path: '/api/v1/app/{appId}/portal-settings',
      app: 'path',
      to: { service: 'portal-session', path: '/internal/apps/{appId}/portal-settings' },
      summary: 'Get an application’s portal settings (null: as the installation)',
      ok: PortalSettingsOut,
    },
    {
      id: 'updateAppPortalSettings',
      method: 'PUT',
      path: '/api/v1/app/{appId}/portal-settings',
      app: 'path',
      to: 'composed',
      summary: 'Replace an application’s portal settings (what the body leaves out is unset)',
      body: PortalSettingsIn,
      ok: PortalSettingsOut,
    },
    {
      id: 'patchAppPortalSettings',
      method: 'PATCH',
      path: '/api/v1/app/{appId}/portal-settings',
      app: 'path',
      to: 'composed',
      summary: 'Change some of an application’s portal settings (null: as the installation)',
      body: PortalSettingsIn,
      ok: PortalSettingsOut,
    },
  ],
});

/**
 * The portal-link calls of other products, answered in their shapes, so an operator moving to
 * Hookport changes a base URL, not code. Each creates an ordinary Hookport portal session.
 */
export const PORTAL_COMPAT_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'Portal access',
  area: 'portal-access',
  routes: [
    {
      // Hook Mesh's `{ expires_in, permissions }`: `["read"]` is a viewer, read and write an admin.
      id: 'createHookMeshPortalToken',
      method: 'POST',
      path: '/api/v1/applications/{appId}/portal-tokens',
      to: 'composed',
      summary: 'Hook Mesh compatible: a portal URL for an application',
      body: HookMeshPortalTokenIn,
      status: 201,
      ok: HookMeshPortalOut,
    },
    {
      // Hookdeck Outpost's `?theme=light|dark`: a tenant is an application (id or uid).
      id: 'getOutpostPortal',
      method: 'GET',
      path: '/api/v1/tenants/{tenantId}/portal',
      to: 'composed',
      summary: 'Hookdeck Outpost compatible: a portal redirect URL for a tenant',
      ok: OutpostPortalOut,
    },
  ],
});

/** Management API: scoped API keys for the operator's backends (secret shown once). */
export const API_KEY_ROUTES = routeGroup({
  auth: 'api-key',
  tag: 'API key',
  area: 'api-keys',
  routes: [
    {
      id: 'createApiKey',
      method: 'POST',
      path: '/api/v1/api-key',
      to: { service: 'portal-session', path: '/internal/api-keys' },
      summary: 'Create a scoped API key (shown once)',
      body: ApiKeyIn,
      status: 201,
      ok: ApiKeyCreatedOut,
    },
    {
      id: 'listApiKeys',
      method: 'GET',
      path: '/api/v1/api-key',
      to: { service: 'portal-session', path: '/internal/api-keys' },
      summary: 'List API keys (without their secret)',
      ok: ApiKeyListOut,
    },
    {
      id: 'revokeApiKey',
      method: 'DELETE',
      path: '/api/v1/api-key/{keyId}',
      to: { service: 'portal-session', path: '/internal/api-keys/{keyId}' },
      summary: 'Revoke an API key at once',
      status: 204,
    },
  ],
});

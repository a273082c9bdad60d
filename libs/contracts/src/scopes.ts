/** Portal scopes: what a portal session may do. */
export const PORTAL_SCOPES = [
  'endpoints:read',
  'endpoints:write',
  'endpoints:delete',
  'secrets:read',
  'secrets:rotate',
  'messages:read',
  'messages:retry',
  'event-types:read',
  'audit:read',
] as const;

export type PortalScope = (typeof PORTAL_SCOPES)[number];

export const PORTAL_ROLES = ['viewer', 'editor', 'admin'] as const;
export type PortalRole = (typeof PORTAL_ROLES)[number];

const VIEWER: PortalScope[] = PORTAL_SCOPES.filter((scope) => scope.endsWith(':read'));
const EDITOR: PortalScope[] = [...VIEWER, 'endpoints:write', 'secrets:rotate', 'messages:retry'];
const ADMIN: PortalScope[] = [...EDITOR, 'endpoints:delete'];

export const ROLE_SCOPES: Record<PortalRole, readonly PortalScope[]> = {
  viewer: VIEWER,
  editor: EDITOR,
  admin: ADMIN,
};

export const isPortalScope = (value: string): value is PortalScope =>
  (PORTAL_SCOPES as readonly string[]).includes(value);

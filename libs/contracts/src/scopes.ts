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

// A read-only user must not see signing secrets (they forge webhooks) nor custom header values
// (receivers' credentials): `secrets:read` goes only with the right to manage secrets.
const VIEWER: PortalScope[] = PORTAL_SCOPES.filter(
  (scope) => scope.endsWith(':read') && scope !== 'secrets:read',
);
const EDITOR: PortalScope[] = [
  ...VIEWER,
  'endpoints:write',
  'secrets:read',
  'secrets:rotate',
  'messages:retry',
];
const ADMIN: PortalScope[] = [...EDITOR, 'endpoints:delete'];

export const ROLE_SCOPES: Record<PortalRole, readonly PortalScope[]> = {
  viewer: VIEWER,
  editor: EDITOR,
  admin: ADMIN,
};

export const isPortalScope = (value: string): value is PortalScope =>
  (PORTAL_SCOPES as readonly string[]).includes(value);

/**
 * Management API key scopes: `<area>:read` for GET, `<area>:write` for every other method.
 * `*` (the bootstrap key's) allows everything.
 */
export const MANAGEMENT_AREAS = [
  'applications',
  'event-types',
  'endpoints',
  'messages',
  'portal-access',
  'settings',
  'api-keys',
  // The operator's own operational webhook endpoints (Svix's `operational-webhook`).
  'operational-webhooks',
] as const;

export type ManagementArea = (typeof MANAGEMENT_AREAS)[number];

export const MANAGEMENT_SCOPES = [
  '*',
  ...MANAGEMENT_AREAS.flatMap((area) => [`${area}:read`, `${area}:write`] as const),
] as const;

export type ManagementScope = (typeof MANAGEMENT_SCOPES)[number];

/** Whether a key holding `granted` may do `needed` (`*` grants all; `:write` implies `:read`). */
export const managementScopeAllows = (granted: readonly string[], needed: string): boolean =>
  granted.includes('*') ||
  granted.includes(needed) ||
  (needed.endsWith(':read') && granted.includes(needed.replace(/:read$/, ':write')));

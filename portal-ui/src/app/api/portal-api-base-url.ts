import { InjectionToken } from '@angular/core';

/** Where the gateway serves the portal API; the same origin as the portal by default. */
export const PORTAL_API_BASE_URL = new InjectionToken<string>('PORTAL_API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/portal-api/v1',
});

/** True when `url` is a portal API route: only those may carry the session token. */
export function isPortalApiUrl(url: string, baseUrl: string): boolean {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`);
}

/**
 * The "back to app" target, only when it is an absolute http(s) URL: anything else (a
 * `javascript:` URL, a relative path that would resolve inside the portal) is dropped.
 */
export function safeReturnUrl(returnUrl: string | null | undefined): string | null {
  if (!returnUrl) {
    return null;
  }
  try {
    const url = new URL(returnUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

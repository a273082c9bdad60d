// What opens a session travels in the URL fragment: a session's one-time code
// (`/portal/#code=...`) or a magic link's token (`/portal/#token=...`). Browsers never send a
// fragment to a server, so it stays out of access logs and Referer headers.

/** What the portal exchanges for a session token, with the page's application if it names one. */
export type SessionGrant = ({ readonly code: string } | { readonly token: string }) & {
  readonly app?: string;
};

/** The one-time code in a location fragment such as `#code=abc`, or null when there is none. */
export function readCodeFromHash(hash: string): string | null {
  const code = fragmentParams(hash).get('code')?.trim();
  return code ? code : null;
}

/** The code or magic-link token in a location fragment, or null when there is neither. */
export function readGrantFromHash(hash: string): SessionGrant | null {
  const code = readCodeFromHash(hash);
  if (code !== null) return { code };
  const token = fragmentParams(hash).get('token')?.trim();
  return token ? { token } : null;
}

/** The fragment that remains once the code or token is taken out: `''` when nothing else was. */
export function hashWithoutCode(hash: string): string {
  const params = fragmentParams(hash);
  params.delete('code');
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

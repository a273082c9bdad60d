// The one-time code travels in the URL fragment (`/portal/#code=...`): browsers never send a
// fragment to a server, so it stays out of access logs and Referer headers.

/** The one-time code in a location fragment such as `#code=abc`, or null when there is none. */
export function readCodeFromHash(hash: string): string | null {
  const code = fragmentParams(hash).get('code')?.trim();
  return code ? code : null;
}

/** The fragment that remains once the code is taken out: `''` when nothing else was in it. */
export function hashWithoutCode(hash: string): string {
  const params = fragmentParams(hash);
  params.delete('code');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

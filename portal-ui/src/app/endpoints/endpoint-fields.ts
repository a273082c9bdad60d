import type { EndpointDraft, EndpointPatch } from './endpoints-api';

/**
 * The optional fields as the API takes them: channels from a comma-separated list, a rate limit
 * per second, headers from "Name: value" lines. Blank means "not set"; the API checks the rest.
 */
export function endpointExtras(
  channels: string,
  rateLimit: string,
  headers: string,
): Pick<EndpointDraft, 'channels' | 'rateLimit' | 'headers'> {
  const list = channels
    .split(',')
    .map((channel) => channel.trim())
    .filter(Boolean);
  const pairs = headers
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon === -1
        ? [line, '']
        : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    });
  return {
    ...(list.length > 0 ? { channels: list } : {}),
    ...(rateLimit.trim() ? { rateLimit: Number(rateLimit) } : {}),
    ...(pairs.length > 0 ? { headers: Object.fromEntries(pairs) } : {}),
  };
}

/** The same fields for an edit: a blank field clears the setting rather than leaving it out. */
export function endpointEdits(
  channels: string,
  rateLimit: string,
  headers: string | null,
): Pick<EndpointPatch, 'channels' | 'rateLimit' | 'headers'> {
  const given = endpointExtras(channels, rateLimit, headers ?? '');
  return {
    channels: given.channels ?? null,
    rateLimit: given.rateLimit ?? null,
    // Headers only when the session could read them (secrets:read): else they stay as they are.
    ...(headers === null ? {} : { headers: given.headers ?? {} }),
  };
}

/** Lines of "Name: value", as the headers field shows them. */
export function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

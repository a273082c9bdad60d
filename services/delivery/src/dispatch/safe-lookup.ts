import { lookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from '@hookport/platform';

/** Raised when an endpoint's address is one webhooks may not reach. */
export class SsrfBlockedError extends Error {
  readonly code = 'HOOKPORT_SSRF_BLOCKED';

  constructor(host: string, address: string, reason: string) {
    super(
      host === address
        ? `${address} is a ${reason} address, which webhooks may not be sent to`
        : `${host} resolves to ${address}, a ${reason} address, which webhooks may not be sent to`,
    );
  }
}

/** The SSRF refusal behind an error, which undici may wrap as a cause. */
export const findSsrfBlock = (error: unknown): SsrfBlockedError | null => {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (current instanceof SsrfBlockedError) return current;
  }
  return null;
};

/**
 * A `lookup` for the HTTP agent's sockets: resolves every address of the name and refuses the
 * connection when any is refused by the policy, so the socket only ever connects to an address
 * that was checked (no DNS rebinding between check and connect).
 */
export const safeLookup = (policy: AddressPolicy): LookupFunction =>
  ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    lookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      for (const { address } of addresses) {
        const verdict = policy.check(address);
        if (!verdict.allowed)
          return callback(new SsrfBlockedError(hostname, address, verdict.reason));
      }
      if (options?.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first)
        return callback(
          Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
        );
      return callback(null, first.address, first.family);
    });
  }) as unknown as LookupFunction;

/** IP literals in URLs never reach `lookup`: they are checked before any request. */
export const checkLiteralHost = (policy: AddressPolicy, url: string): SsrfBlockedError | null => {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(host)) return null;
  const verdict = policy.check(host);
  return verdict.allowed ? null : new SsrfBlockedError(host, host, verdict.reason);
};

import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Why an address is refused: the ipaddr.js range it falls in (loopback, private, linkLocal…). */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/**
 * SSRF policy for outbound webhook traffic: only global unicast addresses are reachable, unless
 * an address falls in an explicitly allowed CIDR (`HOOKPORT_SSRF_ALLOW`, for development and
 * tests). Everything else — loopback, private, link-local (cloud metadata at 169.254.169.254),
 * CGNAT, unique-local, multicast, unspecified, reserved, NAT64/6to4/Teredo tunnels — is refused.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 *
 * The endpoints service checks at write time; delivery checks again at connect time, after DNS
 * resolution, and connects to the checked address (no rebinding window).
 */
export class AddressPolicy {
  private readonly allowed: Cidr[];

  constructor(allowCidrs: readonly string[] = []) {
    this.allowed = allowCidrs.map((cidr) => {
      try {
        return ipaddr.parseCIDR(cidr);
      } catch {
        throw new Error(`HOOKPORT_SSRF_ALLOW: "${cidr}" is not a CIDR`);
      }
    });
  }

  /** From the comma-separated `HOOKPORT_SSRF_ALLOW` setting. */
  static fromSetting(value: string | undefined): AddressPolicy {
    return new AddressPolicy(
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );
  }

  check(address: string): AddressVerdict {
    if (!ipaddr.isValid(address)) return { allowed: false, reason: 'not an IP address' };
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    for (const [network, bits] of this.allowed) {
      if (network.kind() === parsed.kind() && parsed.match(network, bits)) return { allowed: true };
    }
    const range = parsed.range();
    if (range !== 'unicast') return { allowed: false, reason: range };
    // IPv6 is judged by allowlist: only global unicast (2000::/3) is reachable. ipaddr.js calls
    // what it has no name for "unicast", e.g. the deprecated IPv4-compatible ::/96 (::127.0.0.1).
    if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6))
      return { allowed: false, reason: 'notGlobalUnicast' };
    return { allowed: true };
  }

  /**
   * Resolves a URL's host (an IP literal is checked as is) and judges every address it has.
   * `dnsFailed` when the name does not resolve: the caller decides whether that is an error.
   */
  async checkHost(
    host: string,
  ): Promise<AddressVerdict & { addresses: string[]; dnsFailed?: boolean }> {
    const literal = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (ipaddr.isValid(literal)) return { ...this.check(literal), addresses: [literal] };
    let addresses: string[];
    try {
      addresses = (await lookup(literal, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return { allowed: true, addresses: [], dnsFailed: true };
    }
    for (const address of addresses) {
      const verdict = this.check(address);
      if (!verdict.allowed) return { ...verdict, addresses };
    }
    return { allowed: true, addresses };
  }
}

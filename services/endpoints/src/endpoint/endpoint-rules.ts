import { isOperationalEventType, OPERATIONAL_APP_ID } from '@hookport/contracts';
import { AddressPolicy, type Sql } from '@hookport/platform';
import { findActiveEventTypeNames } from '../event-type/event-type.repository';
import { EndpointError } from './endpoint.errors';

// Headers Hookport sets itself or that would break the request: never taken from the operator.
const RESERVED_HEADER =
  /^(host|content-length|content-type|transfer-encoding|connection|keep-alive|upgrade|te|trailer|proxy-.*|webhook-.*|svix-.*)$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

/** Write-time checks shared by creating and changing an endpoint. */
export class EndpointRules {
  private readonly policy: AddressPolicy;

  constructor(
    private readonly allowHttp: boolean,
    ssrfAllow: string,
  ) {
    this.policy = AddressPolicy.fromSetting(ssrfAllow);
  }

  /**
   * https unless the installation allows http; the host must not resolve to a loopback,
   * private, link-local or metadata address (delivery checks again at connect time).
   */
  async checkUrl(url: string): Promise<void> {
    const parsed = new URL(url);
    if (!this.allowHttp && parsed.protocol !== 'https:') throw EndpointError.httpsRequired();
    const verdict = await this.policy.checkHost(parsed.hostname);
    if (!verdict.allowed) throw EndpointError.addressNotAllowed(parsed.hostname, verdict.reason);
  }

  checkHeaders(headers: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name) || typeof value !== 'string' || /[\r\n]/.test(value)) {
        throw EndpointError.invalidHeader(name);
      }
      if (RESERVED_HEADER.test(name)) throw EndpointError.reservedHeader(name);
    }
  }

  /**
   * Every filter type must be in the catalogue and not archived; an operational webhook
   * endpoint's, one of Hookport's own event types.
   */
  async checkFilterTypes(
    sql: Sql,
    appId: string,
    filterTypes: string[] | null | undefined,
  ): Promise<void> {
    if (!filterTypes || filterTypes.length === 0) return;
    if (appId === OPERATIONAL_APP_ID) {
      const unknown = filterTypes.filter((name) => !isOperationalEventType(name));
      if (unknown.length > 0) throw EndpointError.unknownEventTypes(unknown);
      return;
    }
    const known = new Set(await findActiveEventTypeNames(sql, filterTypes));
    const unknown = filterTypes.filter((name) => !known.has(name));
    if (unknown.length > 0) throw EndpointError.unknownEventTypes(unknown);
  }
}

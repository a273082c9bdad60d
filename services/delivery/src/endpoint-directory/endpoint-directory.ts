import { Injectable } from '@nestjs/common';
import { HookportError } from '@hookport/platform';

/** What delivery knows of an endpoint: enough to fan out, sign and send without a query. */
export interface DirectoryEndpoint {
  id: string;
  appId: string;
  url: string;
  filterTypes: string[] | null;
  channels: string[] | null;
  disabled: boolean;
  rateLimit: number | null;
  /** Custom headers in clear, as sent. */
  headers: Record<string, string>;
  /** The same values sealed, as the attempt records keep them. */
  sealedHeaders: Record<string, string>;
  /** Decrypted `whsec_` secrets currently valid for signing. */
  secrets: { secret: string; expiresAt: string | null }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivery's in-memory projection of endpoints, fed by the endpoints service's events and
 * reloaded from delivery's own tables at start. Fan-out reads it; it never queries per message.
 */
@Injectable()
export class EndpointDirectory {
  private readonly byApp = new Map<string, Map<string, DirectoryEndpoint>>();
  private readonly byId = new Map<string, DirectoryEndpoint>();
  private readonly positions = new Map<string, bigint>();
  /**
   * The newest version of each endpoint's stream applied here; a deleted endpoint's stays, at
   * infinity. The endpoints topic may bring an older event after a newer one (a replica
   * replaying the topic over what it loaded, a relay that lost the race publishing a batch
   * again): it must not bring back an older state, nor a deleted endpoint.
   */
  private readonly versions = new Map<string, number>();

  upsert(endpoint: DirectoryEndpoint): void {
    this.byId.set(endpoint.id, endpoint);
    const forApp = this.byApp.get(endpoint.appId) ?? new Map<string, DirectoryEndpoint>();
    forApp.set(endpoint.id, endpoint);
    this.byApp.set(endpoint.appId, forApp);
  }

  /**
   * Claims `version` of the endpoint's stream when it is newer than the one held: true means
   * apply the change, false that the directory already holds it or a later one.
   */
  claimVersion(endpointId: string, version: number): boolean {
    if ((this.versions.get(endpointId) ?? 0) >= version) return false;
    this.versions.set(endpointId, version);
    return true;
  }

  /** Removes the endpoint for good: no later-arriving older change brings it back. */
  remove(endpointId: string): void {
    this.versions.set(endpointId, Number.POSITIVE_INFINITY);
    const endpoint = this.byId.get(endpointId);
    if (!endpoint) return;
    this.byId.delete(endpointId);
    this.byApp.get(endpoint.appId)?.delete(endpointId);
  }

  removeApplication(appId: string): void {
    for (const endpointId of this.byApp.get(appId)?.keys() ?? []) {
      this.versions.set(endpointId, Number.POSITIVE_INFINITY);
      this.byId.delete(endpointId);
    }
    this.byApp.delete(appId);
  }

  get(endpointId: string): DirectoryEndpoint | undefined {
    return this.byId.get(endpointId);
  }

  /** Records that the projection reflects the endpoints service up to `position` for an app. */
  advance(appId: string, position: string): void {
    const next = BigInt(position);
    if ((this.positions.get(appId) ?? -1n) < next) this.positions.set(appId, next);
  }

  /** Whether the application has any endpoint, enabled or not. */
  hasEndpoints(appId: string): boolean {
    return (this.byApp.get(appId)?.size ?? 0) > 0;
  }

  hasApplication(appId: string): boolean {
    return this.positions.has(appId);
  }

  /**
   * Waits until the projection has caught up with what the caller saw (read-your-writes across
   * services): a message sent right after creating an endpoint still reaches it.
   */
  async waitFor(appId: string, position: string | undefined, timeoutMs = 3_000): Promise<boolean> {
    if (!position || !/^\d+$/.test(position)) return true;
    const target = BigInt(position);
    const deadline = Date.now() + timeoutMs;
    while ((this.positions.get(appId) ?? -1n) < target) {
      if (Date.now() > deadline) return false;
      await sleep(5);
    }
    return true;
  }

  /**
   * What every request that names the caller's position does first (ingest, test send, resend,
   * recover): waits for the endpoint changes the caller has seen, or answers 503 to retry.
   */
  async catchUpWith(appId: string, position: string | undefined): Promise<void> {
    if (!(await this.waitFor(appId, position)))
      throw new HookportError(
        'upstreamUnavailable',
        'Delivery has not yet caught up with recent endpoint changes; retry shortly',
        undefined,
        { 'retry-after': '1' },
      );
  }

  /** The endpoint, when it exists and belongs to the application (a one-element list). */
  ofApplication(appId: string, endpointId: string): DirectoryEndpoint[] {
    const endpoint = this.byApp.get(appId)?.get(endpointId);
    return endpoint ? [endpoint] : [];
  }

  /** The enabled endpoints of an application that subscribe to this event type and channels. */
  targets(appId: string, eventType: string, channels: string[] | null): DirectoryEndpoint[] {
    const forApp = this.byApp.get(appId);
    if (!forApp) return [];
    return [...forApp.values()].filter(
      (endpoint) =>
        !endpoint.disabled &&
        (endpoint.filterTypes === null ||
          endpoint.filterTypes.length === 0 ||
          endpoint.filterTypes.includes(eventType)) &&
        (endpoint.channels === null ||
          endpoint.channels.length === 0 ||
          (channels ?? []).some((channel) => endpoint.channels!.includes(channel))),
    );
  }
}

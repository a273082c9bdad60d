import { Controller, Inject } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type EndpointCreatedV1,
  type EndpointsEvents,
  type EnvelopeOf,
  type SecretMaterial,
} from '@hookport/contracts';
import {
  claimUnhandled,
  ConsumeEvents,
  Database,
  clearAndSealedHeaderValues,
  sealHeaderValues,
  SecretBox,
  type Sql,
  type TopicBatch,
} from '@hookport/platform';
import { EndpointDirectory, type DirectoryEndpoint } from './endpoint-directory';
import {
  advanceApplicationPosition,
  deleteApplicationEndpointRows,
  deleteEndpointRow,
  readApplicationPositions,
  readEndpointRows,
  rotateEndpointSecrets,
  upsertEndpointRow,
  type EndpointRow,
} from './endpoint-projection.repository';

/**
 * Keeps delivery's copy of endpoint configuration: durable in delivery's schema (so a restart
 * needs no replay) and mirrored in memory for the hot path.
 */
@Controller()
export class EndpointProjection {
  static readonly consumer = 'endpoint-projection';

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(SecretBox) private readonly secretBox: SecretBox,
  ) {}

  /** Loads the durable projection into memory at start. */
  async load(): Promise<void> {
    for (const app of await readApplicationPositions(this.db))
      this.directory.advance(app.id, app.position);
    for (const row of await readEndpointRows(this.db)) {
      this.directory.claimVersion(row.id, row.stream_version);
      this.directory.upsert(this.toDirectoryEndpoint(row));
    }
  }

  /**
   * A consumer group of this process's own: every replica must hear of every endpoint change,
   * since any replica may accept a message for any application and claim any delivery (in a
   * shared group each replica saw the changes of its partitions only, and claimed deliveries to
   * endpoints it had never heard of as missing ones). The durable copy is written once, by the
   * replica whose transaction claims the event first. Read from the beginning at each start:
   * a replica is ready once it has replayed the topic (catchUpBeforeReady).
   */
  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.deliveryEndpoints,
    isGroupPerProcess: true,
    topics: [TOPICS.endpoints],
    fromBeginning: true,
    catchUpBeforeReady: true,
    // A message sent just after an endpoint change waits for it here (see catchUpWith).
    immediate: true,
  })
  async handle({ events }: TopicBatch<typeof TOPICS.endpoints>): Promise<void> {
    await this.db.transaction(async (sql) => {
      const fresh = await claimUnhandled(sql, 'delivery', EndpointProjection.consumer, events);
      for (const event of fresh) {
        await this.apply(sql, event);
        if (event.applicationId) {
          await advanceApplicationPosition(sql, event.applicationId, event.globalPosition);
        }
      }
    });
    // Memory follows the committed state. Events already applied (by this replica, another one,
    // or before a restart) are offered again: each carries the endpoint's whole state (or its
    // removal), and the directory takes only those newer than what it holds (claimVersion).
    for (const event of events) {
      this.applyInMemory(event);
      if (event.applicationId) this.directory.advance(event.applicationId, event.globalPosition);
    }
  }

  private async apply(sql: Sql, event: EnvelopeOf<EndpointsEvents>): Promise<void> {
    switch (event.type) {
      case 'endpoint.created':
      case 'endpoint.updated': {
        const { data } = event;
        const row = rowOf(data);
        await upsertEndpointRow(
          sql,
          // Sealed here too: a replay may bring an older release's event, values in clear.
          { ...row, headers: sealHeaderValues(this.secretBox, row.headers) },
          event.streamPosition,
        );
        return;
      }
      case 'endpoint.secret-rotated': {
        const { data } = event;
        await rotateEndpointSecrets(sql, data.endpointId, data.secrets, event.streamPosition);
        return;
      }
      case 'endpoint.deleted': {
        const { data } = event;
        await deleteEndpointRow(sql, data.endpointId);
        return;
      }
      case 'application.deleted': {
        const { data } = event;
        await deleteApplicationEndpointRows(sql, data.appId);
        return;
      }
      // Names and the catalogue: delivery needs no copy of them to deliver.
      case 'application.created':
      case 'application.updated':
      case 'event-type.created':
      case 'event-type.updated':
        return;
    }
  }

  private applyInMemory(event: EnvelopeOf<EndpointsEvents>): void {
    switch (event.type) {
      case 'endpoint.created':
      case 'endpoint.updated': {
        const { data } = event;
        if (!this.directory.claimVersion(data.endpointId, event.streamPosition)) return;
        this.directory.upsert(this.toDirectoryEndpoint(rowOf(data)));
        return;
      }
      case 'endpoint.secret-rotated': {
        const { data } = event;
        const current = this.directory.get(data.endpointId);
        if (current && this.directory.claimVersion(data.endpointId, event.streamPosition)) {
          this.directory.upsert({ ...current, secrets: this.decryptAll(data.secrets) });
        }
        return;
      }
      case 'endpoint.deleted':
        this.directory.remove(event.data.endpointId);
        return;
      case 'application.deleted':
        this.directory.removeApplication(event.data.appId);
        return;
      case 'application.created':
      case 'application.updated':
      case 'event-type.created':
      case 'event-type.updated':
        return;
    }
  }

  private decryptAll(secrets: SecretMaterial[]) {
    return secrets.map((material) => ({
      secret: this.secretBox.decrypt(material.encrypted),
      expiresAt: material.expiresAt,
    }));
  }

  private toDirectoryEndpoint(row: EndpointRow): DirectoryEndpoint {
    const headers = clearAndSealedHeaderValues(this.secretBox, row.headers);
    return {
      id: row.id,
      appId: row.app_id,
      url: row.url,
      filterTypes: row.filter_types,
      channels: row.channels,
      disabled: row.disabled,
      rateLimit: row.rate_limit,
      headers: headers.clear,
      sealedHeaders: headers.sealed,
      secrets: this.decryptAll(row.secrets),
    };
  }
}

/** An endpoint event's state as delivery's row holds it (headers as the event has them). */
const rowOf = (data: EndpointCreatedV1): EndpointRow => ({
  id: data.endpointId,
  app_id: data.appId,
  url: data.url,
  filter_types: data.filterTypes,
  channels: data.channels,
  disabled: data.disabled,
  rate_limit: data.rateLimit,
  headers: data.headers,
  secrets: data.secrets,
});

import { Inject, Injectable } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type ApplicationDeletedV1,
  type EndpointCreatedV1,
  type EndpointDeletedV1,
  type EndpointSecretRotatedV1,
  type EventEnvelope,
  type SecretMaterial,
} from '@hookport/contracts';
import {
  claimUnhandled,
  Database,
  clearAndSealedHeaderValues,
  sealHeaderValues,
  SecretBox,
  type ConsumedBatch,
  type Sql,
} from '@hookport/platform';
import { EndpointDirectory, type DirectoryEndpoint } from './endpoint-directory';

interface EndpointRow {
  id: string;
  app_id: string;
  url: string;
  filter_types: string[] | null;
  channels: string[] | null;
  disabled: boolean;
  rate_limit: number | null;
  headers: Record<string, string>;
  secrets: SecretMaterial[];
}

/**
 * Keeps delivery's copy of endpoint configuration: durable in delivery's schema (so a restart
 * needs no replay) and mirrored in memory for the hot path.
 */
@Injectable()
export class EndpointProjection {
  static readonly consumer = 'endpoint-projection';

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EndpointDirectory) private readonly directory: EndpointDirectory,
    @Inject(SecretBox) private readonly secretBox: SecretBox,
  ) {}

  get subscription() {
    return {
      groupId: CONSUMER_GROUPS.deliveryEndpoints,
      topics: [TOPICS.endpoints],
      fromBeginning: true,
      // A message sent just after an endpoint change waits for it here (see catchUpWith).
      immediate: true,
      handle: (batch: ConsumedBatch) => this.handle(batch.events),
    };
  }

  /** Loads the durable projection into memory at start. */
  async load(): Promise<void> {
    const apps = await this.db.query<{ id: string; position: string }>(
      'SELECT id, position::text FROM delivery.applications',
    );
    for (const app of apps.rows) this.directory.advance(app.id, app.position);
    const endpoints = await this.db.query<EndpointRow>('SELECT * FROM delivery.endpoints');
    for (const row of endpoints.rows) this.directory.upsert(this.toDirectoryEndpoint(row));
  }

  async handle(events: EventEnvelope[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      const fresh = await claimUnhandled(sql, 'delivery', EndpointProjection.consumer, events);
      for (const event of fresh) {
        await this.apply(sql, event);
        if (event.applicationId) {
          await sql.query(
            `INSERT INTO delivery.applications (id, position) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET position = GREATEST(delivery.applications.position, EXCLUDED.position)`,
            [event.applicationId, event.globalPosition],
          );
        }
      }
    });
    // Memory follows the committed state. Already-applied events are applied again: each
    // carries the endpoint's whole state (or its removal), so replaying one is harmless as long
    // as batches arrive in stream order, which per-application partitioning guarantees.
    for (const event of events) {
      this.applyInMemory(event);
      if (event.applicationId) this.directory.advance(event.applicationId, event.globalPosition);
    }
  }

  private async apply(sql: Sql, event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case 'endpoint.created':
      case 'endpoint.updated': {
        const data = event.data as EndpointCreatedV1;
        // Only a newer stream version replaces the row: a replayed older event changes nothing.
        await sql.query(
          `INSERT INTO delivery.endpoints
             (id, app_id, url, filter_types, channels, disabled, rate_limit, headers, secrets, stream_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (id) DO UPDATE SET
             url = EXCLUDED.url, filter_types = EXCLUDED.filter_types, channels = EXCLUDED.channels,
             disabled = EXCLUDED.disabled, rate_limit = EXCLUDED.rate_limit,
             headers = EXCLUDED.headers, secrets = EXCLUDED.secrets,
             stream_version = EXCLUDED.stream_version
           WHERE delivery.endpoints.stream_version < EXCLUDED.stream_version`,
          [
            data.endpointId,
            data.appId,
            data.url,
            data.filterTypes,
            data.channels,
            data.disabled,
            data.rateLimit,
            // Sealed here too: a replay may bring an older release's event, values in clear.
            JSON.stringify(sealHeaderValues(this.secretBox, data.headers)),
            JSON.stringify(data.secrets),
            event.streamPosition,
          ],
        );
        return;
      }
      case 'endpoint.secret-rotated': {
        const data = event.data as EndpointSecretRotatedV1;
        await sql.query(
          `UPDATE delivery.endpoints SET secrets = $2, stream_version = $3
            WHERE id = $1 AND stream_version < $3`,
          [data.endpointId, JSON.stringify(data.secrets), event.streamPosition],
        );
        return;
      }
      case 'endpoint.deleted': {
        const data = event.data as EndpointDeletedV1;
        await sql.query('DELETE FROM delivery.endpoints WHERE id = $1', [data.endpointId]);
        return;
      }
      case 'application.deleted': {
        const data = event.data as ApplicationDeletedV1;
        await sql.query('DELETE FROM delivery.endpoints WHERE app_id = $1', [data.appId]);
        return;
      }
    }
  }

  private applyInMemory(event: EventEnvelope): void {
    switch (event.type) {
      case 'endpoint.created':
      case 'endpoint.updated': {
        const data = event.data as EndpointCreatedV1;
        this.directory.upsert(
          this.toDirectoryEndpoint({
            id: data.endpointId,
            app_id: data.appId,
            url: data.url,
            filter_types: data.filterTypes,
            channels: data.channels,
            disabled: data.disabled,
            rate_limit: data.rateLimit,
            headers: data.headers,
            secrets: data.secrets,
          }),
        );
        return;
      }
      case 'endpoint.secret-rotated': {
        const data = event.data as EndpointSecretRotatedV1;
        const current = this.directory.get(data.endpointId);
        if (current) {
          this.directory.upsert({ ...current, secrets: this.decryptAll(data.secrets) });
        }
        return;
      }
      case 'endpoint.deleted':
        this.directory.remove((event.data as EndpointDeletedV1).endpointId);
        return;
      case 'application.deleted':
        this.directory.removeApplication((event.data as ApplicationDeletedV1).appId);
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

import { Inject, Injectable } from '@nestjs/common';
import { newId, type EndpointOut } from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  isUniqueViolation,
  OutboxRelay,
  SecretBox,
  type Principal,
} from '@hookport/platform';
import { ApplicationError } from '../application/application.errors';
import { findApplication } from '../application/application.repository';
import { EndpointsConfig } from '../config';
import { decideEndpoint, initialEndpointState } from './endpoint.decider';
import { EndpointError } from './endpoint.errors';
import { findEndpoint } from './endpoint.repository';
import type { EndpointInDto } from './dto/endpoint-in.dto';
import { generateSigningSecret } from './signing-secret';

@Injectable()
export class CreateEndpointHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(EndpointsConfig) private readonly config: EndpointsConfig,
  ) {}

  async execute(appId: string, input: EndpointInDto, principal: Principal): Promise<EndpointOut> {
    if (!this.config.HOOKPORT_ALLOW_HTTP && new URL(input.url).protocol !== 'https:') {
      throw EndpointError.httpsRequired();
    }
    const app = await findApplication(this.db, appId);
    if (!app) throw ApplicationError.notFound(appId);
    const endpointId = newId('endpoint');
    // An endpoint created from a portal session carries that session's metadata.
    const metadata = {
      ...(principal.kind === 'portal-session' ? principal.metadata : {}),
      ...(input.metadata ?? {}),
    };
    const events = decideEndpoint(
      {
        type: 'CreateEndpoint',
        data: {
          endpointId,
          appId: app.app.id,
          url: input.url,
          description: input.description ?? '',
          uid: input.uid ?? null,
          version: input.version ?? 1,
          filterTypes: input.filterTypes ?? null,
          channels: input.channels ?? null,
          rateLimit: input.rateLimit ?? null,
          disabled: input.disabled ?? false,
          headers: input.headers ?? {},
          metadata,
          secrets: [
            {
              encrypted: this.secrets.encrypt(input.secret ?? generateSigningSecret()),
              expiresAt: null,
            },
          ],
        },
      },
      initialEndpointState,
    );
    try {
      await this.db.transaction(async (sql) => {
        const [created] = await this.store.append(sql, endpointId, 0, events, {
          applicationId: app.app.id,
          actor: actorOf(principal),
        });
        if (!created || created.type !== 'endpoint.created') return;
        const data = events[0]!.data;
        await sql.query(
          `INSERT INTO endpoints.endpoints
             (id, app_id, uid, url, description, version, filter_types, channels, rate_limit, disabled,
              headers, metadata, secrets, stream_version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
          [
            endpointId,
            data.appId,
            data.uid,
            data.url,
            data.description,
            data.version,
            data.filterTypes,
            data.channels,
            data.rateLimit,
            data.disabled,
            JSON.stringify(data.headers),
            JSON.stringify(data.metadata),
            JSON.stringify(data.secrets),
            created.streamPosition,
            created.occurredAt,
          ],
        );
        await sql.query(
          'UPDATE endpoints.applications SET last_position = GREATEST(last_position, $2) WHERE id = $1',
          [data.appId, created.globalPosition],
        );
      });
    } catch (error) {
      if (input.uid && isUniqueViolation(error)) throw EndpointError.uidTaken(input.uid);
      throw error;
    }
    this.relay.wake();
    const endpoint = await findEndpoint(this.db, app.app.id, endpointId);
    if (!endpoint) throw new Error(`endpoint ${endpointId} vanished after creation`);
    return endpoint;
  }
}

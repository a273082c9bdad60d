import { Inject, Injectable } from '@nestjs/common';
import { newId, type EndpointsEvents, type EventOf } from '@hookport/contracts';
import {
  actorOf,
  CommandHandler,
  Database,
  EventStore,
  isUniqueViolation,
  SecretBox,
  sealHeaderValues,
  type Principal,
} from '@hookport/platform';
import { ApplicationError } from '../application/application.errors';
import { findEndpointOwner } from '../application/application.repository';
import {
  endpointDecider,
  initialEndpointState,
  type EndpointCommand,
  type EndpointEvent,
  type EndpointState,
} from './endpoint.decider';
import { EndpointError } from './endpoint.errors';
import { EndpointRules } from './endpoint-rules';
import { findEndpoint, projectEndpoint } from './endpoint.repository';
import type { EndpointIn } from '@hookport/api-schema';
import { generateSigningSecret } from './signing-secret';
import type { EndpointOut } from '@hookport/api-schema';

@Injectable()
export class CreateEndpointHandler {
  private readonly commands: CommandHandler<EndpointCommand, EndpointState, EndpointEvent>;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) store: EventStore<EventOf<EndpointsEvents>>,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(EndpointRules) private readonly rules: EndpointRules,
  ) {
    this.commands = new CommandHandler(db, store, endpointDecider);
  }

  async execute(appId: string, input: EndpointIn, principal: Principal): Promise<EndpointOut> {
    await this.rules.checkUrl(input.url);
    if (input.headers) this.rules.checkHeaders(input.headers);
    await this.rules.checkFilterTypes(this.db, appId, input.filterTypes);
    const app = await findEndpointOwner(this.db, appId);
    if (!app) throw ApplicationError.notFound(appId);
    const endpointId = newId('endpoint');
    // An endpoint created from a portal session carries that session's metadata.
    const metadata = {
      ...(principal.kind === 'portal-session' ? principal.metadata : {}),
      ...(input.metadata ?? {}),
    };
    const command: EndpointCommand = {
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
        headers: sealHeaderValues(this.secrets, input.headers ?? {}),
        metadata,
        secrets: [
          {
            encrypted: this.secrets.encrypt(input.secret ?? generateSigningSecret()),
            expiresAt: null,
          },
        ],
      },
    };
    try {
      await this.commands.run({
        load: () =>
          Promise.resolve({ streamId: endpointId, version: 0, state: initialEndpointState }),
        command: () => command,
        context: () => ({ applicationId: app.app.id, actor: actorOf(principal) }),
        project: projectEndpoint,
      });
    } catch (error) {
      if (input.uid && isUniqueViolation(error)) throw EndpointError.uidTaken(input.uid);
      throw error;
    }
    const endpoint = await findEndpoint(this.db, app.app.id, endpointId);
    if (!endpoint) throw new Error(`endpoint ${endpointId} vanished after creation`);
    return endpoint;
  }
}

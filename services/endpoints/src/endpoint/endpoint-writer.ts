import { Inject, Injectable } from '@nestjs/common';
import type { EndpointsEvents, EventOf } from '@hookport/contracts';
import {
  actorOf,
  CommandHandler,
  Database,
  endpointRestrictionOf,
  EventStore,
  isUniqueViolation,
  StreamVersionConflict,
  HookportError,
  type Principal,
  type Sql,
} from '@hookport/platform';
import {
  endpointDecider,
  type EndpointCommand,
  type EndpointEvent,
  type EndpointState,
} from './endpoint.decider';
import { EndpointError } from './endpoint.errors';
import { findEndpoint, loadEndpoint, projectEndpoint } from './endpoint.repository';
import type { EndpointOut } from '@hookport/api-schema';

/**
 * Runs one command on an existing endpoint through the platform's write path (load the row's
 * state, decide, append with the expected stream version, evolve, project). A racing writer
 * gets a 409.
 */
@Injectable()
export class EndpointWriter {
  private readonly commands: CommandHandler<EndpointCommand, EndpointState, EndpointEvent>;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) store: EventStore<EventOf<EndpointsEvents>>,
  ) {
    this.commands = new CommandHandler(db, store, endpointDecider);
  }

  async run(
    appId: string,
    idOrUid: string,
    principal: Principal,
    command: (state: EndpointState, sql: Sql) => Promise<EndpointCommand> | EndpointCommand,
  ): Promise<EndpointOut | null> {
    let endpointId = '';
    try {
      await this.db.transaction(async (sql) => {
        endpointId = await this.apply(sql, appId, idOrUid, principal, command);
      });
    } catch (error) {
      if (error instanceof StreamVersionConflict) {
        throw new HookportError('conflict', 'The endpoint changed meanwhile; read it and retry.');
      }
      if (isUniqueViolation(error)) {
        throw new HookportError('conflict', 'Another endpoint of this application has that uid.');
      }
      throw error;
    }
    return findEndpoint(this.db, appId, endpointId);
  }

  /** The same within the caller's transaction (e.g. a consumer's, with its inbox). */
  async apply(
    sql: Sql,
    appId: string,
    idOrUid: string,
    principal: Principal,
    command: (state: EndpointState, sql: Sql) => Promise<EndpointCommand> | EndpointCommand,
  ): Promise<string> {
    const outcome = await this.commands.apply(sql, {
      load: async (sql) => {
        const loaded = await loadEndpoint(sql, appId, idOrUid, endpointRestrictionOf(principal));
        if (!loaded || loaded.state.status !== 'active') throw EndpointError.notFound(idOrUid);
        return { ...loaded, streamId: loaded.state.endpoint.endpointId };
      },
      command: (loaded, sql) => command(loaded.state, sql),
      context: () => ({ applicationId: appId, actor: actorOf(principal) }),
      project: projectEndpoint,
    });
    return outcome.streamId;
  }
}

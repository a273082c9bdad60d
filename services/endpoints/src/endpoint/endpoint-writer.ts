import { Inject, Injectable } from '@nestjs/common';
import type { EndpointOut } from '@hookport/contracts';
import {
  actorOf,
  Database,
  endpointRestrictionOf,
  EventStore,
  isUniqueViolation,
  StreamVersionConflict,
  HookportError,
  type Principal,
  type Sql,
} from '@hookport/platform';
import { decideEndpoint, type EndpointCommand, type EndpointState } from './endpoint.decider';
import { EndpointError } from './endpoint.errors';
import { findEndpoint, loadEndpoint, projectEndpointEvents } from './endpoint.repository';

/**
 * Runs one endpoint command: load the current state, decide, append with the expected stream
 * version and project the row, all in one transaction. A racing writer gets a 409.
 */
@Injectable()
export class EndpointWriter {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

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
    const loaded = await loadEndpoint(sql, appId, idOrUid, endpointRestrictionOf(principal));
    if (!loaded || loaded.state.status !== 'active') throw EndpointError.notFound(idOrUid);
    const endpointId = loaded.state.endpoint.endpointId;
    const decided = decideEndpoint(await command(loaded.state, sql), loaded.state);
    const stored = await this.store.append(sql, endpointId, loaded.version, decided, {
      applicationId: appId,
      actor: actorOf(principal),
    });
    await projectEndpointEvents(
      sql,
      decided.map((event, index) => ({ decided: event, stored: stored[index]! })),
    );
    return endpointId;
  }
}

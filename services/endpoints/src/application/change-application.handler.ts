import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationCreatedV1, EndpointsEvents, EventOf } from '@hookport/contracts';
import {
  actorOf,
  CommandHandler,
  Database,
  EventStore,
  HookportError,
  isUniqueViolation,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';
import {
  applicationDecider,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from './application.decider';
import { ApplicationError } from './application.errors';
import {
  findApplication,
  loadApplication,
  projectApplication,
  type ApplicationRecord,
} from './application.repository';
import type { ApplicationPatch } from '@hookport/api-schema';
import type { ApplicationIn } from '@hookport/api-schema';

/**
 * Changes (PUT replaces, PATCH merges) or deletes an application. Deleting removes its endpoints
 * from the current state (delivery stops at once); its events and delivery history remain.
 */
@Injectable()
export class ChangeApplicationHandler {
  private readonly commands: CommandHandler<ApplicationCommand, ApplicationState, ApplicationEvent>;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) store: EventStore<EventOf<EndpointsEvents>>,
  ) {
    this.commands = new CommandHandler(db, store, applicationDecider);
  }

  async update(
    idOrUid: string,
    input: ApplicationIn | ApplicationPatch,
    mode: 'replace' | 'patch',
    principal: Principal,
  ): Promise<ApplicationRecord> {
    const appId = await this.run(idOrUid, principal, (current) => {
      const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const base: ApplicationCreatedV1 =
        mode === 'patch' ? current : { ...current, uid: null, rateLimit: null, metadata: {} };
      return { type: 'UpdateApplication', data: { ...base, ...given } };
    });
    const record = await findApplication(this.db, appId);
    if (!record) throw ApplicationError.notFound(idOrUid);
    return record;
  }

  async delete(idOrUid: string, principal: Principal): Promise<void> {
    await this.run(idOrUid, principal, () => ({ type: 'DeleteApplication' }));
  }

  private async run(
    idOrUid: string,
    principal: Principal,
    command: (current: ApplicationCreatedV1) => ApplicationCommand,
  ): Promise<string> {
    try {
      const outcome = await this.commands.run({
        load: async (sql) => {
          const loaded = await loadApplication(sql, idOrUid);
          if (!loaded) throw ApplicationError.notFound(idOrUid);
          return { ...loaded, streamId: loaded.state.application.appId };
        },
        command: (loaded) => command(loaded.state.application),
        context: (loaded) => ({ applicationId: loaded.streamId, actor: actorOf(principal) }),
        project: projectApplication,
      });
      return outcome.streamId;
    } catch (error) {
      if (error instanceof StreamVersionConflict) {
        throw new HookportError(
          'conflict',
          'The application changed meanwhile; read it and retry.',
        );
      }
      if (isUniqueViolation(error)) {
        throw new HookportError('conflict', 'Another application has that uid.', [
          { field: 'uid', message: 'application-uid-taken' },
        ]);
      }
      throw error;
    }
  }
}

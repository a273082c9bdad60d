import { Inject, Injectable } from '@nestjs/common';
import { newId, OPERATIONAL_APP_ID, type EndpointsEvents, type EventOf } from '@hookport/contracts';
import {
  actorOf,
  CommandHandler,
  Database,
  EventStore,
  isUniqueViolation,
  StreamVersionConflict,
  type Principal,
} from '@hookport/platform';
import {
  applicationDecider,
  initialApplicationState,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from './application.decider';
import { ApplicationError } from './application.errors';
import {
  findApplication,
  findEndpointOwner,
  projectApplication,
  type ApplicationRecord,
} from './application.repository';
import type { ApplicationIn } from '@hookport/api-schema';

@Injectable()
export class CreateApplicationHandler {
  private readonly commands: CommandHandler<ApplicationCommand, ApplicationState, ApplicationEvent>;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) store: EventStore<EventOf<EndpointsEvents>>,
  ) {
    this.commands = new CommandHandler(db, store, applicationDecider);
  }

  /** Creates an application; with `getIfExists`, an existing `uid` returns that application. */
  async execute(
    input: ApplicationIn,
    principal: Principal,
    getIfExists: boolean,
  ): Promise<{ record: ApplicationRecord; created: boolean }> {
    const uid = input.uid ?? null;
    if (uid) {
      const existing = await findApplication(this.db, uid);
      if (existing && getIfExists) return { record: existing, created: false };
      if (existing) throw ApplicationError.uidTaken(uid);
    }
    const appId = newId('application');
    try {
      await this.write(appId, { ...input, uid }, principal);
    } catch (error) {
      // Two creators raced on the same uid: the loser answers as if it had looked first.
      if (uid && isUniqueViolation(error)) {
        const existing = await findApplication(this.db, uid);
        if (existing && getIfExists) return { record: existing, created: false };
        throw ApplicationError.uidTaken(uid);
      }
      throw error;
    }
    const record = await findApplication(this.db, appId);
    if (!record) throw ApplicationError.notFound(appId);
    return { record, created: true };
  }

  /**
   * Creates the operational webhooks' internal application once, at start: every replica tries,
   * the stream's first position lets one win.
   */
  async ensureOperational(): Promise<void> {
    if (await findEndpointOwner(this.db, OPERATIONAL_APP_ID)) return;
    try {
      await this.write(
        OPERATIONAL_APP_ID,
        { name: 'Operational webhooks', uid: null },
        { kind: 'system', id: 'endpoints' },
      );
    } catch (error) {
      // Another replica's append won the stream's first position.
      if (!isUniqueViolation(error) && !(error instanceof StreamVersionConflict)) throw error;
    }
  }

  private async write(appId: string, input: ApplicationIn, principal: Principal): Promise<void> {
    const command: ApplicationCommand = {
      type: 'CreateApplication',
      data: {
        appId,
        name: input.name,
        uid: input.uid ?? null,
        metadata: input.metadata ?? {},
        rateLimit: input.rateLimit ?? null,
      },
    };
    await this.commands.run({
      load: () => Promise.resolve({ streamId: appId, version: 0, state: initialApplicationState }),
      command: () => command,
      context: () => ({ applicationId: appId, actor: actorOf(principal) }),
      project: projectApplication,
    });
  }
}

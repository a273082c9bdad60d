import { Inject, Injectable } from '@nestjs/common';
import { newId, OPERATIONAL_APP_ID } from '@hookport/contracts';
import {
  actorOf,
  Database,
  EventStore,
  isUniqueViolation,
  type Principal,
} from '@hookport/platform';
import { decideApplication, initialApplicationState } from './application.decider';
import { ApplicationError } from './application.errors';
import {
  findApplication,
  findEndpointOwner,
  type ApplicationRecord,
} from './application.repository';
import type { ApplicationIn } from '@hookport/api-schema';

@Injectable()
export class CreateApplicationHandler {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

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
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private async write(appId: string, input: ApplicationIn, principal: Principal): Promise<void> {
    const uid = input.uid ?? null;
    const events = decideApplication(
      {
        type: 'CreateApplication',
        data: {
          appId,
          name: input.name,
          uid,
          metadata: input.metadata ?? {},
          rateLimit: input.rateLimit ?? null,
        },
      },
      initialApplicationState,
    );
    await this.db.transaction(async (sql) => {
      const [created] = await this.store.append(sql, appId, 0, events, {
        applicationId: appId,
        actor: actorOf(principal),
      });
      if (!created) return;
      await sql.query(
        `INSERT INTO endpoints.applications
           (id, uid, name, rate_limit, metadata, stream_version, last_position, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [
          appId,
          uid,
          input.name,
          input.rateLimit ?? null,
          JSON.stringify(input.metadata ?? {}),
          created.streamPosition,
          created.globalPosition,
          created.occurredAt,
        ],
      );
    });
  }
}

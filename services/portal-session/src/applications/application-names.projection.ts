import { Inject, Injectable } from '@nestjs/common';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type ApplicationCreatedV1,
  type EventEnvelope,
} from '@hookport/contracts';
import { claimUnhandled, Database, type ConsumedBatch } from '@hookport/platform';
import { upsertApplicationName } from './application-names.repository';

/** Keeps the application names the portal shows, from the endpoints service's events. */
@Injectable()
export class ApplicationNamesProjection {
  static readonly consumer = 'application-names';

  constructor(@Inject(Database) private readonly db: Database) {}

  get subscription() {
    return {
      groupId: CONSUMER_GROUPS.portalSessionApplications,
      topics: [TOPICS.endpoints],
      fromBeginning: true,
      handle: (batch: ConsumedBatch) => this.handle(batch.events),
    };
  }

  async handle(events: EventEnvelope[]): Promise<void> {
    await this.db.transaction(async (sql) => {
      const fresh = await claimUnhandled(
        sql,
        'portal_session',
        ApplicationNamesProjection.consumer,
        events,
      );
      for (const event of fresh) {
        // A rename shows in portals opened after it.
        if (event.type !== 'application.created' && event.type !== 'application.updated') continue;
        const data = event.data as ApplicationCreatedV1;
        await upsertApplicationName(sql, data.appId, data.name);
      }
    });
  }
}

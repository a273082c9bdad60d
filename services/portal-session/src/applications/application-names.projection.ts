import { Controller, Inject } from '@nestjs/common';
import { CONSUMER_GROUPS, TOPICS } from '@hookport/contracts';
import { claimUnhandled, ConsumeEvents, Database, type TopicBatch } from '@hookport/platform';
import { upsertApplicationName } from './application-names.repository';

/** Keeps the application names the portal shows, from the endpoints service's events. */
@Controller()
export class ApplicationNamesProjection {
  static readonly consumer = 'application-names';

  constructor(@Inject(Database) private readonly db: Database) {}

  @ConsumeEvents({
    groupId: CONSUMER_GROUPS.portalSessionApplications,
    topics: [TOPICS.endpoints],
    fromBeginning: true,
  })
  async handle({ events }: TopicBatch<typeof TOPICS.endpoints>): Promise<void> {
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
        await upsertApplicationName(sql, event.data.appId, event.data.name);
      }
    });
  }
}

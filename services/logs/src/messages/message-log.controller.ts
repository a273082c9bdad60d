import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Database, HookportError } from '@hookport/platform';
import { ListMessagesQuery } from '@hookport/api-schema';
import { findMessageDetail, listMessages } from './message-log.repository';

/** Internal routes behind the portal's `/portal-api/v1/messages` and the management `msg` list. */
@Controller('internal/apps/:appId/messages')
export class MessageLogController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  list(@Param('appId') appId: string, @Query() query: ListMessagesQuery) {
    return listMessages(this.db, appId, query);
  }

  /** Another application's message is answered exactly like a missing one: 404. */
  @Get(':messageId')
  async get(@Param('appId') appId: string, @Param('messageId') messageId: string) {
    const detail = await findMessageDetail(this.db, appId, messageId);
    if (!detail) throw new HookportError('notFound', `Message ${messageId} not found`);
    return detail;
  }
}

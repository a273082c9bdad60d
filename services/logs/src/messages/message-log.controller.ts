import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  HookportError,
  SecretBox,
  type Principal,
} from '@hookport/platform';
import { ListMessagesQuery } from '@hookport/api-schema';
import { findMessageDetail, listMessages } from './message-log.repository';

/** Internal routes behind the portal's `/portal-api/v1/messages` and the management `msg` list. */
@Controller('internal/apps/:appId/messages')
export class MessageLogController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  @Get()
  list(
    @Param('appId') appId: string,
    @Query() query: ListMessagesQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return listMessages(this.db, appId, query, endpointRestrictionOf(principal));
  }

  /** Another application's message (or, restricted, another endpoint's) is a 404 like a missing one. */
  @Get(':messageId')
  async get(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const detail = await findMessageDetail(this.db, appId, messageId, principal, this.box);
    if (!detail) throw new HookportError('notFound', `Message ${messageId} not found`);
    return detail;
  }
}

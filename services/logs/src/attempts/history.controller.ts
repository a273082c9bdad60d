import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { AllowedCallers, Database, HookportError } from '@hookport/platform';
import { AttemptQuery, DestinationQuery, HistoryQuery } from '@hookport/api-schema';
import {
  findAttempt,
  findMessageOut,
  listAttemptedMessages,
  listAttempts,
  listMessageDestinations,
  listMessagesOut,
} from './history.repository';

const notFound = (what: string) => new HookportError('notFound', `${what} not found`);

/**
 * Internal routes behind the management API's Svix-shaped history: messages and attempts of
 * one application (another application's are 404, like missing ones). For the operator's API
 * keys only: the portal reads the log through the routes that apply its restrictions.
 */
@AllowedCallers('api-key', 'system')
@Controller('internal/apps/:appId/history')
export class HistoryController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get('messages')
  messages(@Param('appId') appId: string, @Query() query: HistoryQuery) {
    return listMessagesOut(this.db, appId, query);
  }

  @Get('messages/:messageId')
  async message(@Param('appId') appId: string, @Param('messageId') messageId: string) {
    const message = await findMessageOut(this.db, appId, messageId);
    if (!message) throw notFound(`Message ${messageId}`);
    return message;
  }

  @Get('messages/:messageId/attempts')
  attemptsOfMessage(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Query() query: AttemptQuery,
  ) {
    return listAttempts(this.db, appId, { messageId }, query);
  }

  /** Svix's attempted destinations: each endpoint the message went to, with its state. */
  @Get('messages/:messageId/endpoints')
  async destinations(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Query() query: DestinationQuery,
  ) {
    const page = await listMessageDestinations(this.db, appId, messageId, query);
    if (!page) throw notFound(`Message ${messageId}`);
    return page;
  }

  @Get('messages/:messageId/attempts/:attemptId')
  async attempt(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('attemptId') attemptId: string,
  ) {
    const attempt = await findAttempt(this.db, appId, messageId, attemptId);
    if (!attempt) throw notFound(`Attempt ${attemptId}`);
    return attempt;
  }

  @Get('endpoints/:endpointId/attempts')
  attemptsOfEndpoint(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Query() query: AttemptQuery,
  ) {
    return listAttempts(this.db, appId, { endpointId }, query);
  }

  /** Svix's attempted messages of an endpoint: each message with that delivery's state. */
  @Get('endpoints/:endpointId/messages')
  attemptedMessages(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Query() query: AttemptQuery,
  ) {
    return listAttemptedMessages(this.db, appId, endpointId, query);
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  AllowedCallers,
  APP_POSITION_HEADER,
  CurrentPrincipal,
  Database,
  type Principal,
} from '@hookport/platform';
import { BackgroundTaskQuery, ReplayIn } from '@hookport/api-schema';
import { findTask, listTasks } from './background-tasks.repository';
import { ExpungeContentHandler } from './expunge-content.handler';
import { ReplayHandler } from './replay.handler';

/**
 * Internal routes for the operator's Svix operations on stored content and long operations:
 * content expunge, replay-missing and the background tasks they answer. API keys only.
 */
@AllowedCallers('api-key')
@Controller('internal')
export class ContentAndTasksController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ExpungeContentHandler) private readonly expunge: ExpungeContentHandler,
    @Inject(ReplayHandler) private readonly replay: ReplayHandler,
  ) {}

  @Delete('apps/:appId/messages/:messageId/content')
  @HttpCode(204)
  async expungeMessage(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.expunge.message(appId, messageId, principal);
  }

  @Delete('apps/:appId/messages/:messageId/attempts/:attemptId/content')
  @HttpCode(204)
  async expungeAttempt(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('attemptId') attemptId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.expunge.attempt(appId, messageId, attemptId, principal);
  }

  @Post('apps/:appId/endpoints/:endpointId/replay-missing')
  @HttpCode(202)
  replayMissing(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: ReplayIn,
    @CurrentPrincipal() principal: Principal,
    @Headers(APP_POSITION_HEADER) appPosition: string | undefined,
  ) {
    return this.replay.execute(appId, endpointId, body, principal, appPosition);
  }

  @Get('background-tasks')
  tasks(@Query() query: BackgroundTaskQuery) {
    return listTasks(this.db, query);
  }

  @Get('background-tasks/:taskId')
  task(@Param('taskId') taskId: string) {
    return findTask(this.db, taskId);
  }
}

import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { APP_POSITION_HEADER, CurrentPrincipal, type Principal } from '@hookport/platform';
import {
  BackgroundTaskOut,
  BackgroundTaskQuery,
  ListResponseOf,
  ReplayIn,
  ReplayOut,
} from '@hookport/api-schema';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { AppResolver } from '../forwarding/app-resolver';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { ManagementDocs, Route } from '../openapi/route-docs';

/**
 * Management API: Svix's replay-missing and the background tasks that recover and replay
 * answer, forwarded to delivery. Endpoint operations: the `endpoints` area.
 */
@ManagementDocs('Background task')
@Controller('api/v1')
@UseGuards(ManagementAuthGuard)
@ManagementArea('endpoints')
export class BackgroundTasksController {
  constructor(
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(AppResolver) private readonly apps: AppResolver,
  ) {}

  @Route({
    id: 'replayMissing',
    summary: 'Send the endpoint every message since a time that it has not received',
    description:
      'Messages the endpoint subscribes to and never had (e.g. sent before it was created) are queued to it as manual attempts, at most 50,000 a call (`data.more` on the task says to call again). Answers the task, already finished, with `data.messagesSent`.',
    body: ReplayIn,
    status: 202,
    ok: ReplayOut,
  })
  @Post('app/:appId/endpoint/:endpointId/replay-missing')
  async replayMissing(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    const { app, position } = await this.apps.resolve(appId, principal);
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'POST',
      path: `/internal/apps/${app.id}/endpoints/${encodeURIComponent(endpointId)}/replay-missing`,
      principal,
      body: body ?? {},
      headers: { [APP_POSITION_HEADER]: position },
    });
  }

  @Route({
    id: 'listBackgroundTasks',
    summary: 'List recover and replay tasks, newest first',
    query: BackgroundTaskQuery,
    ok: ListResponseOf(BackgroundTaskOut),
  })
  @Get('background-task')
  list(
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'GET',
      path: '/internal/background-tasks',
      query,
      principal,
    });
  }

  @Route({ id: 'getBackgroundTask', summary: 'Get a background task', ok: BackgroundTaskOut })
  @Get('background-task/:taskId')
  get(
    @Param('taskId') taskId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'delivery', {
      method: 'GET',
      path: `/internal/background-tasks/${encodeURIComponent(taskId)}`,
      principal,
    });
  }
}

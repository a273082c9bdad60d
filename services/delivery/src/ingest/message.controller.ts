import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { AcceptMessageHandler } from './accept-message.handler';
import { MessageIn } from '@hookport/api-schema';

/** Internal routes behind the gateway's `/api/v1/app/{app_id}/msg`. */
@Controller('internal/apps/:appId/messages')
export class MessageController {
  constructor(private readonly acceptMessage: AcceptMessageHandler) {}

  @Post()
  async create(
    @Param('appId') appId: string,
    @Body() body: MessageIn,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('x-hookport-app-position') appPosition: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { message } = await this.acceptMessage.execute({
      appId,
      input: body,
      principal,
      idempotencyKey,
      appPosition,
    });
    void reply.status(202);
    return message;
  }
}

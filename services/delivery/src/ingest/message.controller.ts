import { Body, Controller, Get, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  APP_POSITION_HEADER,
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  mayAccessEndpoint,
  OwnIdempotency,
  type Principal,
} from '@hookport/platform';
import { AcceptMessageHandler } from './accept-message.handler';
import { MessageIn } from '@hookport/api-schema';
import { DeliveryConfig } from '../config';
import { MessageError } from './message.errors';
import { findDeliveryStates, findMessage } from './message.repository';

/** Internal routes behind the gateway's `/api/v1/app/{app_id}/msg`. */
@Controller('internal/apps/:appId/messages')
export class MessageController {
  constructor(
    private readonly acceptMessage: AcceptMessageHandler,
    @Inject(Database) private readonly db: Database,
    @Inject(DeliveryConfig) private readonly config: DeliveryConfig,
  ) {}

  /**
   * A message as accepted, its content as now (expunged at once): Svix's `GET msg/{id}`. The
   * gateway asks the delivery log when a message is past delivery's retention.
   */
  @Get(':messageId')
  async get(@Param('appId') appId: string, @Param('messageId') messageId: string) {
    const message = await findMessage(this.db, appId, messageId);
    // Past the retention it is gone, even in the hour before the sweep takes it.
    const expired =
      message !== null &&
      Date.parse(message.timestamp) < Date.now() - this.config.HOOKPORT_RETENTION_DAYS * 86_400_000;
    if (!message || expired) throw MessageError.messageNotFound(messageId);
    return message;
  }

  /**
   * The portal's message detail, as far as delivery knows it: the message and its deliveries'
   * states, no attempts. The gateway asks here when the log has not projected the message yet.
   * A reader restricted to some endpoints sees only their deliveries, and a message that went
   * to none of them is missing.
   */
  @Get(':messageId/detail')
  async detail(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const message = await this.get(appId, messageId);
    const deliveries = (await findDeliveryStates(this.db, appId, message.id)).filter((delivery) =>
      mayAccessEndpoint(principal, delivery.endpointId),
    );
    if (endpointRestrictionOf(principal) !== null && deliveries.length === 0)
      throw MessageError.messageNotFound(messageId);
    return { ...message, deliveries, attempts: [] };
  }

  // Its key is written in the message's own transaction (see AcceptMessageHandler).
  @Post()
  @OwnIdempotency()
  async create(
    @Param('appId') appId: string,
    @Body() body: MessageIn,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers(APP_POSITION_HEADER) appPosition: string | undefined,
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

import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { APP_POSITION_HEADER, CurrentPrincipal, type Principal } from '@hookport/platform';
import { AcceptMessageHandler } from '../ingest/accept-message.handler';
import { RecoverIn } from '@hookport/api-schema';
import { TestSendDto } from './dto/test-send.dto';
import { RecoverHandler } from './recover.handler';
import { ResendHandler } from './resend.handler';

/** Internal routes for operator and portal delivery controls: resend, recover, test send. */
@Controller('internal/apps/:appId')
export class DeliveryControlsController {
  constructor(
    @Inject(ResendHandler) private readonly resend: ResendHandler,
    @Inject(AcceptMessageHandler) private readonly acceptMessage: AcceptMessageHandler,
    @Inject(RecoverHandler) private readonly recoverFailed: RecoverHandler,
  ) {}

  /** Re-sends an endpoint's failed deliveries since a time (`dryRun`: only counts them). */
  @Post('endpoints/:endpointId/recover')
  @HttpCode(202)
  recover(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: RecoverIn,
    @CurrentPrincipal() principal: Principal,
    @Headers(APP_POSITION_HEADER) appPosition: string | undefined,
  ) {
    return this.recoverFailed.execute(appId, endpointId, body, principal, appPosition);
  }

  @Post('messages/:messageId/endpoints/:endpointId/resend')
  @HttpCode(202)
  async resendMessage(
    @Param('appId') appId: string,
    @Param('messageId') messageId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
    @Headers(APP_POSITION_HEADER) appPosition: string | undefined,
  ): Promise<Record<string, never>> {
    await this.resend.execute(appId, messageId, endpointId, principal, appPosition);
    return {};
  }

  /** Queues the example payload for this one endpoint, marked as a test. */
  @Post('endpoints/:endpointId/test')
  @HttpCode(202)
  async test(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: TestSendDto,
    @CurrentPrincipal() principal: Principal,
    @Headers(APP_POSITION_HEADER) appPosition: string | undefined,
  ) {
    const { message } = await this.acceptMessage.execute({
      appId,
      input: { eventType: body.eventType, payload: body.payload },
      principal,
      idempotencyKey: undefined,
      appPosition,
      onlyEndpointId: endpointId,
      trigger: 'test',
    });
    return message;
  }
}

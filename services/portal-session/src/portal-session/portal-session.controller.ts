import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { CreatePortalSessionHandler } from './create-portal-session.handler';
import { ExchangeCodeDto } from './dto/exchange-code.dto';
import { PortalSessionInDto } from './dto/portal-session-in.dto';
import { ExchangeCodeHandler } from './exchange-code.handler';

/** Internal routes behind `/api/v1/app/{app_id}/portal-session` and `/portal-api/v1/session`. */
@Controller('internal')
export class PortalSessionController {
  constructor(
    private readonly createSession: CreatePortalSessionHandler,
    private readonly exchangeCode: ExchangeCodeHandler,
  ) {}

  @Post('apps/:appId/portal-sessions')
  create(
    @Param('appId') appId: string,
    @Body() body: PortalSessionInDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.createSession.execute(appId, body, principal);
  }

  @Post('portal-sessions/exchange')
  @HttpCode(200)
  exchange(@Body() body: ExchangeCodeDto) {
    return this.exchangeCode.execute(body.code);
  }
}

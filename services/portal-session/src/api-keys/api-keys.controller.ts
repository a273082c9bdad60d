import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ApiKeyIn } from '@hookport/api-schema';
import { ApiKeysHandler } from './api-keys.handler';

/** Internal routes behind `/api/v1/api-key`. */
@Controller('internal/api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeysHandler) private readonly keys: ApiKeysHandler) {}

  @Post()
  create(@Body() body: ApiKeyIn, @CurrentPrincipal() principal: Principal) {
    return this.keys.create(body, principal);
  }

  @Get()
  list() {
    return this.keys.list();
  }

  @Delete(':keyId')
  @HttpCode(204)
  async revoke(@Param('keyId') keyId: string, @CurrentPrincipal() principal: Principal) {
    await this.keys.revoke(keyId, principal);
  }

  @Get(':keyId/verifier')
  verifier(@Param('keyId') keyId: string) {
    return this.keys.verifier(keyId);
  }
}

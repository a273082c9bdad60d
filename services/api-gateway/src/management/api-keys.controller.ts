import { Body, Controller, Delete, Get, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@hookport/platform';
import { ManagementArea, ManagementAuthGuard } from '../auth/management-auth.guard';
import { forwardAndRelay } from '../forwarding/relay-reply';
import { ServiceClient } from '../forwarding/service-client';
import { ApiKeyCreatedOut, ApiKeyIn, ApiKeyListOut } from '@hookport/api-schema';
import { ManagementDocs, Route } from '../openapi/route-docs';

/** Management API: scoped API keys for the operator's backends (secret shown once). */
@ManagementDocs('API key')
@Controller('api/v1/api-key')
@UseGuards(ManagementAuthGuard)
@ManagementArea('api-keys')
export class ApiKeysController {
  constructor(@Inject(ServiceClient) private readonly services: ServiceClient) {}

  @Route({
    id: 'createApiKey',
    summary: 'Create a scoped API key (shown once)',
    body: ApiKeyIn,
    status: 201,
    ok: ApiKeyCreatedOut,
  })
  @Post()
  async create(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'POST',
      path: '/internal/api-keys',
      principal,
      body: body ?? {},
    });
  }

  @Route({ id: 'listApiKeys', summary: 'List API keys (without their secret)', ok: ApiKeyListOut })
  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'GET',
      path: '/internal/api-keys',
      principal,
    });
  }

  @Route({ id: 'revokeApiKey', summary: 'Revoke an API key at once', status: 204 })
  @Delete(':keyId')
  async revoke(
    @Param('keyId') keyId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ) {
    return forwardAndRelay(this.services, reply, 'portal-session', {
      method: 'DELETE',
      path: `/internal/api-keys/${encodeURIComponent(keyId)}`,
      principal,
    });
  }
}

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  CurrentPrincipal,
  Database,
  endpointRestrictionOf,
  openHeaderValues,
  resealHeaderValues,
  SecretBox,
  type Principal,
} from '@hookport/platform';
import { OrderedListQuery } from '@hookport/api-schema';
import { CreateEndpointHandler } from './create-endpoint.handler';
import { DeleteEndpointHandler } from './delete-endpoint.handler';
import { EndpointHeadersIn } from '@hookport/api-schema';
import { EndpointIn } from '@hookport/api-schema';
import { EndpointPatch } from '@hookport/api-schema';
import { EndpointSecretRotateIn } from '@hookport/api-schema';
import { EndpointRules } from './endpoint-rules';
import { EndpointWriter } from './endpoint-writer';
import { EndpointError } from './endpoint.errors';
import { findEndpoint, listEndpoints, loadEndpoint } from './endpoint.repository';
import { RotateSecretHandler } from './rotate-secret.handler';
import { UpdateEndpointHandler } from './update-endpoint.handler';
import { uidOfCreatingPut } from '../creating-put';

/**
 * Internal routes behind the gateway's `/api/v1/app/{app_id}/endpoint` and the portal's
 * `/portal-api/v1/endpoints`. A portal session restricted to some endpoints sees only those:
 * any other is answered 404, like a missing one.
 */
@Controller('internal/apps/:appId/endpoints')
export class EndpointController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    private readonly createEndpoint: CreateEndpointHandler,
    private readonly updateEndpoint: UpdateEndpointHandler,
    private readonly deleteEndpoint: DeleteEndpointHandler,
    private readonly rotateSecret: RotateSecretHandler,
    @Inject(EndpointWriter) private readonly writer: EndpointWriter,
    @Inject(EndpointRules) private readonly rules: EndpointRules,
  ) {}

  @Post()
  create(
    @Param('appId') appId: string,
    @Body() body: EndpointIn,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.createEndpoint.execute(appId, body, principal);
  }

  @Get()
  list(
    @Param('appId') appId: string,
    @Query() query: OrderedListQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return listEndpoints(
      this.db,
      appId,
      query.limit,
      query.iterator,
      endpointRestrictionOf(principal),
      query.order,
    );
  }

  @Get(':endpointId')
  async get(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const endpoint = await findEndpoint(
      this.db,
      appId,
      endpointId,
      endpointRestrictionOf(principal),
    );
    if (!endpoint) throw EndpointError.notFound(endpointId);
    return endpoint;
  }

  /**
   * Replaces the endpoint, or creates it when the application has none with this id or uid
   * (201), as Svix's PUT does: on the management API only. A portal session (the portal API
   * stays strict: its PUT of an id it cannot see is a 404) or a caller restricted to some
   * endpoints only replaces.
   */
  @Put(':endpointId')
  async replace(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: EndpointIn,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const mayCreate = principal.kind === 'api-key' && endpointRestrictionOf(principal) === null;
    if (!mayCreate || (await findEndpoint(this.db, appId, endpointId)))
      return this.updateEndpoint.execute(appId, endpointId, body, principal, 'replace');
    const uid = uidOfCreatingPut('endpoint', endpointId, body.uid);
    const created = await this.createEndpoint.execute(appId, { ...body, uid }, principal);
    void reply.status(201);
    return created;
  }

  @Patch(':endpointId')
  patch(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: EndpointPatch,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.updateEndpoint.execute(appId, endpointId, body, principal, 'patch');
  }

  @Delete(':endpointId')
  @HttpCode(204)
  async remove(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.deleteEndpoint.execute(appId, endpointId, principal);
  }

  /** Svix's `EndpointSecretOut`: the current signing secret. */
  @Get(':endpointId/secret')
  async secret(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const loaded = await loadEndpoint(this.db, appId, endpointId, endpointRestrictionOf(principal));
    if (!loaded || loaded.state.status !== 'active') throw EndpointError.notFound(endpointId);
    const current = loaded.state.endpoint.secrets.find((secret) => secret.expiresAt === null);
    if (!current) throw EndpointError.notFound(endpointId);
    return { key: this.secrets.decrypt(current.encrypted) };
  }

  /**
   * The operator's key gets the new secret back (Svix's SDKs 2.x read `EndpointSecretOut`); a
   * portal session gets 204, as the portal API documents: rotating does not imply reading.
   */
  @Post(':endpointId/secret/rotate')
  async rotate(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: EndpointSecretRotateIn,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ key: string } | undefined> {
    const rotated = await this.rotateSecret.execute(appId, endpointId, body, principal);
    void reply.status(principal.kind === 'api-key' ? 200 : 204);
    return principal.kind === 'api-key' ? rotated : undefined;
  }

  /** Svix's `EndpointHeadersOut`. */
  @Get(':endpointId/headers')
  async headers(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const loaded = await loadEndpoint(this.db, appId, endpointId, endpointRestrictionOf(principal));
    if (!loaded) throw EndpointError.notFound(endpointId);
    return { headers: openHeaderValues(this.secrets, loaded.headers), sensitive: [] };
  }

  @Put(':endpointId/headers')
  @HttpCode(204)
  async replaceHeaders(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: EndpointHeadersIn,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.changeHeaders(appId, endpointId, principal, () => body.headers);
  }

  @Patch(':endpointId/headers')
  @HttpCode(204)
  async patchHeaders(
    @Param('appId') appId: string,
    @Param('endpointId') endpointId: string,
    @Body() body: EndpointHeadersIn,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.changeHeaders(appId, endpointId, principal, (current) => ({
      ...current,
      ...body.headers,
    }));
  }

  /** Sets the endpoint's custom headers; a null value removes that header. */
  private async changeHeaders(
    appId: string,
    endpointId: string,
    principal: Principal,
    next: (current: Record<string, string>) => Record<string, string | null>,
  ): Promise<void> {
    const updated = await this.writer.run(appId, endpointId, principal, (state) => {
      if (state.status !== 'active') throw EndpointError.notFound(endpointId);
      const current = state.endpoint.headers;
      const headers = Object.fromEntries(
        Object.entries(next(openHeaderValues(this.secrets, current))).filter(
          (entry): entry is [string, string] => entry[1] !== null,
        ),
      );
      this.rules.checkHeaders(headers);
      return {
        type: 'UpdateEndpoint',
        data: { ...state.endpoint, headers: resealHeaderValues(this.secrets, current, headers) },
      };
    });
    if (!updated) throw EndpointError.notFound(endpointId);
  }
}

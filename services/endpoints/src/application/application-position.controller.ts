import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Database } from '@hookport/platform';
import { ApplicationError } from './application.errors';
import { findEndpointOwner } from './application.repository';

/**
 * The endpoints service's position for an application the gateway names by id without
 * resolving it: a portal session's own (for its delivery controls to see its endpoint changes)
 * and the operational webhooks' internal one (admitted only with the `operational-webhooks`
 * scope), after a write, to wait for delivery.
 */
@Controller('internal/apps/:appId/position')
export class ApplicationPositionController {
  constructor(@Inject(Database) private readonly db: Database) {}

  @Get()
  async get(@Param('appId') appId: string) {
    const record = await findEndpointOwner(this.db, appId);
    if (!record) throw ApplicationError.notFound(appId);
    return { position: record.position };
  }
}

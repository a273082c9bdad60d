import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Database } from '@hookport/platform';
import { ApplicationError } from './application.errors';
import { findEndpointOwner } from './application.repository';

/**
 * The endpoints service's position for an application, for the gateway to wait on delivery
 * after a write it cannot resolve the application for: the operational webhooks' internal
 * application (which the guard admits only with the `operational-webhooks` scope).
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

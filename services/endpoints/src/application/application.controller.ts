import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Database, type Principal } from '@hookport/platform';
import { CreateApplicationHandler } from './create-application.handler';
import { ApplicationInDto } from './dto/application-in.dto';
import { ApplicationError } from './application.errors';
import { findApplication } from './application.repository';

/** Internal routes behind the gateway's `/api/v1/app`. */
@Controller('internal/apps')
export class ApplicationController {
  constructor(
    private readonly createApplication: CreateApplicationHandler,
    @Inject(Database) private readonly db: Database,
  ) {}

  @Post()
  async create(
    @Body() body: ApplicationInDto,
    @CurrentPrincipal() principal: Principal,
    @Query('get_if_exists') getIfExists: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { record, created } = await this.createApplication.execute(
      body,
      principal,
      getIfExists === 'true',
    );
    void reply.status(created ? 201 : 200);
    return record.app;
  }

  /** Resolves an id or uid; the gateway uses the position for read-your-writes downstream. */
  @Get(':idOrUid')
  async get(@Param('idOrUid') idOrUid: string) {
    const record = await findApplication(this.db, idOrUid);
    if (!record) throw ApplicationError.notFound(idOrUid);
    return { ...record.app, position: record.position };
  }
}

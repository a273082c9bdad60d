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
import { isIdOrUid } from '@hookport/contracts';
import { CurrentPrincipal, Database, type Principal } from '@hookport/platform';
import { OrderedListQuery } from '@hookport/api-schema';
import { ChangeApplicationHandler } from './change-application.handler';
import { CreateApplicationHandler } from './create-application.handler';
import { ApplicationPatch } from '@hookport/api-schema';
import { ApplicationIn } from '@hookport/api-schema';
import { ApplicationError } from './application.errors';
import { uidOfCreatingPut } from '../creating-put';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import {
  findApplication,
  findApplications,
  findDeletedApplication,
  listApplications,
} from './application.repository';

class ResolveManyIn {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  keys!: string[];
}

class ResolveQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  include_deleted?: string;
}

/** Internal routes behind the gateway's `/api/v1/app`. */
@Controller('internal/apps')
export class ApplicationController {
  constructor(
    private readonly createApplication: CreateApplicationHandler,
    private readonly changeApplication: ChangeApplicationHandler,
    @Inject(Database) private readonly db: Database,
  ) {}

  @Post()
  async create(
    @Body() body: ApplicationIn,
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

  /** `GET :idOrUid` for many keys in one call: an answer (or null) per key, in order. */
  @Post('resolve')
  @HttpCode(200)
  async resolveMany(@Body() body: ResolveManyIn) {
    // One caller's malformed key answers null for that caller alone, never fails the batch.
    const valid = body.keys.filter(isIdOrUid);
    const found = await findApplications(this.db, valid);
    const byKey = new Map(valid.map((key, i) => [key, found[i] ?? null]));
    const records = body.keys.map((key) => byKey.get(key) ?? null);
    return {
      apps: records.map((record) => (record ? { ...record.app, position: record.position } : null)),
    };
  }

  /** Resolves an id or uid; the gateway uses the position for read-your-writes downstream. */
  @Get(':idOrUid')
  async get(@Param('idOrUid') idOrUid: string, @Query() query: ResolveQuery) {
    // A deleted application resolves by its id only where its history is read.
    const record =
      (await findApplication(this.db, idOrUid)) ??
      (query.include_deleted === 'true' ? await findDeletedApplication(this.db, idOrUid) : null);
    if (!record) throw ApplicationError.notFound(idOrUid);
    return { ...record.app, position: record.position };
  }

  @Get()
  list(@Query() query: OrderedListQuery) {
    return listApplications(this.db, query.limit, query.iterator, query.order);
  }

  /**
   * Replaces the application, or creates it when none has this id or uid (201), as Svix's
   * upsert does. A new application takes the path as its uid unless the body names one.
   */
  @Put(':idOrUid')
  async replace(
    @Param('idOrUid') idOrUid: string,
    @Body() body: ApplicationIn,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (await findApplication(this.db, idOrUid))
      return (await this.changeApplication.update(idOrUid, body, 'replace', principal)).app;
    const uid = uidOfCreatingPut('application', idOrUid, body.uid);
    const { record, created } = await this.createApplication.execute(
      { ...body, uid },
      principal,
      true,
    );
    void reply.status(created ? 201 : 200);
    return record.app;
  }

  @Patch(':idOrUid')
  async patch(
    @Param('idOrUid') idOrUid: string,
    @Body() body: ApplicationPatch,
    @CurrentPrincipal() principal: Principal,
  ) {
    return (await this.changeApplication.update(idOrUid, body, 'patch', principal)).app;
  }

  @Delete(':idOrUid')
  @HttpCode(204)
  async remove(
    @Param('idOrUid') idOrUid: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.changeApplication.delete(idOrUid, principal);
  }
}

import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { CurrentPrincipal, Database, HookportError, type Principal } from '@hookport/platform';
import { IsIn, IsOptional } from 'class-validator';
import { ListQuery } from '../list.query';
import { EventTypeInDto, EventTypePatchDto } from './dto/event-type-in.dto';
import { findEventType, listEventTypes } from './event-type.repository';
import { EventTypeWriter } from './event-type.writer';

class EventTypeListQuery extends ListQuery {
  @IsOptional()
  @IsIn(['true', 'false'])
  include_archived?: string;
}

const notFound = (name: string) => new HookportError('notFound', `Event type ${name} not found`);

/** Internal routes behind the gateway's `/api/v1/event-type` and the portal's catalogue. */
@Controller('internal/event-types')
export class EventTypeController {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(EventTypeWriter) private readonly writer: EventTypeWriter,
  ) {}

  @Post()
  @HttpCode(201)
  create(@Body() body: EventTypeInDto, @CurrentPrincipal() principal: Principal) {
    return this.writer.write(
      'event-type.created',
      {
        name: body.name,
        description: body.description ?? '',
        groupName: body.groupName ?? null,
        schemas: body.schemas ?? {},
        example: body.example,
        deprecated: body.deprecated ?? false,
        archived: body.archived ?? false,
      },
      0,
      principal,
    );
  }

  @Get()
  list(@Query() query: EventTypeListQuery) {
    return listEventTypes(this.db, query.limit, query.iterator, query.include_archived === 'true');
  }

  /** The event type with its schemas and example (used for test sends). */
  @Get(':name')
  async get(@Param('name') name: string) {
    const found = await findEventType(this.db, name);
    if (!found) throw notFound(name);
    return found.eventType;
  }

  @Patch(':name')
  patch(
    @Param('name') name: string,
    @Body() body: EventTypePatchDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.change(name, body, principal, 'patch');
  }

  @Put(':name')
  put(
    @Param('name') name: string,
    @Body() body: EventTypePatchDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.change(name, body, principal, 'replace');
  }

  private async change(
    name: string,
    body: EventTypePatchDto,
    principal: Principal,
    mode: 'patch' | 'replace',
  ) {
    const found = await findEventType(this.db, name);
    if (!found) throw notFound(name);
    const current = found.eventType;
    const base =
      mode === 'patch'
        ? current
        : {
            ...current,
            description: '',
            groupName: null,
            schemas: {},
            example: undefined,
            deprecated: false,
            archived: false,
          };
    const given = Object.fromEntries(
      Object.entries(body).filter(([, value]) => value !== undefined),
    );
    const next = { ...base, ...given };
    return this.writer.write(
      'event-type.updated',
      {
        name,
        description: next.description,
        groupName: next.groupName ?? null,
        schemas: next.schemas ?? {},
        // A new schema without a new example gets a new derived example.
        example: 'example' in given || !('schemas' in given) ? next.example : undefined,
        deprecated: next.deprecated,
        archived: next.archived,
      },
      found.version,
      principal,
    );
  }
}

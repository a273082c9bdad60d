import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Route } from '../openapi/route-docs';

/** Svix's unauthenticated health route. */
@ApiTags('Health')
@Controller('api/v1/health')
export class HealthController {
  @Route({ id: 'health', summary: 'Is the API up (no credentials needed)', status: 204 })
  @Get()
  @HttpCode(204)
  health(): void {
    return undefined;
  }
}

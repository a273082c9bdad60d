import { Controller, Get, HttpCode } from '@nestjs/common';

/** Svix's unauthenticated health route. */
@Controller('api/v1/health')
export class HealthController {
  @Get()
  @HttpCode(204)
  health(): void {
    return undefined;
  }
}

import { Controller, Get, Headers, HttpCode, Inject, Param } from '@nestjs/common';
import { APP_POSITION_HEADER } from '@hookport/platform';
import { EndpointDirectory } from './endpoint-directory';

/**
 * Read-your-writes for an endpoint change that sends nothing itself (an operational webhook
 * endpoint created or changed): answers once delivery knows the change, or 503 to retry.
 */
@Controller('internal/apps/:appId/endpoint-directory')
export class EndpointDirectoryController {
  constructor(@Inject(EndpointDirectory) private readonly directory: EndpointDirectory) {}

  @Get('caught-up')
  @HttpCode(204)
  async caughtUp(
    @Param('appId') appId: string,
    @Headers(APP_POSITION_HEADER) position: string | undefined,
  ): Promise<void> {
    await this.directory.catchUpWith(appId, position);
  }
}

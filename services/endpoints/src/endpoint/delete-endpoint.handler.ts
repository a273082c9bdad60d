import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@hookport/platform';
import { EndpointWriter } from './endpoint-writer';

/** Deletes an endpoint: it stops receiving at once; its delivery history stays readable. */
@Injectable()
export class DeleteEndpointHandler {
  constructor(@Inject(EndpointWriter) private readonly writer: EndpointWriter) {}

  async execute(appId: string, idOrUid: string, principal: Principal): Promise<void> {
    await this.writer.run(appId, idOrUid, principal, () => ({ type: 'DeleteEndpoint' }));
  }
}

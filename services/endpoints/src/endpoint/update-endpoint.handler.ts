import { Inject, Injectable } from '@nestjs/common';
import type { EndpointCreatedV1 } from '@hookport/contracts';
import { Database, resealHeaderValues, SecretBox, type Principal } from '@hookport/platform';
import type { EndpointPatch } from '@hookport/api-schema';
import type { EndpointIn } from '@hookport/api-schema';
import { EndpointRules } from './endpoint-rules';
import { EndpointWriter } from './endpoint-writer';
import { EndpointError } from './endpoint.errors';
import type { EndpointOut } from '@hookport/api-schema';

/** PUT replaces the endpoint's settings (omitted ones reset); PATCH changes only those given. */
@Injectable()
export class UpdateEndpointHandler {
  constructor(
    @Inject(EndpointWriter) private readonly writer: EndpointWriter,
    @Inject(EndpointRules) private readonly rules: EndpointRules,
    @Inject(Database) private readonly db: Database,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {}

  async execute(
    appId: string,
    idOrUid: string,
    input: EndpointIn | EndpointPatch,
    principal: Principal,
    mode: 'replace' | 'patch',
  ): Promise<EndpointOut> {
    if (input.url !== undefined) await this.rules.checkUrl(input.url);
    if (input.headers) this.rules.checkHeaders(input.headers);
    await this.rules.checkFilterTypes(this.db, appId, input.filterTypes);
    // Only the fields the caller sent: class-transformer leaves absent ones undefined.
    const given = Object.fromEntries(
      Object.entries(input).filter(([key, value]) => value !== undefined && key !== 'secret'),
    ) as Partial<EndpointCreatedV1>;
    const updated = await this.writer.run(appId, idOrUid, principal, (state) => {
      if (state.status !== 'active') throw EndpointError.notFound(idOrUid);
      const current = state.endpoint;
      const base: EndpointCreatedV1 =
        mode === 'patch'
          ? current
          : // PUT resets what it omits, except headers (own routes) and secrets (own routes).
            {
              ...current,
              description: '',
              uid: null,
              filterTypes: null,
              channels: null,
              rateLimit: null,
              disabled: false,
              metadata: {},
            };
      const headers = input.headers
        ? resealHeaderValues(this.secrets, current.headers, input.headers)
        : base.headers;
      return { type: 'UpdateEndpoint', data: { ...base, ...given, headers } };
    });
    if (!updated) throw EndpointError.notFound(idOrUid);
    return updated;
  }
}

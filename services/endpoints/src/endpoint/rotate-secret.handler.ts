import { Inject, Injectable } from '@nestjs/common';
import { SecretBox, type Principal } from '@hookport/platform';
import type { EndpointSecretRotateIn } from '@hookport/api-schema';
import { EndpointWriter } from './endpoint-writer';
import { generateSigningSecret } from './signing-secret';

const DEFAULT_GRACE_SECONDS = 24 * 3600;

/** Replaces the signing secret; the previous one keeps signing until its grace period ends. */
@Injectable()
export class RotateSecretHandler {
  constructor(
    @Inject(EndpointWriter) private readonly writer: EndpointWriter,
    @Inject(SecretBox) private readonly secrets: SecretBox,
  ) {}

  async execute(
    appId: string,
    idOrUid: string,
    input: EndpointSecretRotateIn,
    principal: Principal,
  ): Promise<{ key: string }> {
    const now = new Date();
    const grace = input.gracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
    const key = input.key ?? generateSigningSecret();
    await this.writer.run(appId, idOrUid, principal, () => ({
      type: 'RotateSecret',
      data: {
        newSecret: this.secrets.encrypt(key),
        previousExpireAt: new Date(now.getTime() + grace * 1000).toISOString(),
        now: now.toISOString(),
      },
    }));
    return { key };
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HookportError, type Principal } from '@hookport/platform';
import { GatewayConfig } from '../config';

const digest = (value: string) => createHash('sha256').update(value).digest();

export const bearerToken = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
};

/** Management API: the operator's backend, authenticated by API key. */
@Injectable()
export class ManagementAuthGuard implements CanActivate {
  private readonly adminKeyDigest: Buffer;

  constructor(@Inject(GatewayConfig) config: GatewayConfig) {
    this.adminKeyDigest = digest(config.HOOKPORT_ADMIN_API_KEY);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const key = bearerToken(request);
    if (!key)
      throw new HookportError(
        'unauthorized',
        'Send your API key as "Authorization: Bearer <key>".',
      );
    // Compare digests in constant time: the key's length and content leak nothing.
    if (!timingSafeEqual(digest(key), this.adminKeyDigest)) {
      throw new HookportError('unauthorized', 'The API key is not valid.');
    }
    request.principal = { kind: 'api-key', keyId: 'bootstrap', scopes: ['*'] };
    return true;
  }
}

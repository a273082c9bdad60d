import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  managementScopeAllows,
  type ApiKeyVerifier,
  type ManagementArea as Area,
} from '@hookport/contracts';
import { HookportError, type Principal } from '@hookport/platform';
import { GatewayConfig } from '../config';
import { ServiceClient } from '../forwarding/service-client';
import { ApiKeyRing, apiKeyId } from './api-key-ring';
import { RateLimits } from './rate-limits';

const digest = (value: string) => createHash('sha256').update(value).digest();

export const bearerToken = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
};

const AREA = 'hookport:management-area';

/**
 * The area a management controller belongs to: GET needs `<area>:read`, every other method
 * `<area>:write`. Every management controller declares one; the guard refuses routes without.
 */
export const ManagementArea = (area: Area) => SetMetadata(AREA, area);

/** Management API: the operator's backend, authenticated by API key, scoped, rate limited. */
@Injectable()
export class ManagementAuthGuard implements CanActivate {
  private readonly adminKeyDigest: Buffer;

  constructor(
    @Inject(GatewayConfig) config: GatewayConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyRing) private readonly keys: ApiKeyRing,
    @Inject(ServiceClient) private readonly services: ServiceClient,
    @Inject(RateLimits) private readonly limits: RateLimits,
  ) {
    this.adminKeyDigest = digest(config.HOOKPORT_ADMIN_API_KEY);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const area = this.reflector.getAllAndOverride<Area | undefined>(AREA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!area) throw new Error(`${context.getClass().name} declares no @ManagementArea`);
    const key = bearerToken(request);
    if (!key)
      throw new HookportError(
        'unauthorized',
        'Send your API key as "Authorization: Bearer <key>".',
      );
    const principal = await this.authenticate(key);
    this.limits.apiKey(principal.keyId);
    const needed = `${area}:${request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write'}`;
    if (!managementScopeAllows(principal.scopes, needed))
      throw new HookportError('forbidden', `This API key lacks the "${needed}" scope.`);
    request.principal = principal;
    return true;
  }

  private async authenticate(key: string): Promise<Principal & { kind: 'api-key' }> {
    // Compare digests in constant time: the key's length and content leak nothing.
    if (timingSafeEqual(digest(key), this.adminKeyDigest))
      return { kind: 'api-key', keyId: 'bootstrap', scopes: ['*'] };
    const keyId = apiKeyId(key);
    const verifier = keyId ? (this.keys.get(keyId) ?? (await this.fetch(keyId))) : null;
    const scopes = verifier ? ApiKeyRing.check(verifier, key) : null;
    if (!keyId || !scopes) throw new HookportError('unauthorized', 'The API key is not valid.');
    return { kind: 'api-key', keyId, scopes };
  }

  /** A key newer than this gateway's view of the topic: ask its owner once. */
  private async fetch(keyId: string): Promise<ApiKeyVerifier | null> {
    const { status, body } = await this.services.json<ApiKeyVerifier>('portal-session', {
      method: 'GET',
      path: `/internal/api-keys/${keyId}/verifier`,
      principal: { kind: 'system', id: 'api-gateway' },
    });
    if (status === 404) return null;
    if (status !== 200)
      throw new HookportError('upstreamUnavailable', 'Could not verify the API key.');
    this.keys.remember(body);
    return this.keys.get(keyId) ?? null;
  }
}

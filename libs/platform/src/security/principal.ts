import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { managementScopeAllows, OPERATIONAL_APP_ID } from '@hookport/contracts';
import { HookportError } from '../http/hookport-error';
import { ALLOWED_CALLERS } from './access';

/** Who is calling, as established by the gateway and passed on to the owning service. */
export type Principal =
  | { kind: 'api-key'; keyId: string; scopes: string[] }
  | {
      kind: 'portal-session';
      sessionId: string;
      /** The session, magic link or embed token this session came from (revoking it ends this). */
      grantId?: string;
      /** When the presented token expires (epoch ms): long-lived responses end then. */
      tokenExpiresAt?: number;
      appId: string;
      scopes: string[];
      metadata: Record<string, string>;
      endpointIds: string[] | null;
    }
  /** Hookport itself, acting on another service's event (e.g. disabling an endpoint on 410). */
  | { kind: 'system'; id: string }
  | { kind: 'anonymous' };

export const PRINCIPAL_HEADER = 'x-hookport-principal';
export const PRINCIPAL_SIGNATURE_HEADER = 'x-hookport-principal-signature';

const sign = (secret: string, encoded: string) =>
  createHmac('sha256', secret).update(encoded).digest('base64url');

/** Encodes a principal for a gateway-to-service call, signed so services trust only the gateway. */
export const encodePrincipal = (secret: string, principal: Principal): Record<string, string> => {
  const encoded = Buffer.from(JSON.stringify(principal)).toString('base64url');
  return { [PRINCIPAL_HEADER]: encoded, [PRINCIPAL_SIGNATURE_HEADER]: sign(secret, encoded) };
};

export const decodePrincipal = (
  secret: string,
  encoded: string | undefined,
  signature: string | undefined,
): Principal | null => {
  if (!encoded || !signature) return null;
  const expected = Buffer.from(sign(secret, encoded));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Principal;
  } catch {
    return null;
  }
};

export const INTERNAL_SECRET = Symbol('INTERNAL_SECRET');
const PUBLIC_ROUTE = 'hookport:public-route';

/** Marks a route the guard lets through without a gateway principal (health, metrics). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/**
 * Services accept calls only from the gateway: a missing or forged principal is a 401. A portal
 * session reaches only its own application's routes (`:appId` is its application, or the
 * answer is 404 as for a missing one), and only routes whose `@AllowedCallers` admit it.
 */
@Injectable()
export class InternalPrincipalGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const principal = decodePrincipal(
      this.secret,
      request.headers[PRINCIPAL_HEADER] as string | undefined,
      request.headers[PRINCIPAL_SIGNATURE_HEADER] as string | undefined,
    );
    if (!principal) throw new HookportError('unauthorized', 'Calls must come through the gateway.');
    const allowed = this.reflector.getAllAndOverride<Principal['kind'][] | undefined>(
      ALLOWED_CALLERS,
      [context.getHandler(), context.getClass()],
    );
    if (allowed && !allowed.includes(principal.kind))
      throw new HookportError('forbidden', 'This route is not open to this caller.');
    const appId = (request.params as Record<string, string> | undefined)?.['appId'];
    if (principal.kind === 'portal-session' && appId !== undefined && appId !== principal.appId)
      throw new HookportError('notFound', `Application ${appId} not found`);
    if (appId === OPERATIONAL_APP_ID && !mayReachOperationalApp(principal, request.method))
      throw new HookportError('notFound', `Application ${appId} not found`);
    request.principal = principal;
    return true;
  }
}

/**
 * The operational webhooks' internal application is the operator's alone: reached by an API key
 * holding the `operational-webhooks` scope (the gateway routes only its own paths there) or by
 * Hookport itself, never by a portal session; to anyone else it does not exist.
 */
const mayReachOperationalApp = (principal: Principal, method: string): boolean => {
  if (principal.kind === 'system') return true;
  if (principal.kind !== 'api-key') return false;
  const access = method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  return managementScopeAllows(principal.scopes, `operational-webhooks:${access}`);
};

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? { kind: 'anonymous' },
);

/** The actor recorded on events, derived from the principal. */
export const actorOf = (principal: Principal) => {
  switch (principal.kind) {
    case 'api-key':
      return { kind: 'api-key' as const, id: principal.keyId };
    case 'portal-session':
      return {
        kind: 'portal-session' as const,
        id: principal.sessionId,
        metadata: principal.metadata,
      };
    case 'system':
      return { kind: 'system' as const, id: principal.id };
    case 'anonymous':
      return { kind: 'system' as const, id: 'anonymous' };
  }
};

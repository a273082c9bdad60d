import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Provider,
} from '@nestjs/common';
import { APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../security/principal';
import {
  idempotencyScopeOf,
  keyInFlight,
  keyInvalid,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  requestHashOf,
  RequestIdempotency,
  type IdempotentRequest,
} from './request-idempotency';

const OWN_IDEMPOTENCY = 'hookport:own-idempotency';

/**
 * Marks a POST that honours `Idempotency-Key` itself, in its own transaction (message create):
 * the interceptor leaves it alone.
 */
export const OwnIdempotency = () => SetMetadata(OWN_IDEMPOTENCY, true);

// A repeat that finds the first request still running waits this long for its answer (as
// Svix's server does), then answers 409.
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 100;

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/**
 * `Idempotency-Key` on every POST of a service: the same key with the same request answers the
 * first successful answer again (status and body) without running the handler; with another
 * request, 409. Keys are scoped by the caller (its API key or portal session), so one tenant's
 * key never answers another's request.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: RequestIdempotency,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithPrincipal>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    if (this.reflector.get<boolean>(OWN_IDEMPOTENCY, context.getHandler())) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !VISIBLE_ASCII.test(key))
      throw keyInvalid();
    const scope = request.principal ? idempotencyScopeOf(request.principal) : null;
    if (scope === null) return next.handle();
    const idempotent: IdempotentRequest = {
      scope,
      key,
      requestHash: requestHashOf(request.method, request.url, request.body),
    };
    const reply = http.getResponse<FastifyReply>();
    return defer(() => this.run(idempotent, reply, next));
  }

  private async run(
    request: IdempotentRequest,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const waitUntil = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const outcome = await this.keys.claim(request);
      switch (outcome.kind) {
        case 'answered':
          void reply.status(outcome.status);
          return outcome.body ?? undefined;
        case 'in-flight':
          if (Date.now() >= waitUntil) throw keyInFlight();
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
          continue;
        case 'claimed': {
          let answer: unknown;
          try {
            answer = await lastValueFrom(next.handle(), { defaultValue: undefined });
          } catch (error) {
            await this.keys.release(request, outcome.claim);
            throw error;
          }
          // Nest has set the route's status before the handler ran; the handler may have changed it.
          const status = reply.statusCode;
          if (status >= 200 && status < 300)
            await this.keys.complete(request, outcome.claim, status, answer);
          else await this.keys.release(request, outcome.claim);
          return answer;
        }
      }
    }
  }
}

/** Registers the interceptor for every route of a service's module. */
export const idempotencyInterceptorProvider = (keys: RequestIdempotency): Provider => ({
  provide: APP_INTERCEPTOR,
  useFactory: (reflector: Reflector) => new IdempotencyInterceptor(keys, reflector),
  inject: [Reflector],
});

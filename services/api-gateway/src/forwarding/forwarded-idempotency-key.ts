import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

const keyOfRequest = new AsyncLocalStorage<string>();

/**
 * The `Idempotency-Key` of the POST being handled, for ServiceClient to pass on: every POST a
 * route forwards carries it without each route having to remember, and the owning service
 * answers a repeat (see the platform's IdempotencyInterceptor).
 */
export const idempotencyKeyInScope = (): string | undefined => keyOfRequest.getStore();

/** Holds a POST's `Idempotency-Key` for the time its route runs. */
@Injectable()
export class ForwardIdempotencyKey implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || typeof key !== 'string') return next.handle();
    return new Observable((subscriber) =>
      keyOfRequest.run(key, () => next.handle().subscribe(subscriber)),
    );
  }
}

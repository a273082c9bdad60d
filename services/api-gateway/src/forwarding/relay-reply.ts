import type { FastifyReply } from 'fastify';
import type { ForwardResponse } from './service-client';

/** Sends a service's answer to the client unchanged (status, body, content type). */
export const relayReply = (reply: FastifyReply, response: ForwardResponse): FastifyReply =>
  reply
    .status(response.status)
    .headers(response.headers)
    .type(response.contentType ?? 'application/json')
    .send(response.body);

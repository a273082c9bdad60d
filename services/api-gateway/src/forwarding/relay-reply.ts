import type { FastifyReply } from 'fastify';
import type { ForwardRequest, ForwardResponse, ServiceClient, ServiceName } from './service-client';

/** Sends a service's answer to the client unchanged (status, body, content type). */
export const relayReply = (reply: FastifyReply, response: ForwardResponse): FastifyReply =>
  reply
    .status(response.status)
    .headers(response.headers)
    .type(response.contentType ?? 'application/json')
    .send(response.body);

/** Forwards a request to a service and relays its answer: the body of most gateway routes. */
export const forwardAndRelay = async (
  services: ServiceClient,
  reply: FastifyReply,
  service: ServiceName,
  request: ForwardRequest,
): Promise<FastifyReply> => relayReply(reply, await services.forward(service, request));

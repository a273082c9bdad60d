import type { ComposedHandler } from '../routes/route-call';

/** Svix's unauthenticated health route: the gateway answers it itself. */
export const health: ComposedHandler = async ({ reply }) => reply.status(204).send();

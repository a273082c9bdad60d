import type { ComposedHandler } from '../routes/route-call';

/** `getApplication`: resolving the application (by id or uid, as its entry says) is the answer. */
export const getApplication: ComposedHandler = async ({ app, reply }) => {
  const { application } = await app();
  return reply.status(200).send(application);
};

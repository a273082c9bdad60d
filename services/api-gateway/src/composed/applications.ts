import type { AppResolver } from '../forwarding/app-resolver';
import type { ComposedHandler } from '../routes/route-call';

/** `getApplication`: resolving the application (by id or uid) is the answer. */
export const getApplication =
  (apps: AppResolver): ComposedHandler =>
  async ({ param, principal, reply }) => {
    const { app } = await apps.resolve(param('appId'), principal);
    return reply.status(200).send(app);
  };

import { HookportError, type Principal } from '@hookport/platform';

/** The application a portal request is bound to: the session's own, never one from the URL. */
export const sessionApp = (principal: Principal): string => {
  if (principal.kind !== 'portal-session')
    throw new HookportError('unauthorized', 'Portal session required.');
  return principal.appId;
};

import { HookportError, mayAccessEndpoint, type Principal } from '@hookport/platform';
import type {
  DirectoryEndpoint,
  EndpointDirectory,
} from '../endpoint-directory/endpoint-directory';
import { MessageError } from '../ingest/message.errors';

/**
 * The endpoint a delivery control (resend, recover, replay) acts on: once delivery has seen the
 * endpoint changes the caller saw, the application's endpoint the caller may access, else 404.
 */
export const controlledEndpoint = async (
  directory: EndpointDirectory,
  target: { appId: string; endpointId: string; principal: Principal; appPosition?: string },
): Promise<DirectoryEndpoint> => {
  await directory.catchUpWith(target.appId, target.appPosition);
  const [endpoint] = directory.ofApplication(target.appId, target.endpointId);
  if (!endpoint || !mayAccessEndpoint(target.principal, target.endpointId))
    throw MessageError.endpointNotFound(target.endpointId);
  return endpoint;
};

/** A time window of recover or replay: `until`, when given, must come after `since`. */
export const refuseEmptyWindow = (window: { since: Date; until?: Date | null }): void => {
  if (window.until && window.until <= window.since)
    throw new HookportError('validation', 'until must be after since', [
      { field: 'until', message: 'until must be after since' },
    ]);
};

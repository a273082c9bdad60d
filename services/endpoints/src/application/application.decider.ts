import type { ApplicationCreatedV1 } from '@hookport/contracts';

export type ApplicationState =
  | { status: 'none' }
  | { status: 'active'; appId: string; name: string; uid: string | null };

export type ApplicationCommand = { type: 'CreateApplication'; data: ApplicationCreatedV1 };

export type ApplicationEvent = { type: 'application.created'; data: ApplicationCreatedV1 };

export const initialApplicationState: ApplicationState = { status: 'none' };

export const decideApplication = (
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] => {
  switch (command.type) {
    case 'CreateApplication':
      // Creating an application that exists is a no-op: retries of the same request are safe.
      return state.status === 'none' ? [{ type: 'application.created', data: command.data }] : [];
  }
};

export const evolveApplication = (
  state: ApplicationState,
  event: ApplicationEvent,
): ApplicationState => {
  switch (event.type) {
    case 'application.created':
      return {
        status: 'active',
        appId: event.data.appId,
        name: event.data.name,
        uid: event.data.uid,
      };
  }
};

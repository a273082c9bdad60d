import type { Decider } from '@hookport/platform';
import type {
  ApplicationCreatedV1,
  ApplicationDeletedV1,
  ApplicationUpdatedV1,
} from '@hookport/contracts';

export type ApplicationState =
  | { status: 'none' }
  | { status: 'active'; application: ApplicationCreatedV1 }
  | { status: 'deleted' };

export type ApplicationCommand =
  | { type: 'CreateApplication'; data: ApplicationCreatedV1 }
  | { type: 'UpdateApplication'; data: ApplicationUpdatedV1 }
  | { type: 'DeleteApplication' };

export type ApplicationEvent =
  | { type: 'application.created'; data: ApplicationCreatedV1 }
  | { type: 'application.updated'; data: ApplicationUpdatedV1 }
  | { type: 'application.deleted'; data: ApplicationDeletedV1 };

export const initialApplicationState: ApplicationState = { status: 'none' };

export const decideApplication = (
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] => {
  switch (command.type) {
    case 'CreateApplication':
      // Creating an application that exists is a no-op: retries of the same request are safe.
      return state.status === 'none' ? [{ type: 'application.created', data: command.data }] : [];
    case 'UpdateApplication':
      if (state.status !== 'active') return [];
      return JSON.stringify(state.application) === JSON.stringify(command.data)
        ? []
        : [{ type: 'application.updated', data: command.data }];
    case 'DeleteApplication':
      return state.status === 'active'
        ? [{ type: 'application.deleted', data: { appId: state.application.appId } }]
        : [];
  }
};

export const evolveApplication = (
  state: ApplicationState,
  event: ApplicationEvent,
): ApplicationState => {
  switch (event.type) {
    case 'application.created':
    case 'application.updated':
      return { status: 'active', application: event.data };
    case 'application.deleted':
      return { status: 'deleted' };
  }
};

/** The application stream's rules, as the write path (CommandHandler) runs them. */
export const applicationDecider: Decider<ApplicationCommand, ApplicationState, ApplicationEvent> = {
  decide: decideApplication,
  evolve: evolveApplication,
};

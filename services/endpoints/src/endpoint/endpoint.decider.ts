import type { Decider } from '@hookport/platform';
import type {
  EndpointCreatedV1,
  EndpointDeletedV1,
  EndpointSecretRotatedV1,
  EndpointUpdatedV1,
  SecretMaterial,
} from '@hookport/contracts';

export type EndpointState =
  | { status: 'none' }
  | { status: 'active'; endpoint: EndpointCreatedV1 }
  | { status: 'deleted' };

export type EndpointCommand =
  | { type: 'CreateEndpoint'; data: EndpointCreatedV1 }
  | { type: 'UpdateEndpoint'; data: EndpointUpdatedV1 }
  | { type: 'DeleteEndpoint' }
  | { type: 'RotateSecret'; data: { newSecret: string; previousExpireAt: string; now: string } };

export type EndpointEvent =
  | { type: 'endpoint.created'; data: EndpointCreatedV1 }
  | { type: 'endpoint.updated'; data: EndpointUpdatedV1 }
  | { type: 'endpoint.deleted'; data: EndpointDeletedV1 }
  | { type: 'endpoint.secret-rotated'; data: EndpointSecretRotatedV1 };

export const initialEndpointState: EndpointState = { status: 'none' };

/** At most this many previous secrets stay valid after rotations, newest first. */
export const MAX_PREVIOUS_SECRETS = 10;

const sameConfig = (a: EndpointCreatedV1, b: EndpointCreatedV1) =>
  JSON.stringify(a) === JSON.stringify(b);

export const decideEndpoint = (command: EndpointCommand, state: EndpointState): EndpointEvent[] => {
  switch (command.type) {
    case 'CreateEndpoint':
      return state.status === 'none' ? [{ type: 'endpoint.created', data: command.data }] : [];
    case 'UpdateEndpoint':
      // An update that changes nothing records nothing: portal retries are safe.
      if (state.status !== 'active' || sameConfig(state.endpoint, command.data)) return [];
      return [{ type: 'endpoint.updated', data: command.data }];
    case 'DeleteEndpoint':
      if (state.status !== 'active') return [];
      return [
        {
          type: 'endpoint.deleted',
          data: { endpointId: state.endpoint.endpointId, appId: state.endpoint.appId },
        },
      ];
    case 'RotateSecret': {
      if (state.status !== 'active') return [];
      const { newSecret, previousExpireAt, now } = command.data;
      // The current secret becomes a previous one; expired previous ones are dropped.
      const previous: SecretMaterial[] = state.endpoint.secrets
        .map((secret) => ({
          encrypted: secret.encrypted,
          expiresAt:
            secret.expiresAt === null || secret.expiresAt > previousExpireAt
              ? previousExpireAt
              : secret.expiresAt,
        }))
        .filter((secret) => secret.expiresAt > now)
        .slice(0, MAX_PREVIOUS_SECRETS);
      return [
        {
          type: 'endpoint.secret-rotated',
          data: {
            endpointId: state.endpoint.endpointId,
            appId: state.endpoint.appId,
            secrets: [{ encrypted: newSecret, expiresAt: null }, ...previous],
          },
        },
      ];
    }
  }
};

export const evolveEndpoint = (state: EndpointState, event: EndpointEvent): EndpointState => {
  switch (event.type) {
    case 'endpoint.created':
    case 'endpoint.updated':
      return { status: 'active', endpoint: event.data };
    case 'endpoint.deleted':
      return { status: 'deleted' };
    case 'endpoint.secret-rotated':
      return state.status === 'active'
        ? { status: 'active', endpoint: { ...state.endpoint, secrets: event.data.secrets } }
        : state;
  }
};

/** The endpoint stream's rules, as the write path (CommandHandler) runs them. */
export const endpointDecider: Decider<EndpointCommand, EndpointState, EndpointEvent> = {
  decide: decideEndpoint,
  evolve: evolveEndpoint,
};

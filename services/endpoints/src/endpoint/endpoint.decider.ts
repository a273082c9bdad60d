import type { EndpointCreatedV1 } from '@hookport/contracts';

export type EndpointState =
  | { status: 'none' }
  | { status: 'active'; endpointId: string; appId: string };

export type EndpointCommand = { type: 'CreateEndpoint'; data: EndpointCreatedV1 };

export type EndpointEvent = { type: 'endpoint.created'; data: EndpointCreatedV1 };

export const initialEndpointState: EndpointState = { status: 'none' };

export const decideEndpoint = (command: EndpointCommand, state: EndpointState): EndpointEvent[] => {
  switch (command.type) {
    case 'CreateEndpoint':
      return state.status === 'none' ? [{ type: 'endpoint.created', data: command.data }] : [];
  }
};

export const evolveEndpoint = (state: EndpointState, event: EndpointEvent): EndpointState => {
  switch (event.type) {
    case 'endpoint.created':
      return { status: 'active', endpointId: event.data.endpointId, appId: event.data.appId };
  }
};

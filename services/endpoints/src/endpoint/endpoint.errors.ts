import { HookportError } from '@hookport/platform';

export enum EndpointErrorCode {
  HttpsRequired = 'endpoint-https-required',
  UidTaken = 'endpoint-uid-taken',
  AddressNotAllowed = 'endpoint-address-not-allowed',
  ReservedHeader = 'endpoint-reserved-header',
  InvalidHeader = 'endpoint-invalid-header',
  UnknownEventType = 'endpoint-unknown-event-type',
  NoSecret = 'endpoint-no-secret',
}

export class EndpointError extends HookportError {
  static notFound(idOrUid: string) {
    return new EndpointError('notFound', `Endpoint ${idOrUid} not found`);
  }

  static httpsRequired() {
    return new EndpointError('validation', 'Endpoint URLs must use https', [
      { field: 'url', message: EndpointErrorCode.HttpsRequired },
    ]);
  }

  static uidTaken(uid: string) {
    return new EndpointError('conflict', `An endpoint with uid "${uid}" already exists`, [
      { field: 'uid', message: EndpointErrorCode.UidTaken },
    ]);
  }

  static addressNotAllowed(host: string, reason: string) {
    return new EndpointError(
      'validation',
      `${host} resolves to a ${reason} address, which webhooks may not be sent to`,
      [{ field: 'url', message: EndpointErrorCode.AddressNotAllowed }],
    );
  }

  static reservedHeader(name: string) {
    return new EndpointError('validation', `The header "${name}" is set by Hookport itself`, [
      { field: `headers.${name}`, message: EndpointErrorCode.ReservedHeader },
    ]);
  }

  static invalidHeader(name: string) {
    return new EndpointError('validation', `"${name}" is not a valid header name and value`, [
      { field: `headers.${name}`, message: EndpointErrorCode.InvalidHeader },
    ]);
  }

  static unknownEventTypes(names: string[]) {
    return new EndpointError(
      'validation',
      `Unknown event types: ${names.join(', ')}; create them in the catalogue first`,
      [{ field: 'filterTypes', message: EndpointErrorCode.UnknownEventType }],
    );
  }
}

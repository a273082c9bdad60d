import { HookportError } from '@hookport/platform';

export enum EndpointErrorCode {
  HttpsRequired = 'endpoint-https-required',
  UidTaken = 'endpoint-uid-taken',
}

export class EndpointError extends HookportError {
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
}

import { HookportError } from '@hookport/platform';

export enum PortalSessionErrorCode {
  CodeInvalid = 'portal-code-invalid-used-or-expired',
  ApplicationUnknown = 'portal-application-unknown',
}

export class PortalSessionError extends HookportError {
  static codeInvalid() {
    return new PortalSessionError(
      'codeAlreadyUsed',
      'This portal link has expired or was already used. Ask for a new one.',
    );
  }
}

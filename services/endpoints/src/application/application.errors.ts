import { HookportError } from '@hookport/platform';

export enum ApplicationErrorCode {
  NotFound = 'application-not-found',
  UidTaken = 'application-uid-taken',
}

export class ApplicationError extends HookportError {
  static notFound(idOrUid: string) {
    return new ApplicationError('notFound', `Application ${idOrUid} not found`);
  }

  static uidTaken(uid: string) {
    return new ApplicationError('conflict', `An application with uid "${uid}" already exists`, [
      { field: 'uid', message: ApplicationErrorCode.UidTaken },
    ]);
  }
}

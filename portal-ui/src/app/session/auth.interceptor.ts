import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';

import { PORTAL_API_BASE_URL, isPortalApiUrl } from '../api/portal-api';
import { SessionStore } from './session-store';

/**
 * Adds the session token to portal API calls, and only to those: the token must never reach
 * another origin. A 401 on an authenticated call means the session is over.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const baseUrl = inject(PORTAL_API_BASE_URL);
  if (!isPortalApiUrl(request.url, baseUrl)) {
    return next(request);
  }
  const session = inject(SessionStore);
  const token = session.token();
  if (token === null) {
    return next(request);
  }
  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })).pipe(
    tap({
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) {
          session.lapse();
        }
      },
    }),
  );
};

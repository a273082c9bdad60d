import { Injectable, computed, inject } from '@angular/core';

import type { PortalScope } from '@hookport/contracts';

import { SessionStore } from '../session/session-store';

/**
 * What the session may do. Views hide the controls a session lacks the scope for; the API
 * refuses those actions anyway, so this is presentation, not enforcement.
 */
@Injectable({ providedIn: 'root' })
export class SessionScopes {
  private readonly session = inject(SessionStore);
  private readonly scopes = computed(() => new Set(this.session.session()?.scopes ?? []));

  has(scope: PortalScope): boolean {
    return this.scopes().has(scope);
  }
}

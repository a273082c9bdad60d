import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { PORTAL_SESSION_MIGRATIONS } from './migrations';
import { createPortalSessionService } from './portal-session.service';

void runServiceProcess('portal-session', createPortalSessionService, {
  migrations: PORTAL_SESSION_MIGRATIONS,
});

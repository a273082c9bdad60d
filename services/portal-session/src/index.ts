export { createPortalSessionService } from './portal-session.service';
export { PORTAL_SESSION_SETTINGS } from './config';

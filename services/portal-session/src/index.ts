export { createPortalSessionService } from './portal-session.service';

import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { createPortalSessionService } from './portal-session.service';

void runServiceProcess('portal-session', createPortalSessionService);

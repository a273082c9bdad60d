import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { ENDPOINTS_MIGRATIONS } from './migrations';
import { createEndpointsService } from './endpoints.service';

void runServiceProcess('endpoints', createEndpointsService, { migrations: ENDPOINTS_MIGRATIONS });

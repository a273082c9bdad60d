import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { createEndpointsService } from './endpoints.service';

void runServiceProcess('endpoints', createEndpointsService);

import 'reflect-metadata';
import { runServiceProcess } from '@hookport/platform';
import { createGatewayService } from './gateway.service';

void runServiceProcess('api-gateway', createGatewayService, { usesDatabase: false });
